package com.contactdecision.facts;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;

/**
 * The local date and time, in one zone the consumer may be in, at the instant being
 * decided. There is one per candidate zone; a time rule must hold in every one of them.
 */
public record ZoneTime(ZoneId zone, LocalDateTime local) {

	public static ZoneTime of(ZoneId zone, Instant at) {
		return new ZoneTime(zone, LocalDateTime.ofInstant(at, zone));
	}

	public String zoneId() {
		return zone.getId();
	}

	public LocalDate date() {
		return local.toLocalDate();
	}

	public DayOfWeek dayOfWeek() {
		return local.getDayOfWeek();
	}

	public int minuteOfDay() {
		return local.getHour() * 60 + local.getMinute();
	}

	/**
	 * True when the local time is in [from, to): "HH:mm" local times, "24:00" being
	 * midnight at the end.
	 */
	public boolean isWithin(String from, String to) {
		int second = local.toLocalTime().toSecondOfDay();
		return second >= TimeOfDay.minutes(from, 0) * 60 && second < TimeOfDay.minutes(to, TimeOfDay.END_OF_DAY) * 60;
	}

	/**
	 * The next instant at or after this one when the local clock reads {@code hhmm}
	 * (today or tomorrow).
	 */
	public Instant next(String hhmm) {
		int minutes = TimeOfDay.minutes(hhmm, 0);
		LocalTime target = LocalTime.of(minutes / 60 % 24, minutes % 60);
		LocalDateTime candidate = local.toLocalDate().atTime(target);
		if (candidate.isBefore(local)) {
			candidate = candidate.plusDays(1);
		}
		// atZone moves a time inside a DST gap forward, which is the first valid instant.
		return ZonedDateTime.of(candidate, zone).toInstant();
	}

	/** The start of the next local day. */
	public Instant nextDay() {
		return local.toLocalDate().plusDays(1).atStartOfDay(zone).toInstant();
	}

	/**
	 * The instant this zone's clock reaches a local date-time (DST gaps move forward).
	 */
	public Instant instantOf(LocalDateTime dateTime) {
		return ZonedDateTime.of(dateTime, zone).toInstant();
	}

}
