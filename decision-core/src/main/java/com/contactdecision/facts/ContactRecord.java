package com.contactdecision.facts;

import java.time.Instant;
import java.util.List;

/**
 * One entry of a consumer's contact history: an attempt the service reserved, or an event
 * a caller reported. A reservation has no outcome until an event settles it, and counts
 * meanwhile.
 *
 * @param recordId unique within the consumer's history ({@code eventId}, or
 * {@code rsv:<decisionId>})
 * @param outcome null while a reservation is unsettled
 * @param requestId the requestId of the decision that reserved it (with
 * {@code collectorId}, the key an event may settle it by), or of the decision an event
 * settles; null when none was given
 */
public record ContactRecord(String recordId, String consumerId, String collectorId, List<String> debtIds,
		Channel channel, Direction direction, String phone, String email, LineType lineType, Recipient recipient,
		DialMode dialMode, Purpose purpose, EventOutcome outcome, Instant at, String decisionId, String eventId,
		String inResponseTo, String requestId) {

	public ContactRecord {
		debtIds = Lists.of(debtIds);
		direction = direction == null ? Direction.OUTBOUND : direction;
		recipient = recipient == null ? Recipient.CONSUMER : recipient;
	}

	/** A record no request id refers to. */
	public ContactRecord(String recordId, String consumerId, String collectorId, List<String> debtIds, Channel channel,
			Direction direction, String phone, String email, LineType lineType, Recipient recipient, DialMode dialMode,
			Purpose purpose, EventOutcome outcome, Instant at, String decisionId, String eventId, String inResponseTo) {
		this(recordId, consumerId, collectorId, debtIds, channel, direction, phone, email, lineType, recipient,
				dialMode, purpose, outcome, at, decisionId, eventId, inResponseTo, null);
	}

	public boolean isReservation() {
		return outcome == null;
	}

	public boolean isOutbound() {
		return direction == Direction.OUTBOUND;
	}

	public String address() {
		return phone != null ? phone : email;
	}

	/**
	 * The attempt reached or tried to reach its destination (a pending reservation
	 * counts).
	 */
	public boolean isConnectedAttempt() {
		return outcome == null || outcome.isConnectedAttempt();
	}

	public boolean isConversation() {
		return outcome == EventOutcome.CONVERSATION;
	}

	public ContactRecord settledBy(String eventId, EventOutcome settledOutcome) {
		return new ContactRecord(recordId, consumerId, collectorId, debtIds, channel, direction, phone, email, lineType,
				recipient, dialMode, purpose, settledOutcome, at, decisionId, eventId, inResponseTo, requestId);
	}

}
