package com.contactdecision.facts;

/**
 * An advisory a rule attaches to a decision without blocking it ({@code warnings} in the
 * answer). The constant names are the wire values (CONTRACT.md) and go into the decision
 * log: never rename.
 */
public enum Warning {

	/** REGF-REBUT: the last attempt to the same number was under five minutes ago. */
	WARN_RAPID_SUCCESSION,

	/**
	 * REGF-REBUT: the call would be the seventh (or later) to the same number in one
	 * local day.
	 */
	WARN_CONCENTRATED

}
