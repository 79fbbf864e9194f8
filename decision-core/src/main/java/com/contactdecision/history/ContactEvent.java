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

/**
 * What happened (CONTRACT section 2).
 *
 * @param decisionId the decision whose reservation this event settles
 * @param requestId or the requestId of that decision (with {@code collectorId}, as
 * requestIds are scoped per collector): a dialler that never received the decision id can
 * still settle it
 */
public record ContactEvent(String eventId, String decisionId, String collectorId, String consumerId,
		List<String> debtIds, Channel channel, Direction direction, Destination destination, Recipient recipient,
		DialMode dialMode, Purpose purpose, EventOutcome outcome, String inResponseTo, Instant at, String requestId) {

	public ContactEvent {
		debtIds = Lists.of(debtIds);
	}

	/** An event that settles by decisionId, or settles nothing. */
	public ContactEvent(String eventId, String decisionId, String collectorId, String consumerId, List<String> debtIds,
			Channel channel, Direction direction, Destination destination, Recipient recipient, DialMode dialMode,
			Purpose purpose, EventOutcome outcome, String inResponseTo, Instant at) {
		this(eventId, decisionId, collectorId, consumerId, debtIds, channel, direction, destination, recipient,
				dialMode, purpose, outcome, inResponseTo, at, null);
	}

}
