package com.contactdecision.facts;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Comparator;
import java.util.List;

/**
 * Consent given directly to the collector (12 CFR 1006.14(b)(3)(i), 1006.6(b)(4)(i); 15
 * U.S.C. 1692c(a)), over {@link PastContacts}: whether it names a time (lifting the
 * federal hours), and which calls it takes out of the frequency counts. Rules call
 * {@code DirectConsent.namesTime(history, this)}. Stateless.
 */
public final class DirectConsent {

	/**
	 * REGF-EXCL: a direct prior consent covers the day of receipt and the six days after.
	 */
	static final int DIRECT_CONSENT_DAYS = 7;

	/**
	 * 1006.6(b)(4)(i): the longest window a direct prior consent may name and still be a
	 * consent to a particular time (convention; a whole day is not).
	 */
	static final Duration CONSENTED_TIME_MAX = Duration.ofHours(4);

	private DirectConsent() {
	}

	/**
	 * Whether a call is made with the consumer's prior consent given directly to the
	 * collector for a time of its own (1006.6(b)(4)(i); 15 U.S.C. 1692c(a)): for every
	 * debt of the call, the latest DIRECT_CONTACT record received by now is a grant that
	 * names a time: a window (validFrom and validUntil) of at most
	 * {@link #CONSENTED_TIME_MAX} containing the call's instant (e.g. "call me back at
	 * 9:30 tonight": 21:30-22:00), for calls (or any channel) and for this number (or
	 * any). A consent that names no time, or a whole day ("call me back Thursday"),
	 * consents to no particular time, so it lifts no time rule (it still excludes calls
	 * from the frequency counts, 1006.14(b)(3)(i)).
	 */
	public static boolean namesTime(PastContacts h, Contact c) {
		return c.isCall() && !c.debtIds().isEmpty() && c.debtIds().stream().allMatch(id -> {
			Consent latest = h.consents()
				.stream()
				.filter(k -> k.kind() == ConsentKind.DIRECT_CONTACT && k.coversDebt(id) && k.at() != null
						&& !k.at().isAfter(h.at()) && (k.channel() == null || k.channel().isCall())
						&& (k.destination() == null || k.destination().equalsIgnoreCase(c.phone())))
				.max(Comparator.comparing(Consent::at))
				.orElse(null);
			return latest != null && latest.granted() && latest.validFrom() != null && latest.validUntil() != null
					&& Duration.between(latest.validFrom(), latest.validUntil()).compareTo(CONSENTED_TIME_MAX) <= 0
					&& !c.at().isBefore(latest.validFrom()) && c.at().isBefore(latest.validUntil());
		});
	}

	/**
	 * Whether the call is within a direct prior consent for every debt of the contact
	 * under this counting key.
	 */
	static boolean coversKey(PastContacts h, Contact c, String debtKey) {
		if (!h.hasDirectConsent()) {
			return false;
		}
		List<String> ids = c.debtIds().stream().filter(id -> h.debtKey(id).equals(debtKey)).toList();
		return c.isCall() && !ids.isEmpty() && ids.stream().allMatch(id -> covers(h, id, c.at()));
	}

	/**
	 * A past call placed within a direct prior consent for its debts under this key never
	 * counts.
	 */
	static boolean excludes(PastContacts h, ContactRecord r, String unitKey) {
		if (!h.hasDirectConsent()) {
			return false;
		}
		List<String> ids = r.debtIds().stream().filter(id -> h.debtKey(id).equals(unitKey)).toList();
		List<String> scope = ids.isEmpty() ? r.debtIds() : ids;
		return !scope.isEmpty() && scope.stream().allMatch(id -> covers(h, id, r.at()));
	}

	/**
	 * Some grant of direct consent for the debt, received by {@code when}, covers
	 * {@code when}: its receipt day is day 1 of at most seven (the call's day must be
	 * within receipt+6 in every zone the consumer may be in, so the exclusion never
	 * outlasts the shortest reading), the instant is in [validFrom, validUntil), and no
	 * revocation covering the debt came between grant and call.
	 */
	private static boolean covers(PastContacts h, String debtId, Instant when) {
		List<Consent> relevant = h.consents()
			.stream()
			.filter(k -> k.kind() == ConsentKind.DIRECT_CONTACT && k.coversDebt(debtId) && k.at() != null
					&& !k.at().isAfter(when))
			.toList();
		return relevant.stream()
			.filter(Consent::granted)
			.filter(k -> relevant.stream().noneMatch(rv -> !rv.granted() && !rv.at().isBefore(k.at())))
			.anyMatch(k -> withinConsentDays(h.zones(), k.at(), when)
					&& (k.validFrom() == null || !when.isBefore(k.validFrom()))
					&& (k.validUntil() == null || when.isBefore(k.validUntil())));
	}

	/**
	 * The first instant after now at which a direct consent already on file starts
	 * covering a call about every debt of the contact under this key (e.g. "call me back
	 * Thursday" received Monday, valid from Thursday), or null. A proposal for the
	 * next-eligible search, which decides again there.
	 */
	static Instant nextStart(PastContacts h, Contact c, String debtKey) {
		if (!h.hasDirectConsent()) {
			return null;
		}
		List<String> ids = c.debtIds().stream().filter(id -> h.debtKey(id).equals(debtKey)).toList();
		if (!c.isCall() || ids.isEmpty()) {
			return null;
		}
		Instant latestStart = null;
		for (String id : ids) {
			Instant start = h.consents()
				.stream()
				.filter(k -> k.kind() == ConsentKind.DIRECT_CONTACT && k.granted() && k.coversDebt(id) && k.at() != null
						&& !k.at().isAfter(h.at()))
				.map(k -> k.validFrom() != null && k.validFrom().isAfter(k.at()) ? k.validFrom() : k.at())
				.filter(start1 -> start1.isAfter(h.at()) && covers(h, id, start1))
				.min(Comparator.naturalOrder())
				.orElse(null);
			if (start == null) {
				return null;
			}
			latestStart = latestStart == null || start.isAfter(latestStart) ? start : latestStart;
		}
		return latestStart;
	}

	private static boolean withinConsentDays(ConsumerZones zones, Instant received, Instant when) {
		for (ZoneId z : zones.zones()) {
			LocalDate r = LocalDate.ofInstant(received, z);
			LocalDate d = LocalDate.ofInstant(when, z);
			if (d.isAfter(r.plusDays(DIRECT_CONSENT_DAYS - 1L))) {
				return false;
			}
		}
		return true;
	}

}
