package com.contactdecision.facts;

/**
 * What a row of a content-pattern table ({@code *-patterns.csv}) is evidence of. The
 * content rules read each check in one of two ways, said per constant: a
 * <em>required</em> check is satisfied when at least one enabled pattern of it is found
 * in the message; a <em>forbidden</em> check is breached when any enabled pattern of it
 * is found. Wire values of the table: never rename.
 */
public enum ContentCheck {

	/**
	 * Required in SMS and email: a reasonable and simple way to opt out (12 CFR
	 * 1006.6(e)).
	 */
	OPT_OUT_INSTRUCTION,
	/**
	 * Required in a subsequent communication: that it is from a debt collector
	 * (1006.18(e)(2)).
	 */
	DEBT_COLLECTOR_DISCLOSURE,
	/**
	 * Required in the initial communication: the collector is attempting to collect a
	 * debt (1006.18(e)(1)).
	 */
	INITIAL_DISCLOSURE_COLLECTING,
	/**
	 * Required in the initial communication: information obtained will be used for that
	 * purpose (1006.18(e)(1)).
	 */
	INITIAL_DISCLOSURE_USE,
	/** Forbidden on a time-barred debt: a threat of legal action (1006.26(b)). */
	SUIT_THREAT,
	/**
	 * Text removed before looking for a suit threat: statements that the collector will
	 * not or cannot sue.
	 */
	SUIT_DISCLAIMER,
	/**
	 * Forbidden in a limited-content message: anything beyond the permitted content
	 * (1006.2(j)).
	 */
	LCM_FORBIDDEN,
	/**
	 * Required in a limited-content message: a request that the consumer reply
	 * (1006.2(j)(1)(ii)).
	 */
	LCM_REPLY_REQUEST,
	/**
	 * Required in a limited-content message: a telephone number for the reply
	 * (1006.2(j)(1)(iv)).
	 */
	LCM_PHONE_NUMBER,
	/**
	 * Forbidden in the collector's business name used in a limited-content message
	 * (1006.2(j)(1)(i)).
	 */
	COLLECTION_BUSINESS_NAME

}
