package com.contactdecision.facts;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/**
 * How much of a cap one unit (a debt, a person, a line) has used in the window ending on
 * the day of the contact being decided.
 *
 * @param windowFrom the first local day of the window (in the zone where the contact's
 * day is earliest)
 * @param windowTo the contact's own local day (same zone)
 * @param liftsAt when enough counted contacts have left the window for one more (null if
 * not reached)
 * @param zoneIds the zones the days were counted in (C3)
 */
public record CapUsage(FrequencyCap cap, String unitKey, int count, LocalDate windowFrom, LocalDate windowTo,
		Instant liftsAt, List<String> zoneIds) {

	public CapUsage {
		zoneIds = Lists.of(zoneIds);
	}

	public CapUsage(FrequencyCap cap, String unitKey, int count, LocalDate windowFrom, LocalDate windowTo,
			Instant liftsAt) {
		this(cap, unitKey, count, windowFrom, windowTo, liftsAt, List.of());
	}

	public boolean reached() {
		return count >= cap.limit();
	}

	public String describe() {
		String unit = switch (cap.unit()) {
			case DEBT -> "about debt " + unitKey;
			case CONSUMER -> "to this person";
			case LINE -> "to line " + unitKey;
		};
		String what = switch (cap.counts()) {
			case PLACED_CALLS -> "counted calls";
			case PRERECORDED_CALLS -> "prerecorded calls";
			case CALLS_AND_TEXTS -> "calls and texts";
			case COMMUNICATIONS -> "communications";
			case ATTEMPTS -> "contact attempts";
		};
		return count + " " + what + " " + unit + " from " + windowFrom + " to " + windowTo
				+ (zoneIds.isEmpty() ? "" : " (" + String.join(", ", zoneIds) + ")") + "; limit " + cap.limit() + " in "
				+ cap.windowDays() + " days";
	}

}
