package com.contactdecision.history;

import java.time.Instant;
import java.util.List;

import com.contactdecision.facts.Channel;
import com.contactdecision.facts.Destination;
import com.contactdecision.facts.DialMode;
import com.contactdecision.facts.Direction;
import com.contactdecision.facts.EventOutcome;
import com.contactdecision.facts.Lists;
import com.contactdecision.facts.Purpose;
import com.contactdecision.facts.Recipient;

/** What happened (CONTRACT section 2). */
public record ContactEvent(String eventId, String decisionId, String collectorId, String consumerId,
		List<String> debtIds, Channel channel, Direction direction, Destination destination, Recipient recipient,
		DialMode dialMode, Purpose purpose, EventOutcome outcome, String inResponseTo, Instant at) {

	public ContactEvent {
		debtIds = Lists.of(debtIds);
	}

}
