package com.contactdecision.facts;

import java.time.LocalDate;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;

import de.focus_shift.jollyday.core.Holiday;

/**
 * One row of a holiday table ({@code *-holidays.csv}): days a collector or creditor does
 * not contact consumers, as a policy (US law has no holiday ban; regulations.md section
 * 3, "Sunday or holiday bans"). The days are named holidays of a jollyday calendar,
 * checked on the local date in every zone the consumer may be in.
 *
 * @param collectorIds the collectors the policy is theirs (empty: every collector)
 * @param jurisdiction whose consumers it protects ({@code US}, {@code US-XX}, {@code UK},
 * ..., {@code *})
 * @param calendar a jollyday calendar code, e.g. {@code US}, {@code GB}
 * @param subdivision a subdivision of the calendar (e.g. {@code ma} adds Massachusetts
 * holidays), or empty
 * @param holidays jollyday holiday keys (e.g. {@code CHRISTMAS|NEW_YEAR}); empty means
 * every holiday of the calendar
 * @param dates the holiday's actual date, its observed (weekday) date, or both
 * @param channels the channels closed
 */
public record HolidayPolicy(String id, boolean enabled, Set<String> collectorIds, String jurisdiction, String calendar,
		String subdivision, Set<String> holidays, HolidayDates dates, Set<Channel> channels, ReasonCode reasonCode,
		String citation) {

	public HolidayPolicy {
		collectorIds = Lists.of(collectorIds);
		channels = Lists.of(channels);
		subdivision = subdivision == null ? "" : subdivision.strip().toLowerCase(Locale.ROOT);
		dates = dates == null ? HolidayDates.ACTUAL : dates;
		if (id == null || id.isBlank()) {
			throw new IllegalArgumentException("column id: a policy needs an id");
		}
		if (reasonCode == null) {
			throw new IllegalArgumentException("column reasonCode: required");
		}
		if (!HolidayCalendars.isCalendar(calendar)) {
			throw new IllegalArgumentException(
					"column calendar: '" + calendar + "' is not a jollyday calendar (e.g. US, GB, DE)");
		}
		calendar = calendar.toUpperCase(Locale.ROOT);
		Set<String> upper = new TreeSet<>();
		Lists.of(holidays).forEach(h -> upper.add(h.strip().toUpperCase(Locale.ROOT)));
		holidays = Set.copyOf(upper);
		Set<String> known;
		try {
			known = HolidayCalendars.names(calendar, subdivision);
		}
		catch (RuntimeException e) {
			throw new IllegalArgumentException("column subdivision: '" + subdivision + "' is not a subdivision of "
					+ calendar + ": " + e.getMessage());
		}
		Set<String> unknown = new TreeSet<>(holidays);
		unknown.removeAll(known);
		if (!unknown.isEmpty()) {
			throw new IllegalArgumentException("column holidays: " + unknown + " not in the " + calendar
					+ (subdivision.isEmpty() ? "" : "/" + subdivision) + " calendar; its holidays are " + known);
		}
	}

	public boolean appliesTo(Contact c) {
		return enabled && (collectorIds.isEmpty() || collectorIds.contains(c.collectorId()))
				&& Jurisdictions.matches(jurisdiction, c) && channels.contains(c.channel());
	}

	/** Whether a local date is one of the policy's holidays. */
	public boolean closes(LocalDate date) {
		return HolidayCalendars.on(date, calendar, subdivision, holidays, dates) != null;
	}

	/** The holiday's name on a date the policy closes, e.g. "Christmas". */
	public String holidayName(LocalDate date) {
		Holiday h = HolidayCalendars.on(date, calendar, subdivision, holidays, dates);
		return h == null ? null : h.getDescription(Locale.ENGLISH);
	}

}
