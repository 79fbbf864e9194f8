package com.contactdecision.facts;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * The consumer's contact history as the rules query it, seen from the instant being decided. Rules
 * reach it as the global {@code history}. Immutable; the counting follows the conventions of
 * regulations.md section 0.2:
 * <ul>
 * <li>C3: a past event is dated on its latest local date across the consumer's zones (the
 * earliest-starting zone); a block that lasts through local day D ends when D has ended in every
 * zone (the latest-ending zone). Both can only lengthen a block.</li>
 * <li>C4: windows are rolling: the window of N days is the one ending on the contact's own day, i.e.
 * a past event on day E still weighs on every instant before the start of E+N everywhere.</li>
 * <li>Counting is per collector: a record made by another collector does not count; a record that
 * names no collector (an event reported without one) counts for every collector.</li>
 * </ul>
 * The history is the consumer's: calls to all of the person's numbers add up (REGF-7IN7).
 */
public final class History {

	/** REGF-REBUT: two attempts to the same number within this are "rapid succession". */
	static final Duration RAPID_SUCCESSION = Duration.ofMinutes(5);

	/** REGF-REBUT: this many calls to the same number in one local day are "concentrated". */
	static final int CONCENTRATED_CALLS_PER_DAY = 7;

	/** REGF-EXCL: a direct prior consent covers the day of receipt and the six days after. */
	static final int DIRECT_CONSENT_DAYS = 7;

	/**
	 * 1006.6(b)(4)(i): the longest window a direct prior consent may name and still be a consent to a
	 * particular time (convention; a whole day is not).
	 */
	static final Duration CONSENTED_TIME_MAX = Duration.ofHours(4);

	private final List<ContactRecord> records;

	private final List<Consent> consents;

	private final Map<String, Debt> debts;

	private final ConsumerZones zones;

	private final Instant at;

	public History(List<ContactRecord> records, List<Consent> consents, Map<String, Debt> debts, ConsumerZones zones,
			Instant at) {
		this.records = List.copyOf(records);
		this.consents = List.copyOf(consents);
		this.debts = Map.copyOf(debts);
		this.zones = zones;
		this.at = at;
	}

	public History at(Instant instant) {
		return new History(records, consents, debts, zones, instant);
	}

	public List<ContactRecord> records() {
		return records;
	}

	/** The debts the history is counted against (the requested ones and their servicing siblings). */
	public Map<String, Debt> debts() {
		return debts;
	}

	/** The counting key of a debt: its servicing account for student loans, else its id. */
	public String debtKey(String debtId) {
		Debt d = debts.get(debtId);
		return d == null ? debtId : d.countingKey();
	}

	// ---------------------------------------------------------------------------------------------
	// Caps

	/**
	 * Usage of a cap by each unit the contact concerns (each of its debts, the person, or the line),
	 * in the window of {@code windowDays} local days ending on the contact's day (C4), events dated
	 * per C3. Units the contact itself is not subject to are left out: for {@link Counting#PLACED_CALLS},
	 * a debt whose calls the person asked for directly (1006.14(b)(3)(i)), and every unit of a call
	 * not addressed to the consumer (1006.14(b)(3)(iii); a third party has its own count).
	 */
	public List<CapUsage> usage(FrequencyCap cap, Contact c) {
		List<CapUsage> result = new ArrayList<>();
		if (!cap.counts().subjects(c)) {
			return result;
		}
		boolean repliesExempt = cap.counts().exemptsReplies();
		if (repliesExempt && answersInbound(c)) {
			return result;
		}
		LocalDate day = zones.candidateDate(at);
		LocalDate from = day.minusDays(cap.windowDays() - 1L);
		LocalDate latest = zones.eventDate(at);
		for (String unitKey : unitKeys(cap.unit(), c)) {
			if (cap.counts() == Counting.PLACED_CALLS && directConsentCoversKey(c, unitKey)) {
				continue;
			}
			List<LocalDate> dates = records.stream()
				.filter(r -> sameCollector(r, c) && cap.counts().counts(r)
						&& !(repliesExempt && r.inResponseTo() != null && isInbound(r.inResponseTo()))
						&& (cap.unit() == CapUnit.LINE || cap.countsLine(r.lineType()))
						&& inUnit(cap.unit(), unitKey, r)
						&& !(cap.counts() == Counting.PLACED_CALLS && excludedByDirectConsent(r, unitKey)))
				.map(r -> zones.eventDate(r.at()))
				// An event still weighs while its day is in the window; events on later days are not
				// in a window that ends on the contact's day (a reservation made for later, say).
				.filter(d -> !d.isBefore(from) && !d.isAfter(latest))
				.sorted(Comparator.reverseOrder())
				.toList();
			Instant liftsAt = null;
			if (dates.size() >= cap.limit()) {
				// The window must move past the limit-th most recent counted day before one more fits.
				LocalDate blocking = dates.get(cap.limit() - 1);
				liftsAt = zones.startOfDayEverywhere(blocking.plusDays(cap.windowDays()));
				if (cap.counts() == Counting.PLACED_CALLS) {
					liftsAt = earlier(liftsAt, nextDirectConsentStart(c, unitKey));
				}
			}
			result.add(new CapUsage(cap, unitKey, dates.size(), from, day, liftsAt, zones.ids()));
		}
		return result;
	}

