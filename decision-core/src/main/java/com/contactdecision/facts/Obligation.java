package com.contactdecision.facts;

/**
 * What an ALLOW requires of the sender. These names are API (CONTRACT.md section 1):
 * never rename.
 */
public enum Obligation {

	/** Electronic messages must say how to opt out of that address (1006.6(e)). */
	INCLUDE_OPT_OUT_NOTICE,
	/**
	 * "This is a communication from a debt collector" (1006.18(e)(2)); the full initial
	 * disclosure on an initial communication.
	 */
	INCLUDE_DEBT_COLLECTOR_DISCLOSURE,
	/** Communicate with the consumer's attorney, not the consumer (1006.6(b)(2)). */
	ROUTE_TO_ATTORNEY,
	/** A limited-content message may contain only the permitted elements (1006.2(j)). */
	LIMITED_CONTENT_ONLY,
	/**
	 * A prerecorded message must identify the caller and offer an opt-out (47 CFR
	 * 64.1200(b)).
	 */
	INCLUDE_PRERECORDED_IDENTIFICATION_AND_OPT_OUT,
	/** A state licence number must be shown (Cal. Civ. Code 1788.11(f)). */
	INCLUDE_STATE_LICENCE_NUMBER,
	/**
	 * A location inquiry must not reveal the debt and must identify the caller
	 * (1006.10(b)).
	 */
	NO_DEBT_DISCLOSURE_TO_THIRD_PARTY,
	/** A single reply in the same medium only (1006.6(b)(4)(i), 1006.14(h)(2)(ii)). */
	SINGLE_REPLY_ONLY,
	/**
	 * An opt-out confirmation may only confirm the request (1006.14(h)(2)(i); 47 CFR
	 * 64.1200(a)(12)).
	 */
	CONFIRMATION_CONTENT_ONLY

}
