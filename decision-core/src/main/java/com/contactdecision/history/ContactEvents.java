package com.contactdecision.history;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import com.contactdecision.validation.Limits;
import com.contactdecision.validation.Validation;
import com.contactdecision.facts.ContactRecord;
import com.contactdecision.facts.Destination;
import com.contactdecision.facts.DialMode;
import com.contactdecision.facts.Direction;

/** Records what happened, once per eventId, and answers history queries. Thread-safe. */
public final class ContactEvents {

	/**
	 * How long a reservation may wait for its event before history lists it as unsettled.
	 */
	public static final Duration DEFAULT_SETTLE_TIME = Duration.ofMinutes(15);

	/**
	 * The collector of a request that names none (requestIds are scoped per collector).
	 */
	public static final String DEFAULT_COLLECTOR_ID = "default";

	private final ContactHistory history;

	private final Clock clock;

	private final String defaultCollectorId;

	private final Duration settleTime;

	public ContactEvents(ContactHistory history, Clock clock) {
		this(history, clock, DEFAULT_COLLECTOR_ID, DEFAULT_SETTLE_TIME);
	}

	/**
	 * @param defaultCollectorId the collector a decision without {@code collectorId} was
	 * made for: an event without one settles that collector's requestIds
	 * @param settleTime a reservation whose attempt instant is longer ago than this with
	 * no event is listed as unsettled
	 */
	public ContactEvents(ContactHistory history, Clock clock, String defaultCollectorId, Duration settleTime) {
		this.history = history;
		this.clock = clock;
		this.defaultCollectorId = defaultCollectorId;
		this.settleTime = settleTime;
	}

	public EventResult record(ContactEvent e) {
		validate(e);
		return history.record(toRecord(e));
	}

	/** Every field error of an event at once, as a 400 names them. */
	public static void validate(ContactEvent e) {
		Validation v = new Validation();
		v.require("eventId", e.eventId())
			.id("eventId", e.eventId())
			.id("requestId", e.requestId())
			.require("consumerId", e.consumerId())
			.id("consumerId", e.consumerId())
			.id("decisionId", e.decisionId())
			.id("collectorId", e.collectorId())
			.id("inResponseTo", e.inResponseTo())
			.ids("debtIds", e.debtIds(), Limits.MAX_DEBT_IDS)
			.require("channel", e.channel())
			.require("outcome", e.outcome())
			.instant("at", e.at());
		if (e.destination() != null) {
			v.phone("destination.phone", e.destination().phone()).email("destination.email", e.destination().email());
		}
		v.throwIfInvalid();
	}

	/**
	 * The records in [from, to), oldest first, each marked when it is a reservation left
	 * unsettled.
	 */
	public List<HistoryEntry> list(String consumerId, String debtId, Instant from, Instant to) {
		Instant settledBy = clock.instant().minus(settleTime);
		return history.list(consumerId, from, to)
			.stream()
			.filter(r -> debtId == null || r.debtIds().contains(debtId))
			.map(r -> new HistoryEntry(r, r.isReservation() && r.at().isBefore(settledBy)))
			.toList();
	}

	ContactRecord toRecord(ContactEvent e) {
		Destination d = e.destination() == null ? Destination.NONE : e.destination();
		// A requestId is scoped per collector: an event settling one without naming its
		// collector
		// speaks for the default collector, as the decision did.
		String collectorId = e.collectorId() == null && e.requestId() != null ? defaultCollectorId : e.collectorId();
		return new ContactRecord(e.eventId(), e.consumerId(), collectorId, e.debtIds(), e.channel(),
				e.direction() == null ? Direction.OUTBOUND : e.direction(), d.phone(), d.email(), d.type(),
				e.recipient(), e.dialMode() == null ? DialMode.defaultFor(e.channel()) : e.dialMode(), e.purpose(),
				e.outcome(), e.at() == null ? clock.instant() : e.at(), e.decisionId(), e.eventId(), e.inResponseTo(),
				e.requestId());
	}

}