	/** Whether the contact answers an inbound communication on record (it names it in inResponseTo). */
	public boolean answersInbound(Contact c) {
		return c.inResponseTo() != null && isInbound(c.inResponseTo());
	}

	private boolean isInbound(String eventId) {
		return event(eventId).filter(e -> !e.isOutbound()).isPresent();
	}

	/**
	 * Whether the latest consent of the cap's exempting kind for the contact's channel and destination,
	 * received by now, is a grant that covers the contact's dial mode (e.g. TCPA prior express consent
	 * lifts the residential prerecorded-call limit, 47 CFR 64.1200(a)(3)(iii)).
	 */
	public boolean exemptByConsent(FrequencyCap cap, Contact c) {
		if (!cap.hasConsentExemption()) {
			return false;
		}
		return consents.stream()
			.filter(k -> k.kind() != null && k.kind().name().equalsIgnoreCase(cap.exemptWithConsent())
					&& (k.at() == null || !k.at().isAfter(at)) && k.matches(c.channel(), c.address()))
			.max(Comparator.comparing(k -> k.at() == null ? Instant.MIN : k.at()))
			.filter(k -> k.granted() && k.scope().covers(c.dialMode()))
			.isPresent();
	}

	// ---------------------------------------------------------------------------------------------
	// Conversations (1006.14(b)(2)(i)(B))

	/**
	 * The most recent telephone conversation about each debt of the contact, inbound or outbound,
	 * whose block of {@code days} local days (the conversation's day being the first, dated per C3)
	 * still covers the contact's instant; the block ends when day C+days-1 has ended in every zone.
	 */
	public List<Conversation> recentConversations(Contact c, int days) {
		List<Conversation> result = new ArrayList<>();
		for (String key : unitKeys(CapUnit.DEBT, c)) {
			records.stream()
				.filter(r -> r.isConversation() && r.channel().isCall() && r.recipient() == Recipient.CONSUMER
						&& sameCollector(r, c) && !r.at().isAfter(at) && keysOf(r).contains(key))
				.map(r -> zones.eventDate(r.at()))
				.max(Comparator.naturalOrder())
				.map(d -> new Conversation(key, d, zones.startOfDayEverywhere(d.plusDays(days))))
				.filter(conv -> at.isBefore(conv.blockEndsAt()))
				.ifPresent(result::add);
		}
		return result;
	}

	/**
	 * The conversations that block this call under 1006.14(b)(2)(i)(B): {@link #recentConversations}
	 * less the debts whose call the person asked for directly (the (b)(3)(i) exclusion qualifies
	 * both prongs).
	 */
	public List<Conversation> blockingConversations(Contact c, int days) {
		return recentConversations(c, days).stream()
			.filter(conv -> !directConsentCoversKey(c, conv.debtKey()))
			.map(conv -> new Conversation(conv.debtKey(), conv.date(), conv.blockEndsAt(),
					earlier(conv.blockEndsAt(), nextDirectConsentStart(c, conv.debtKey()))))
			.toList();
	}

	// ---------------------------------------------------------------------------------------------
	// Direct prior consent (1006.14(b)(3)(i))

