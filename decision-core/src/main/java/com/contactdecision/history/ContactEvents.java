package com.contactdecision.history;

import java.time.Clock;
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

	private final ContactHistory history;

	private final Clock clock;

	public ContactEvents(ContactHistory history, Clock clock) {
		this.history = history;
		this.clock = clock;
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

	public List<ContactRecord> list(String consumerId, String debtId, Instant from, Instant to) {
		return history.list(consumerId, from, to)
			.stream()
			.filter(r -> debtId == null || r.debtIds().contains(debtId))
			.toList();
	}

	ContactRecord toRecord(ContactEvent e) {
		Destination d = e.destination() == null ? Destination.NONE : e.destination();
		return new ContactRecord(e.eventId(), e.consumerId(), e.collectorId(), e.debtIds(), e.channel(),
				e.direction() == null ? Direction.OUTBOUND : e.direction(), d.phone(), d.email(), d.type(), e.recipient(),
				e.dialMode() == null ? DialMode.defaultFor(e.channel()) : e.dialMode(), e.purpose(), e.outcome(),
				e.at() == null ? clock.instant() : e.at(), e.decisionId(), e.eventId(), e.inResponseTo());
	}

}
