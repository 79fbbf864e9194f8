package com.contactdecision.decision;

import java.time.Instant;
import java.util.List;

import com.contactdecision.facts.Channel;
import com.contactdecision.facts.ConsumerFacts;
import com.contactdecision.facts.Destination;
import com.contactdecision.facts.DialMode;
import com.contactdecision.facts.Lists;
import com.contactdecision.facts.Message;
import com.contactdecision.facts.Purpose;
import com.contactdecision.facts.Recipient;

/**
 * "May we contact this person now, on this channel, with this message?" (CONTRACT section
 * 1).
 */
public record ContactRequest(String requestId, String collectorId, String consumerId, List<String> debtIds,
		Channel channel, Destination destination, Recipient recipient, DialMode dialMode, Purpose purpose,
		Message message, String inResponseTo, ConsumerFacts consumer, Mode mode, Instant at) {

	public ContactRequest {
		debtIds = Lists.of(debtIds);
	}

	public Recipient recipientOrDefault() {
		return recipient == null ? Recipient.CONSUMER : recipient;
	}

	public DialMode dialModeOrDefault() {
		return dialMode == null ? DialMode.defaultFor(channel) : dialMode;
	}

	public Purpose purposeOrDefault() {
		return purpose == null ? Purpose.COLLECTION : purpose;
	}

	public Mode modeOrDefault() {
		return mode == null ? Mode.RESERVE : mode;
	}

	public Destination destinationOrNone() {
		return destination == null ? Destination.NONE : destination;
	}

}
