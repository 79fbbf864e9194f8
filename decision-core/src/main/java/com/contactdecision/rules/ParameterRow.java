package com.contactdecision.rules;

import java.time.Instant;

/**
 * One row of a parameter table and the period in which it is law: in force from
 * {@code effectiveFrom} (inclusive) until {@code effectiveUntil} (exclusive); a null
 * bound is open. A decision at an instant sees only the rows in force at that instant.
 *
 * @param value the row as its record ({@code FrequencyCap}, {@code PermittedHours}, ...)
 * @param file the table's path under the rule directory
 * @param line the row's line in the file
 * @param id the row's {@code id} column, or null for a table without one
 */
public record ParameterRow(Object value, String file, int line, String id, Instant effectiveFrom,
		Instant effectiveUntil) {

	/** A row with no dates: always in force. */
	public static ParameterRow undated(Object value) {
		return new ParameterRow(value, null, 0, null, null, null);
	}

	public boolean inForceAt(Instant at) {
		return (effectiveFrom == null || !at.isBefore(effectiveFrom))
				&& (effectiveUntil == null || at.isBefore(effectiveUntil));
	}

	public boolean dated() {
		return effectiveFrom != null || effectiveUntil != null;
	}

}
