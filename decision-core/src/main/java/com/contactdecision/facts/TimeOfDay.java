package com.contactdecision.facts;

import java.util.regex.Pattern;

/** "HH:mm" local times as minutes of the day, where "24:00" is the end of the day. */
public final class TimeOfDay {

	public static final int END_OF_DAY = 24 * 60;

	private static final Pattern FORMAT = Pattern.compile("([01]\\d|2[0-3]):[0-5]\\d|24:00");

	private TimeOfDay() {
	}

	public static boolean isValid(String text) {
		return text != null && FORMAT.matcher(text).matches();
	}

	public static int minutes(String text, int whenAbsent) {
		if (text == null) {
			return whenAbsent;
		}
		if (!isValid(text)) {
			throw new IllegalArgumentException("not a time of day (HH:mm): " + text);
		}
		return Integer.parseInt(text.substring(0, 2)) * 60 + Integer.parseInt(text.substring(3));
	}

}
