package com.contactdecision.facts;

import java.time.DayOfWeek;
import java.time.LocalDateTime;
import java.util.Set;

/**
 * A time the consumer said is inconvenient, in the consumer's local time. No days means
 * every day; no {@code from}/{@code to} means the whole day; no channels means every
 * channel. {@code to} may be "24:00" (end of day) and may be before {@code from} for an
 * overnight span.
 */
public record InconvenientTime(Set<DayOfWeek> days, String from, String to, Set<Channel> channels) {

	public InconvenientTime {
		days = Lists.of(days);
		channels = Lists.of(channels);
	}

	public boolean appliesTo(Channel channel) {
		return channels.isEmpty() || channels.stream().anyMatch(c -> c.sameMediumAs(channel));
	}

	/** Whether a local date-time falls in this designation. */
	public boolean covers(LocalDateTime local) {
		int minute = local.getHour() * 60 + local.getMinute();
		int start = TimeOfDay.minutes(from, 0);
		int end = TimeOfDay.minutes(to, TimeOfDay.END_OF_DAY);
		if (start <= end) {
			return dayMatches(local.getDayOfWeek()) && minute >= start && minute < end;
		}
		// Overnight span: the part after midnight belongs to the previous day's
		// designation.
		return (dayMatches(local.getDayOfWeek()) && minute >= start)
				|| (dayMatches(local.getDayOfWeek().minus(1)) && minute < end);
	}

	/**
	 * The first local date-time after {@code local} that this designation does not cover.
	 */
	public LocalDateTime endAfter(LocalDateTime local) {
		LocalDateTime t = local.withSecond(0).withNano(0);
		// Step through minutes: designations are at most a week of whole minutes, and
		// this is only
		// called while searching for the next eligible instant.
		for (int i = 0; i <= 8 * 24 * 60; i++) {
			t = t.plusMinutes(1);
			if (!covers(t)) {
				return t;
			}
		}
		return null;
	}

	private boolean dayMatches(DayOfWeek day) {
		return days.isEmpty() || days.contains(day);
	}

}