	/**
	 * Whether a call is made with the consumer's prior consent given directly to the collector for a
	 * time of its own (1006.6(b)(4)(i); 15 U.S.C. 1692c(a)): for every debt of the call, the latest
	 * DIRECT_CONTACT record received by now is a grant that names a time: a window (validFrom and
	 * validUntil) of at most {@link #CONSENTED_TIME_MAX} containing the call's instant (e.g. "call me
	 * back at 9:30 tonight": 21:30-22:00), for calls (or any channel) and for this number (or any). A
	 * consent that names no time, or a whole day ("call me back Thursday"), consents to no particular
	 * time, so it lifts no time rule (it still excludes calls from the frequency counts,
	 * 1006.14(b)(3)(i)).
	 */
	public boolean directConsentNamesTime(Contact c) {
		return c.isCall() && !c.debtIds().isEmpty() && c.debtIds().stream().allMatch(id -> {
			Consent latest = consents.stream()
				.filter(k -> k.kind() == ConsentKind.DIRECT_CONTACT && k.coversDebt(id) && k.at() != null
						&& !k.at().isAfter(at) && (k.channel() == null || k.channel().isCall())
						&& (k.destination() == null || k.destination().equalsIgnoreCase(c.phone())))
				.max(Comparator.comparing(Consent::at))
				.orElse(null);
			return latest != null && latest.granted() && latest.validFrom() != null && latest.validUntil() != null
					&& Duration.between(latest.validFrom(), latest.validUntil()).compareTo(CONSENTED_TIME_MAX) <= 0
					&& !c.at().isBefore(latest.validFrom()) && c.at().isBefore(latest.validUntil());
		});
	}

	/** Whether the call is within a direct prior consent for every debt of the contact under this counting key. */
	private boolean directConsentCoversKey(Contact c, String debtKey) {
		List<String> ids = c.debtIds().stream().filter(id -> debtKey(id).equals(debtKey)).toList();
		return c.isCall() && !ids.isEmpty() && ids.stream().allMatch(id -> directConsentCovers(id, c.at()));
	}

	/** A past call placed within a direct prior consent for its debts under this key never counts. */
	private boolean excludedByDirectConsent(ContactRecord r, String unitKey) {
		List<String> ids = r.debtIds().stream().filter(id -> debtKey(id).equals(unitKey)).toList();
		List<String> scope = ids.isEmpty() ? r.debtIds() : ids;
		return !scope.isEmpty() && scope.stream().allMatch(id -> directConsentCovers(id, r.at()));
	}

	/**
	 * Some grant of direct consent for the debt, received by {@code when}, covers {@code when}: its
	 * receipt day is day 1 of at most seven (the call's day must be within receipt+6 in every zone
	 * the consumer may be in, so the exclusion never outlasts the shortest reading), the instant is
	 * in [validFrom, validUntil), and no revocation covering the debt came between grant and call.
	 */
	private boolean directConsentCovers(String debtId, Instant when) {
		List<Consent> relevant = consents.stream()
			.filter(k -> k.kind() == ConsentKind.DIRECT_CONTACT && k.coversDebt(debtId) && k.at() != null
					&& !k.at().isAfter(when))
			.toList();
		return relevant.stream()
			.filter(Consent::granted)
			.filter(k -> relevant.stream().noneMatch(rv -> !rv.granted() && !rv.at().isBefore(k.at())))
			.anyMatch(k -> withinConsentDays(k.at(), when)
					&& (k.validFrom() == null || !when.isBefore(k.validFrom()))
					&& (k.validUntil() == null || when.isBefore(k.validUntil())));
	}

	/**
	 * The first instant after now at which a direct consent already on file starts covering a call
	 * about every debt of the contact under this key (e.g. "call me back Thursday" received Monday,
	 * valid from Thursday), or null. A proposal for the next-eligible search, which decides again there.
	 */
	private Instant nextDirectConsentStart(Contact c, String debtKey) {
		List<String> ids = c.debtIds().stream().filter(id -> debtKey(id).equals(debtKey)).toList();
		if (!c.isCall() || ids.isEmpty()) {
			return null;
		}
		Instant latestStart = null;
		for (String id : ids) {
			Instant start = consents.stream()
				.filter(k -> k.kind() == ConsentKind.DIRECT_CONTACT && k.granted() && k.coversDebt(id) && k.at() != null
						&& !k.at().isAfter(at))
				.map(k -> k.validFrom() != null && k.validFrom().isAfter(k.at()) ? k.validFrom() : k.at())
				.filter(start1 -> start1.isAfter(at) && directConsentCovers(id, start1))
				.min(Comparator.naturalOrder())
				.orElse(null);
			if (start == null) {
				return null;
			}
			latestStart = latestStart == null || start.isAfter(latestStart) ? start : latestStart;
		}
		return latestStart;
	}

