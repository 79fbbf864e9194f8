package com.contactdecision.facts;

/** The technology used to place a call or send a text. Wire values. */
public enum DialMode {

	MANUAL, AUTODIALED, PRERECORDED;

	/**
	 * TCPA 47 U.S.C. 227(b): autodialed and artificial/prerecorded contact need consent
	 * to a mobile.
	 */
	public boolean isAutomated() {
		return this != MANUAL;
	}

	/** The contract's default: MANUAL for calls, AUTODIALED for texts. */
	public static DialMode defaultFor(Channel channel) {
		return channel == Channel.SMS ? AUTODIALED : MANUAL;
	}

}
