package com.contactdecision.facts;

import java.time.Instant;
import java.time.LocalDate;

/**
 * How much of a cap one unit (a debt, a person, a line) has used in the window ending on the day of
 * the contact being decided.
 *
 * @param liftsAt when enough counted contacts have left the window for one more (null if not reached)
 */
public record CapUsage(FrequencyCap cap, String unitKey, int count, LocalDate windowFrom, LocalDate windowTo,
		Instant liftsAt) {

	public boolean reached() {
		return count >= cap.limit();
	}

	public String describe() {
		String unit = switch (cap.unit()) {
			case DEBT -> "about debt " + unitKey;
			case CONSUMER -> "to this person";
			case LINE -> "to this line";
		};
		return count + " counted contacts " + unit + " from " + windowFrom + " to " + windowTo + " (limit "
				+ cap.limit() + " in " + cap.windowDays() + " days)";
	}

}
