package com.contactdecision.facts;

/**
 * Which date of a holiday a holiday policy closes: the day itself ({@code ACTUAL}, e.g.
 * 25 December), the weekday it is observed on when it falls on a weekend
 * ({@code OBSERVED}, e.g. Friday 24 December 2027; the day itself when it is not moved),
 * or both. Wire values of the holiday tables.
 */
public enum HolidayDates {

	ACTUAL, OBSERVED, BOTH

}
