package com.contactdecision.facts;

import java.time.LocalDate;
import java.time.Year;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;

import de.focus_shift.jollyday.core.Holiday;
import de.focus_shift.jollyday.core.HolidayManager;
import de.focus_shift.jollyday.core.ManagerParameters;

/**
 * Named public holidays from jollyday's calendars ({@code US}, {@code GB}, {@code DE},
 * ...; a subdivision such as {@code ma} adds that state's). Holidays of a calendar,
 * subdivision and year are computed once and cached; thread-safe.
 */
public final class HolidayCalendars {

	private static final Map<String, Set<Holiday>> YEARS = new ConcurrentHashMap<>();

	private HolidayCalendars() {
	}

	/** Whether jollyday has a calendar with this code (e.g. {@code US}). */
	public static boolean isCalendar(String calendar) {
		return calendar != null
				&& HolidayManager.getSupportedCalendarCodes().contains(calendar.toUpperCase(Locale.ROOT));
	}

	/**
	 * The holidays of a calendar and subdivision in one year (jollyday's set; observed
	 * dates may fall in another year).
	 */
	public static Set<Holiday> holidays(String calendar, String subdivision, int year) {
		String cal = calendar.toUpperCase(Locale.ROOT);
		String sub = subdivision == null ? "" : subdivision.strip().toLowerCase(Locale.ROOT);
		return YEARS.computeIfAbsent(cal + "/" + sub + "/" + year, k -> {
			HolidayManager m = HolidayManager.getInstance(ManagerParameters.create(cal));
			return Set.copyOf(sub.isEmpty() ? m.getHolidays(Year.of(year)) : m.getHolidays(Year.of(year), sub));
		});
	}

	/**
	 * The holiday names (jollyday's keys, e.g. {@code CHRISTMAS}) the calendar has in any
	 * year from 2020 to 2040.
	 */
	public static Set<String> names(String calendar, String subdivision) {
		Set<String> names = new TreeSet<>();
		for (int y = 2020; y <= 2040; y++) {
			holidays(calendar, subdivision, y).forEach(h -> names.add(h.getPropertiesKey()));
		}
		return names;
	}

	/**
	 * The holiday falling on a date, among those named (empty: every holiday of the
	 * calendar), by its actual date, its observed date, or either; null when the date is
	 * not such a holiday.
	 */
	public static Holiday on(LocalDate date, String calendar, String subdivision, Set<String> named,
			HolidayDates dates) {
		for (int y = date.getYear() - 1; y <= date.getYear() + 1; y++) {
			for (Holiday h : holidays(calendar, subdivision, y)) {
				if (!named.isEmpty() && !named.contains(h.getPropertiesKey())) {
					continue;
				}
				boolean actual = date.equals(h.getActualDate());
				boolean observed = date.equals(h.getObservedDate().orElse(h.getActualDate()));
				if (switch (dates) {
					case ACTUAL -> actual;
					case OBSERVED -> observed;
					case BOTH -> actual || observed;
				}) {
					return h;
				}
			}
		}
		return null;
	}

}
