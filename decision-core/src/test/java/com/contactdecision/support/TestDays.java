package com.contactdecision.support;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.MonthDay;
import java.time.ZoneId;
import java.time.temporal.TemporalAdjusters;
import java.util.Set;

/**
 * The day the HTTP and decision tests decide on: a Wednesday a few days ahead of today,
 * never a fixed-date holiday, nor is the same day a week later. Not a fixed date, because
 * history is trimmed back from now: data dated months ago would be gone before the test
 * reads it.
 */
public final class TestDays {

	public static final ZoneId NEW_YORK = ZoneId.of("America/New_York");

	private static final Set<MonthDay> FIXED_HOLIDAYS = Set.of(MonthDay.of(1, 1), MonthDay.of(6, 19), MonthDay.of(7, 4),
			MonthDay.of(11, 11), MonthDay.of(12, 24), MonthDay.of(12, 25), MonthDay.of(12, 31));

	private TestDays() {
	}

	public static LocalDate nextWednesday() {
		LocalDate day = LocalDate.now(NEW_YORK).plusDays(2).with(TemporalAdjusters.nextOrSame(DayOfWeek.WEDNESDAY));
		// The week after too: cap tests expect the block to lift on the same weekday a
		// week later.
		while (FIXED_HOLIDAYS.contains(MonthDay.from(day)) || FIXED_HOLIDAYS.contains(MonthDay.from(day.plusDays(7)))) {
			day = day.plusWeeks(1);
		}
		return day;
	}

}
