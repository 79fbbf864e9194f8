package com.contactdecision.facts;

import java.util.EnumSet;
import java.util.Set;

/**
 * Which past communications a frequency cap counts. The names are used in the caps tables of the
 * rule directory; each is a reading of a rule's text, documented with it.
 */
public enum Counting {

	/**
	 * Reg F 1006.14(b)(2)-(3): telephone calls placed to the person, whatever their outcome, except
	 * those not connected to the dialled number (busy, not in service), calls to the consumer's
	 * attorney or a third party, and calls within a direct prior consent's window.
	 */
	PLACED_CALLS,
	/** TCPA 64.1200(a)(3)(iii): artificial or prerecorded calls to the same line. */
	PRERECORDED_CALLS,
	/**
	 * Massachusetts 940 CMR 7.04(1)(f) / 209 CMR 18.16(1)(d): calls and texts the collector initiated,
	 * including voicemails; a call that could neither reach the debtor nor leave a message does not.
	 */
	CALLS_AND_TEXTS,
	/**
	 * Washington RCW 19.16.250(13)(a): communications "made with" the debtor in any form: conversations,
	 * voicemails left, delivered texts and emails, letters. Unanswered attempts do not count.
	 */
	COMMUNICATIONS;

	private static final Set<EventOutcome> REACHED_OR_MESSAGE = EnumSet.of(EventOutcome.CONVERSATION,
			EventOutcome.ANSWERED_NO_CONVERSATION, EventOutcome.VOICEMAIL_LEFT, EventOutcome.VOICEMAIL_NO_MESSAGE,
			EventOutcome.DROPPED, EventOutcome.SENT, EventOutcome.DELIVERED);

	private static final Set<EventOutcome> MADE_WITH = EnumSet.of(EventOutcome.CONVERSATION,
			EventOutcome.VOICEMAIL_LEFT, EventOutcome.SENT, EventOutcome.DELIVERED);

	/** Whether a recorded communication counts, before unit and window are applied. */
	public boolean counts(ContactRecord r) {
		if (!r.isOutbound()) {
			return false;
		}
		return switch (this) {
			case PLACED_CALLS -> r.channel().isCall() && r.recipient() == Recipient.CONSUMER && r.isConnectedAttempt();
			case PRERECORDED_CALLS -> r.channel().isCall() && r.dialMode() == DialMode.PRERECORDED
					&& r.isConnectedAttempt();
			case CALLS_AND_TEXTS -> (r.channel().isCall() || r.channel() == Channel.SMS)
					&& r.recipient() == Recipient.CONSUMER && (r.isReservation() || REACHED_OR_MESSAGE.contains(r.outcome()));
			case COMMUNICATIONS -> r.recipient() == Recipient.CONSUMER
					&& (r.isReservation() || MADE_WITH.contains(r.outcome()) || r.channel() == Channel.LETTER);
		};
	}

}
