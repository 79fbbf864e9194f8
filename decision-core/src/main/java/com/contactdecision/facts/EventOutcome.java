package com.contactdecision.facts;

/** What happened to a contact attempt. Wire values. */
public enum EventOutcome {

	NO_ANSWER, VOICEMAIL_LEFT, VOICEMAIL_NO_MESSAGE, ANSWERED_NO_CONVERSATION, CONVERSATION, BUSY, NOT_IN_SERVICE,
	DROPPED, NOT_PLACED, SENT, DELIVERED, FAILED, RECEIVED;

	/**
	 * A call that never connected to the dialled number is excluded from the Reg F call
	 * count (1006.14(b)(3)(ii), comment 14(b)(3)(ii)-1); a call never placed never
	 * happened.
	 */
	public boolean isConnectedAttempt() {
		return this != BUSY && this != NOT_IN_SERVICE && this != NOT_PLACED;
	}

}
