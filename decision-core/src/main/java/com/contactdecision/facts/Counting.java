package com.contactdecision.facts;

import java.util.EnumSet;
import java.util.Set;

/**
 * Which past communications a frequency cap counts. The names are used in the caps tables
 * of the rule directory; each is a reading of a rule's text, documented with it.
 */
public enum Counting {

	/**
	 * Reg F 1006.14(b)(2)-(3): telephone calls placed to the person, whatever their
	 * outcome, except those not connected to the dialled number (busy, not in service),
	 * calls to the consumer's attorney or a third party, and calls within a direct prior
	 * consent's window.
	 */
	PLACED_CALLS,
	/** TCPA 64.1200(a)(3)(iii): artificial or prerecorded calls to the same line. */
	PRERECORDED_CALLS,
	/**
	 * Massachusetts 940 CMR 7.04(1)(f) / 209 CMR 18.16(1)(d): calls and texts the
	 * collector initiated, including voicemails; a call that could neither reach the
	 * debtor nor leave a message does not.
	 */
	CALLS_AND_TEXTS,
	/**
	 * Washington RCW 19.16.250(13)(a): communications "made with" the debtor in any form:
	 * conversations, voicemails left, delivered texts and emails, letters. Unanswered
	 * attempts do not count.
	 */
	COMMUNICATIONS,
	/**
	 * Every attempt to reach the consumer, in any channel and whatever its outcome,
	 * except one never placed (NOT_PLACED): Washington RCW 19.16.250(18) ("call, text
	 * message, or other electronic communication ... more than twice in any day", an
	 * unanswered call being a call), New York City 6 RCNY 5-77 ("contact or attempt to
	 * contact").
	 */
	ATTEMPTS;

	private static final Set<EventOutcome> REACHED_OR_MESSAGE = EnumSet.of(EventOutcome.CONVERSATION,
			EventOutcome.ANSWERED_NO_CONVERSATION, EventOutcome.VOICEMAIL_LEFT, EventOutcome.VOICEMAIL_NO_MESSAGE,
			EventOutcome.DROPPED, EventOutcome.SENT, EventOutcome.DELIVERED);

	private static final Set<EventOutcome> MADE_WITH = EnumSet.of(EventOutcome.CONVERSATION,
			EventOutcome.VOICEMAIL_LEFT, EventOutcome.SENT, EventOutcome.DELIVERED);

	/**
	 * Whether the contact being decided is itself subject to a cap that counts this way.
	 * A Reg F call cap binds calls to the consumer only: calls to the consumer's attorney
	 * are excluded (1006.14(b)(3)(iii)) and a third party called for location information
	 * has its own count (comment 14(b)(2)(i)-1.iii), so neither is capped by, nor counted
	 * in, the consumer's count.
	 */
	public boolean subjects(Contact c) {
		return switch (this) {
			case PLACED_CALLS -> c.isCall() && c.recipient() == Recipient.CONSUMER;
			case PRERECORDED_CALLS -> c.isCall() && c.dialMode() == DialMode.PRERECORDED;
			// The state and city caps limit communications with the debtor, not with the
			// debtor's
			// attorney or a third party asked for location information.
			case CALLS_AND_TEXTS, COMMUNICATIONS, ATTEMPTS -> c.recipient() == Recipient.CONSUMER;
		};
	}

	/**
	 * Whether a communication that answers the consumer's own (an outbound contact naming
	 * an inbound event in {@code inResponseTo}) is left out of this count, and is not
	 * itself capped: Washington RCW 19.16.250(13)(a) and (18) ("unless the licensee is
	 * responding to a communication from the debtor"); Massachusetts 209 CMR
	 * 18.16(1)(d)'s proviso and 940 CMR 7.04(1)(f) (a communication the debtor asked for
	 * is not "initiated" by the creditor).
	 */
	public boolean exemptsReplies() {
		return this == CALLS_AND_TEXTS || this == COMMUNICATIONS || this == ATTEMPTS;
	}

	/**
	 * Whether a recorded communication counts, before unit and window are applied. An
	 * unsettled reservation (no outcome yet) counts until an event settles it; BUSY,
	 * NOT_IN_SERVICE and NOT_PLACED never count as placed calls ("not connected to the
	 * dialed number", 1006.14(b)(3)(ii)); NO_ANSWER, voicemails (VOICEMAIL channel,
	 * limited-content messages included), DROPPED and answered calls do. Inbound calls
	 * never count.
	 */
	public boolean counts(ContactRecord r) {
		if (!r.isOutbound()) {
			return false;
		}
		return switch (this) {
			case PLACED_CALLS -> r.channel().isCall() && r.recipient() == Recipient.CONSUMER && r.isConnectedAttempt();
			case PRERECORDED_CALLS ->
				r.channel().isCall() && r.dialMode() == DialMode.PRERECORDED && r.isConnectedAttempt();
			case CALLS_AND_TEXTS ->
				(r.channel().isCall() || r.channel() == Channel.SMS) && r.recipient() == Recipient.CONSUMER
						&& (r.isReservation() || REACHED_OR_MESSAGE.contains(r.outcome()));
			case COMMUNICATIONS -> r.recipient() == Recipient.CONSUMER
					&& (r.isReservation() || MADE_WITH.contains(r.outcome()) || r.channel() == Channel.LETTER);
			case ATTEMPTS -> r.recipient() == Recipient.CONSUMER && r.outcome() != EventOutcome.NOT_PLACED;
		};
	}

}
