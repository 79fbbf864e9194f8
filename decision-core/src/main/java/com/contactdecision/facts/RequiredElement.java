package com.contactdecision.facts;

/**
 * What a state content requirement ({@code *-content-requirements.csv}) requires a
 * message to show. Wire values.
 */
public enum RequiredElement {

	/**
	 * The collector's licence number for the requirement's state
	 * ({@code Collector.licences}, keyed by the state code, e.g. {@code "CA"}). Required
	 * only of a collector that has one on file ("if applicable", Cal. Civ. Code
	 * 1788.11(f)); found when the message text or subject contains it, ignoring spaces
	 * and case.
	 */
	LICENCE_NUMBER

}
