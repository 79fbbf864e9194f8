package com.contactdecision.facts;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Frequency-cap counting over {@link PastContacts} (12 CFR 1006.14(b)(2)(i)(A); 47 CFR
 * 64.1200(a)(3)(iii)): how much of a cap each unit of a contact has used, and whether a
 * consent lifts the cap. Rules call {@code CapCounting.usage(history, $cap, $contact)}.
 * Stateless.
 */
public final class CapCounting {

	private CapCounting() {
	}

	/**
	 * Usage of a cap by each unit the contact concerns (each of its debts, the person, or
	 * the line), in the window of {@code windowDays} local days ending on the contact's
	 * day (C4), events dated per C3. Units the contact itself is not subject to are left
	 * out: for {@link Counting#PLACED_CALLS}, a debt whose calls the person asked for
	 * directly (1006.14(b)(3)(i)), and every unit of a call not addressed to the consumer
	 * (1006.14(b)(3)(iii); a third party has its own count).
	 */
	public static List<CapUsage> usage(PastContacts h, FrequencyCap cap, Contact c) {
		List<CapUsage> result = new ArrayList<>();
		if (!cap.counts().subjects(c)) {
			return result;
		}
		boolean repliesExempt = cap.counts().exemptsReplies();
		if (repliesExempt && h.answersInbound(c)) {
			return result;
		}
		ConsumerZones zones = h.zones();
		LocalDate day = zones.candidateDate(h.at());
		LocalDate from = day.minusDays(cap.windowDays() - 1L);
		LocalDate latest = zones.eventDate(h.at());
		for (String unitKey : h.unitKeys(cap.unit(), c)) {
			if (cap.counts() == Counting.PLACED_CALLS && DirectConsent.coversKey(h, c, unitKey)) {
				continue;
			}
			// One pass over the records with the per-record dates and keys the view
			// computed
			// once for every cap row; the cheap tests first, the same conditions as ever.
			List<ContactRecord> records = h.records();
			List<LocalDate> dates = new ArrayList<>();
			for (int i = 0; i < records.size(); i++) {
				ContactRecord r = records.get(i);
				if (!PastContacts.sameCollector(r, c) || !cap.counts().counts(r)) {
					continue;
				}
				// An event still weighs while its day is in the window; events on later
				// days
				// are not in a window that ends on the contact's day (a reservation made
				// for
				// later, say).
				LocalDate d = h.eventDate(i);
				if (d.isBefore(from) || d.isAfter(latest)) {
					continue;
				}
				if ((repliesExempt && r.inResponseTo() != null && h.isInbound(r.inResponseTo()))
						|| !(cap.unit() == CapUnit.LINE || cap.countsLine(r.lineType()))
						|| !h.inUnit(cap.unit(), unitKey, i)
						|| (cap.counts() == Counting.PLACED_CALLS && DirectConsent.excludes(h, r, unitKey))) {
					continue;
				}
				dates.add(d);
			}
			dates.sort(Comparator.reverseOrder());
			Instant liftsAt = null;
			if (dates.size() >= cap.limit()) {
				// The window must move past the limit-th most recent counted day before
				// one more fits.
				LocalDate blocking = dates.get(cap.limit() - 1);
				liftsAt = zones.startOfDayEverywhere(blocking.plusDays(cap.windowDays()));
				if (cap.counts() == Counting.PLACED_CALLS) {
					liftsAt = PastContacts.earlier(liftsAt, DirectConsent.nextStart(h, c, unitKey));
				}
			}
			result.add(new CapUsage(cap, unitKey, dates.size(), from, day, liftsAt, zones.ids()));
		}
		return result;
	}

	/**
	 * Whether the latest consent of the cap's exempting kind for the contact's channel
	 * and destination, received by now, is a grant that covers the contact's dial mode
	 * (e.g. TCPA prior express consent lifts the residential prerecorded-call limit, 47
	 * CFR 64.1200(a)(3)(iii)).
	 */
	public static boolean exemptByConsent(PastContacts h, FrequencyCap cap, Contact c) {
		if (!cap.hasConsentExemption()) {
			return false;
		}
		return h.consents()
			.stream()
			.filter(k -> k.kind() != null && k.kind().name().equalsIgnoreCase(cap.exemptWithConsent())
					&& (k.at() == null || !k.at().isAfter(h.at())) && k.matches(c.channel(), c.address()))
			.max(Comparator.comparing(k -> k.at() == null ? Instant.MIN : k.at()))
			.filter(k -> k.granted() && k.scope().covers(c.dialMode()))
			.isPresent();
	}

}
