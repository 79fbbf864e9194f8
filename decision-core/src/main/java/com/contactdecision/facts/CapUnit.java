package com.contactdecision.facts;

/** What a frequency cap counts per. */
public enum CapUnit {

	/**
	 * Per debt; student loans under one servicing account are one debt (1006.14(b)(4)).
	 */
	DEBT,
	/** Per person, across all debts. */
	CONSUMER,
	/** Per telephone line or address. */
	LINE

}
