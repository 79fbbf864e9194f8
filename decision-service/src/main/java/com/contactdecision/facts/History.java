package com.contactdecision.facts;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The consumer's contact history as the rules query it, seen from the instant being decided. Rules
 * reach it as the global {@code history}. Immutable; the counting follows the conventions of
 * regulations.md section 0.2 (local calendar days, rolling windows, C3 for several zones).
 */
public final class History {

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

	/** The counting key of a debt: its servicing account for student loans, else its id. */
	public String debtKey(String debtId) {
		Debt d = debts.get(debtId);
		return d == null ? debtId : d.countingKey();
	}

	/**
	 * Usage of a cap by each unit the contact concerns (each of its debts, the person, or the line),
	 * in the window of {@code windowDays} local days ending on the contact's day.
	 */
	public List<CapUsage> usage(FrequencyCap cap, Contact c) {
		LocalDate day = zones.candidateDate(at);
		LocalDate from = day.minusDays(cap.windowDays() - 1L);
		List<CapUsage> result = new ArrayList<>();
		for (String unitKey : unitKeys(cap.unit(), c)) {
			List<LocalDate> dates = records.stream()
				.filter(r -> cap.counts().counts(r) && cap.countsLine(r.lineType()) && inUnit(cap.unit(), unitKey, r, c)
						&& !(cap.counts() == Counting.PLACED_CALLS && excludedByDirectConsent(r)))
				.map(r -> zones.eventDate(r.at()))
				.filter(d -> !d.isBefore(from) && !d.isAfter(day))
				.sorted(Comparator.reverseOrder())
				.toList();
			Instant liftsAt = null;
			if (dates.size() >= cap.limit()) {
				// The window must move past the limit-th most recent counted day before one more fits.
				LocalDate blocking = dates.get(cap.limit() - 1);
				liftsAt = zones.startOfDayEverywhere(blocking.plusDays(cap.windowDays()));
			}
			result.add(new CapUsage(cap, unitKey, dates.size(), from, day, liftsAt));
		}
		return result;
	}

	/**
	 * The most recent telephone conversation about each debt of the contact, inbound or outbound,
	 * whose block of {@code days} local days (the conversation's day being the first) still covers
	 * the contact's day (1006.14(b)(2)(i)(B)).
	 */
	public List<Conversation> recentConversations(Contact c, int days) {
		LocalDate day = zones.candidateDate(at);
		List<Conversation> result = new ArrayList<>();
		for (String key : unitKeys(CapUnit.DEBT, c)) {
			records.stream()
				.filter(r -> r.isConversation() && r.channel().isCall() && r.recipient() == Recipient.CONSUMER
						&& !r.at().isAfter(at) && keysOf(r).contains(key))
				.map(r -> zones.eventDate(r.at()))
				.max(Comparator.naturalOrder())
				.filter(d -> !day.isAfter(d.plusDays(days - 1L)))
				.ifPresent(d -> result.add(new Conversation(key, d, zones.startOfDayEverywhere(d.plusDays(days)))));
		}
		return result;
	}

	/**
	 * Whether a call falls within a direct prior consent given to the collector (1006.14(b)(3)(i)):
	 * for the same debt, on the day of receipt or the six days after, inside any window the person
	 * set, and not revoked since.
	 */
	public boolean directConsentCovers(Contact c) {
		return c.isCall() && !c.debtIds().isEmpty()
				&& c.debtIds().stream().allMatch(id -> directConsentCovers(id, c.at()));
	}

	private boolean excludedByDirectConsent(ContactRecord r) {
		return !r.debtIds().isEmpty() && r.debtIds().stream().allMatch(id -> directConsentCovers(id, r.at()));
	}

	private boolean directConsentCovers(String debtId, Instant when) {
		Optional<Consent> latest = consents.stream()
			.filter(k -> k.kind() == ConsentKind.DIRECT_CONTACT && k.coversDebt(debtId) && k.at() != null
					&& !k.at().isAfter(when))
			.max(Comparator.comparing(Consent::at));
		if (latest.isEmpty() || !latest.get().granted()) {
			return false;
		}
		Consent k = latest.get();
		LocalDate received = zones.eventDate(k.at());
		LocalDate callDay = zones.eventDate(when);
		boolean inSevenDays = !callDay.isAfter(received.plusDays(6));
		boolean inWindow = (k.validFrom() == null || !when.isBefore(k.validFrom()))
				&& (k.validUntil() == null || when.isBefore(k.validUntil()));
		return inSevenDays && inWindow;
	}

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

	/** Location inquiries already made to this third party (1006.10(c)). */
	public long thirdPartyContacts(String address) {
		return address == null ? 0
				: records.stream()
					.filter(r -> r.isOutbound() && r.recipient() == Recipient.THIRD_PARTY
							&& address.equalsIgnoreCase(r.address()) && r.isConnectedAttempt())
					.count();
	}

	/** Outbound messages to an address since an instant (e.g. opt-out confirmations). */
	public long sentTo(String address, Channel channel, Instant since) {
		return records.stream()
			.filter(r -> r.isOutbound() && r.channel() == channel && address != null
					&& address.equalsIgnoreCase(r.address()) && !r.at().isBefore(since) && r.isConnectedAttempt())
			.count();
	}

	private Set<String> unitKeys(CapUnit unit, Contact c) {
		return switch (unit) {
			case DEBT -> c.debtIds().stream().map(this::debtKey).collect(Collectors.toCollection(java.util.TreeSet::new));
			case CONSUMER -> Set.of(c.consumerId());
			case LINE -> c.address() == null ? Set.of() : Set.of(c.address());
		};
	}

	private boolean inUnit(CapUnit unit, String key, ContactRecord r, Contact c) {
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
