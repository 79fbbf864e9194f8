package com.contactdecision.validation;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.regex.Pattern;

import com.contactdecision.facts.TimeOfDay;
import com.contactdecision.zones.TimeZoneResolver;

/**
 * Collects field errors for a 400 answer: every problem at once, each named by its JSON
 * path. Messages never echo the value: an id may hold a CR/LF or a megabyte, and the
 * answer and the logs must carry neither.
 */
public final class Validation {

	/**
	 * Ids (consumer, debt, collector, request, event, decision): 1 to
	 * {@value #MAX_ID_LENGTH} ASCII letters, digits and {@code - _ . : @ +}. Part of the
	 * API (README, OpenAPI {@code pattern}). Redis keys encode ids anyway, so relaxing
	 * this rule later cannot mix two ids' keys.
	 */
	public static final int MAX_ID_LENGTH = 128;

	/** The id pattern as the OpenAPI document states it. */
	public static final String ID_PATTERN = "^[A-Za-z0-9._:@+-]{1,128}$";

	private static final Pattern ID = Pattern.compile("[A-Za-z0-9._:@+-]{1," + MAX_ID_LENGTH + "}");

	static final String ID_MESSAGE = "not an id: 1 to " + MAX_ID_LENGTH
			+ " characters of letters, digits and - _ . : @ +";

	private static final Pattern E164 = Pattern.compile("\\+[1-9]\\d{6,14}");

	private static final Pattern EMAIL = Pattern.compile("[^@\\s]+@[^@\\s]+\\.[^@\\s]+");

	private final List<FieldError> errors = new ArrayList<>();

	public static boolean isE164(String phone) {
		return phone != null && E164.matcher(phone).matches();
	}

	public static boolean isId(String value) {
		return value != null && ID.matcher(value).matches();
	}

	/** An optional id: absent is fine, present must match {@link #ID_PATTERN}. */
	public Validation id(String field, String value) {
		if (value != null && !isId(value)) {
			errors.add(new FieldError(field, ID_MESSAGE));
		}
		return this;
	}

	/** A list of ids, each checked, at most {@code max} of them. */
	public Validation ids(String field, java.util.List<String> values, int max) {
		if (values == null) {
			return this;
		}
		if (values.size() > max) {
			errors.add(new FieldError(field, "at most " + max + " entries"));
			return this;
		}
		for (int i = 0; i < values.size(); i++) {
			if (values.get(i) != null) {
				id(field + "[" + i + "]", values.get(i));
			}
		}
		return this;
	}

	/** A path parameter: required and an id, or a 400 naming it. */
	public static String requireId(String field, String value) {
		new Validation().require(field, value).id(field, value).throwIfInvalid();
		return value;
	}

	public Validation require(String field, Object value) {
		if (value == null || (value instanceof String s && s.isBlank())) {
			errors.add(new FieldError(field, "is required"));
		}
		return this;
	}

	public Validation requireNonEmpty(String field, Collection<?> values) {
		if (values == null || values.isEmpty()) {
			errors.add(new FieldError(field, "must not be empty"));
		}
		else {
			int i = 0;
			for (Object v : values) {
				if (v == null || (v instanceof String s && s.isBlank())) {
					errors.add(new FieldError(field + "[" + i + "]", "must not be blank"));
				}
				i++;
			}
		}
		return this;
	}

	public Validation phone(String field, String phone) {
		if (phone != null && !isE164(phone)) {
			errors.add(new FieldError(field, "not an E.164 number"));
		}
		return this;
	}

	public Validation email(String field, String email) {
		// 254: the longest address SMTP can carry (RFC 5321); checked first, so no long
		// input meets the pattern.
		if (email != null && (email.length() > 254 || !EMAIL.matcher(email).matches())) {
			errors.add(new FieldError(field, "not an email address"));
		}
		return this;
	}

	public Validation zone(String field, String zone) {
		if (zone != null && !TimeZoneResolver.isIanaZone(zone)) {
			errors.add(new FieldError(field, "not an IANA time zone name (e.g. America/Chicago)"));
		}
		return this;
	}

	public Validation timeOfDay(String field, String time) {
		if (time != null && !TimeOfDay.isValid(time)) {
			errors.add(new FieldError(field, "not a local time HH:mm (00:00 to 24:00)"));
		}
		return this;
	}

	/**
	 * Instants the calendar arithmetic can handle: from 1970 to the year 9999. Jackson
	 * reads "+1000000000-12-31T23:59:59Z", but no local date can be computed from it.
	 */
	public Validation instant(String field, java.time.Instant at) {
		if (at != null && (at.isBefore(EARLIEST) || !at.isBefore(LATEST))) {
			errors
				.add(new FieldError(field, "outside the supported range 1970-01-01T00:00:00Z to 9999-12-31T23:59:59Z"));
		}
		return this;
	}

	private static final java.time.Instant EARLIEST = java.time.Instant.EPOCH;

	private static final java.time.Instant LATEST = java.time.Instant.parse("+10000-01-01T00:00:00Z");

	public Validation maxLength(String field, String value, int max) {
		if (value != null && value.length() > max) {
			errors.add(new FieldError(field, "longer than " + max + " characters"));
		}
		return this;
	}

	public Validation check(boolean ok, String field, String message) {
		if (!ok) {
			errors.add(new FieldError(field, message));
		}
		return this;
	}

	public void throwIfInvalid() {
		if (!errors.isEmpty()) {
			throw new InvalidRequestException(errors);
		}
	}

}
