package com.contactdecision.facts;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * The consumer's past contacts, consents and debts as the rules query them, seen from the
 * instant being decided. Rules reach it as the global {@code history}. Immutable.
 * <p>
 * This class is the view and its simple queries; each rule family's questions live in a
 * class of their own, built on it: {@link CapCounting} (frequency caps),
 * {@link Conversations} (the seven-day conversation block), {@link DirectConsent}
 * (consent given directly to the collector), {@link RebuttalFactors} (advisory warnings)
 * and {@link Replies} (the single reply, the opt-out confirmation, third parties). The
 * counting follows the conventions of regulations.md section 0.2:
 * <ul>
 * <li>C3: a past event is dated on its latest local date across the consumer's zones (the
 * earliest-starting zone); a block that lasts through local day D ends when D has ended
 * in every zone (the latest-ending zone). Both can only lengthen a block.</li>
 * <li>C4: windows are rolling: the window of N days is the one ending on the contact's
 * own day, i.e. a past event on day E still weighs on every instant before the start of
 * E+N everywhere.</li>
 * <li>Counting is per collector: a record made by another collector does not count; a
 * record that names no collector (an event reported without one) counts for every
 * collector.</li>
 * </ul>
 * The history is the consumer's: calls to all of the person's numbers add up (REGF-7IN7).
 */
public final class PastContacts {

	private final List<ContactRecord> records;

	private final List<Consent> consents;

	private final Map<String, Debt> debts;

	private final ConsumerZones zones;

	private final Instant at;

	/**
	 * What every cap row, the conversation block and the rebuttal factors would otherwise
	 * recompute per record and per row (the local event date across the zones, the
	 * record's counting keys, whether any direct consent is on file): pure functions of
	 * this view, built lazily once. A benign race: two threads may both build it, with
	 * equal results.
	 */
	private volatile Index index;

	public PastContacts(List<ContactRecord> records, List<Consent> consents, Map<String, Debt> debts,
			ConsumerZones zones, Instant at) {
		this.records = List.copyOf(records);
		this.consents = List.copyOf(consents);
		this.debts = Map.copyOf(debts);
		this.zones = zones;
		this.at = at;
	}

	/** The same past seen from another instant (the next-eligible search). */
	public PastContacts at(Instant instant) {
		return new PastContacts(records, consents, debts, zones, instant);
	}

	/**
	 * The same past, with nothing derived yet: the rule engine takes one per evaluation,
	 * so an evaluation pays for its own index and never sees another's.
	 */
	public PastContacts forEvaluation() {
		return new PastContacts(records, consents, debts, zones, at);
	}

	/** The instant being decided. */
	public Instant at() {
		return at;
	}

	public List<ContactRecord> records() {
		return records;
	}

	/**
	 * The debts the past is counted against (the requested ones and their servicing
	 * siblings).
	 */
	public Map<String, Debt> debts() {
		return debts;
	}

	/** Every consent record on file, in the order received. */
	public List<Consent> consents() {
		return consents;
	}

	public ConsumerZones zones() {
		return zones;
	}

	/**
	 * The counting key of a debt: its servicing account for student loans, else its id.
	 */
	public String debtKey(String debtId) {
		Debt d = debts.get(debtId);
		return d == null ? debtId : d.countingKey();
	}

	/** The recorded event with this id, e.g. the inbound message a reply answers. */
	public Optional<ContactRecord> event(String eventId) {
		return eventId == null ? Optional.empty()
				: records.stream().filter(r -> eventId.equals(r.eventId())).findFirst();
	}

	/**
	 * Whether the contact answers an inbound communication on record (it names it in
	 * inResponseTo).
	 */
	public boolean answersInbound(Contact c) {
		return c.inResponseTo() != null && isInbound(c.inResponseTo());
	}