	private static Instant earlier(Instant a, Instant b) {
		return a == null ? b : b == null ? a : b.isBefore(a) ? b : a;
	}

	private boolean withinConsentDays(Instant received, Instant when) {
		for (ZoneId z : zones.zones()) {
			LocalDate r = LocalDate.ofInstant(received, z);
			LocalDate d = LocalDate.ofInstant(when, z);
			if (d.isAfter(r.plusDays(DIRECT_CONSENT_DAYS - 1L))) {
				return false;
			}
		}
		return true;
	}

	// ---------------------------------------------------------------------------------------------
	// Rebuttal factors (REGF-REBUT): advisory only

	/** Whether the last attempt to the same number was less than five minutes before this call. */
	public boolean isRapidSuccession(Contact c) {
		return c.isCall() && c.phone() != null && records.stream()
			.filter(r -> r.isOutbound() && r.channel().isCall() && c.phone().equalsIgnoreCase(r.phone())
					&& sameCollector(r, c) && r.outcome() != EventOutcome.NOT_PLACED && !r.at().isAfter(at))
			.anyMatch(r -> Duration.between(r.at(), at).compareTo(RAPID_SUCCESSION) < 0);
	}

	/** Whether this call would be the 7th (or later) call to the same number on one local day, in any zone. */
	public boolean isConcentrated(Contact c) {
		if (!c.isCall() || c.phone() == null) {
			return false;
		}
		for (ZoneId z : zones.zones()) {
			LocalDate day = LocalDate.ofInstant(at, z);
			long calls = records.stream()
				.filter(r -> r.isOutbound() && r.channel().isCall() && c.phone().equalsIgnoreCase(r.phone())
						&& sameCollector(r, c) && r.isConnectedAttempt() && LocalDate.ofInstant(r.at(), z).equals(day))
				.count();
			if (calls + 1 >= CONCENTRATED_CALLS_PER_DAY) {
				return true;
			}
		}
		return false;
	}

	// ---------------------------------------------------------------------------------------------
	// Other queries

	/** The recorded event with this id, e.g. the inbound message a reply answers. */
	public Optional<ContactRecord> event(String eventId) {
		return eventId == null ? Optional.empty()
				: records.stream().filter(r -> eventId.equals(r.eventId())).findFirst();
	}

	/**
	 * Whether a contact is the one reply the consumer's own inbound communication permits: it names an
	 * inbound event, uses the same medium, and nothing has replied to that event yet
	 * (1006.6(b)(4)(i), 1006.14(h)(2)(ii)).
	 */
	public boolean isSingleReplyTo(Contact c) {
		return c.inResponseTo() != null && event(c.inResponseTo())
			.filter(e -> !e.isOutbound() && e.channel().sameMediumAs(c.channel()))
			.isPresent() && repliesTo(c.inResponseTo()) == 0;
	}

	/** Outbound communications already sent in reply to an inbound one. */
	public long repliesTo(String inboundEventId) {
		return records.stream().filter(r -> r.isOutbound() && inboundEventId.equals(r.inResponseTo())).count();
	}

	/** Whether the consumer has written to the collector from this address (1006.6(d)(4)(i)). */
	public boolean receivedFrom(String address, Channel channel) {
		return address != null && records.stream()
			.anyMatch(r -> !r.isOutbound() && r.channel() == channel && address.equalsIgnoreCase(r.address()));
	}

	private static boolean sameCollector(ContactRecord r, Contact c) {
		return r.collectorId() == null || c.collectorId() == null || r.collectorId().equals(c.collectorId());
	}

	private Set<String> unitKeys(CapUnit unit, Contact c) {
		return switch (unit) {
			case DEBT -> c.debtIds().stream().map(this::debtKey).collect(Collectors.toCollection(TreeSet::new));
			case CONSUMER -> Set.of(c.consumerId());
			case LINE -> c.address() == null ? Set.of() : Set.of(c.address());
		};
	}

	private boolean inUnit(CapUnit unit, String key, ContactRecord r) {
		return switch (unit) {
			case DEBT -> keysOf(r).contains(key);
			case CONSUMER -> true;
			case LINE -> key.equalsIgnoreCase(r.address());
		};
	}

	private Set<String> keysOf(ContactRecord r) {
		return r.debtIds().stream().map(this::debtKey).collect(Collectors.toSet());
	}

}
