package com.contactdecision.facts;

/** What a consent record is about. Wire values. */
public enum ConsentKind {

	/** Prior express consent to autodialed or prerecorded contact (47 U.S.C. 227(b)). */
	TCPA,
	/**
	 * Reg F direct prior consent: calls in its window are excluded from the call caps
	 * (1006.14(b)(3)(i)).
	 */
	DIRECT_CONTACT,
	/** A GDPR lawful basis for a channel. */
	GDPR

}
