package com.contactdecision.facts;

/** How a communication travels. Constant names are wire values: never rename. */
public enum Channel {

	CALL, VOICEMAIL, SMS, EMAIL, LETTER;

	/**
	 * A telephone call, including one that leaves a voicemail: every call rule applies to
	 * both.
	 */
	public boolean isCall() {
		return this == CALL || this == VOICEMAIL;
	}

	/**
	 * An electronic message (Reg F 1006.6(e) opt-out notice, 1006.14(h) electronic
	 * opt-outs).
	 */
	public boolean isElectronic() {
		return this == SMS || this == EMAIL;
	}

	/**
	 * Calls and voicemails are one medium: an opt-out of calls also covers voicemails.
	 */
	public boolean sameMediumAs(Channel other) {
		return this == other || (isCall() && other != null && other.isCall());
	}

}