	/**
	 * Whether a contact is the one reply the consumer's own inbound communication
	 * permits: it names an inbound event, uses the same medium, and nothing has replied
	 * to that event yet (1006.6(b)(4)(i), 1006.14(h)(2)(ii)).
	 */
	public boolean isSingleReplyTo(Contact c) {
		return c.inResponseTo() != null
				&& event(c.inResponseTo()).filter(e -> !e.isOutbound() && e.channel().sameMediumAs(c.channel()))
					.isPresent()
				&& repliesTo(c.inResponseTo()) == 0;
	}

	/** Outbound communications already sent in reply to an inbound one. */
	public long repliesTo(String inboundEventId) {
		return records.stream().filter(r -> r.isOutbound() && inboundEventId.equals(r.inResponseTo())).count();
	}

	/**
	 * Whether the consumer has written to the collector from this address
	 * (1006.6(d)(4)(i)).
	 */
	public boolean receivedFrom(String address, Channel channel) {
		return address != null && records.stream()
			.anyMatch(r -> !r.isOutbound() && r.channel() == channel && address.equalsIgnoreCase(r.address()));
	}

	boolean isInbound(String eventId) {
		return event(eventId).filter(e -> !e.isOutbound()).isPresent();
	}

	static boolean sameCollector(ContactRecord r, Contact c) {
		return r.collectorId() == null || c.collectorId() == null || r.collectorId().equals(c.collectorId());
	}

	/**
	 * The units of a cap (or a block) the contact concerns: its debts' counting keys, the
	 * person, or the line.
	 */
	Set<String> unitKeys(CapUnit unit, Contact c) {
		return switch (unit) {
			case DEBT -> c.debtIds().stream().map(this::debtKey).collect(Collectors.toCollection(TreeSet::new));
			case CONSUMER -> Set.of(c.consumerId());
			case LINE -> c.address() == null ? Set.of() : Set.of(c.address());
		};
	}

	boolean inUnit(CapUnit unit, String key, ContactRecord r) {
		return switch (unit) {
			case DEBT -> keysOf(r).contains(key);
			case CONSUMER -> true;
			case LINE -> key.equalsIgnoreCase(r.address());
		};
	}

	Set<String> keysOf(ContactRecord r) {
		if (r.debtIds().size() == 1) {
			// the common case, without a stream per record
			return Set.of(debtKey(r.debtIds().get(0)));
		}
		return r.debtIds().stream().map(this::debtKey).collect(Collectors.toSet());
	}

	/** {@link #inUnit} for {@code records().get(i)}, its keys computed once. */
	boolean inUnit(CapUnit unit, String key, int i) {
		return switch (unit) {
			case DEBT -> index().keys.get(i).contains(key);
			case CONSUMER -> true;
			case LINE -> key.equalsIgnoreCase(records.get(i).address());
		};
	}

	/** {@link #keysOf} of {@code records().get(i)}, computed once. */
	Set<String> keysOf(int i) {
		return index().keys.get(i);
	}

	/**
	 * {@code zones().eventDate(records().get(i).at())} (C3), computed once per record.
	 */
	LocalDate eventDate(int i) {
		return index().eventDates.get(i);
	}

	/**
	 * Whether any consent given directly to the collector (with a receipt time) is on
	 * file: without one, nothing {@link DirectConsent} asks can be true.
	 */
	boolean hasDirectConsent() {
		return index().directConsent;
	}

	private Index index() {
		Index i = index;
		if (i == null) {
			i = new Index(records.stream().map(r -> zones.eventDate(r.at())).toList(),
					records.stream().map(this::keysOf).toList(),
					consents.stream().anyMatch(k -> k.kind() == ConsentKind.DIRECT_CONTACT && k.at() != null));
			index = i;
		}
		return i;
	}

	private record Index(List<LocalDate> eventDates, List<Set<String>> keys, boolean directConsent) {
	}

	static Instant earlier(Instant a, Instant b) {
		return a == null ? b : b == null ? a : b.isBefore(a) ? b : a;
	}

}
