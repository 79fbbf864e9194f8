package com.contactdecision.facts;

import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The communication being decided, with what the service knows of its destination merged in
 * (request facts first, then the profile's record of the same number or address). One per
 * evaluation; rules match on it.
 *
 * @param regulationF true when the collector is a debt collector, whom Regulation F binds
 * @param states the US states of every known address (for state overlays)
 */
public record Contact(String consumerId, String collectorId, CollectorType collectorType, boolean regulationF,
		Jurisdiction jurisdiction, Set<String> states, Channel channel, DialMode dialMode, Recipient recipient,
		Purpose purpose, String phone, String email, LineType lineType, boolean workplace, boolean employerProvided,
		List<String> debtIds, String text, String subject, String inResponseTo, Instant at) {

	public Contact {
		states = Lists.of(states);
		debtIds = Lists.of(debtIds);
	}

	public boolean isCall() {
		return channel.isCall();
	}

	public boolean isElectronic() {
		return channel.isElectronic();
	}

	public boolean isAutomated() {
		return dialMode.isAutomated();
	}

	public boolean isToConsumer() {
		return recipient == Recipient.CONSUMER;
	}

	public boolean inState(String state) {
		return states.contains(state);
	}

	/** The phone number or email address this goes to. */
	public String address() {
		return phone != null ? phone : email;
	}

	public boolean hasText() {
		return text != null && !text.isBlank();
	}

	/** Case-insensitive regular-expression search in the message text and subject. */
	public boolean textMatches(String regex) {
		if (!hasText() && subject == null) {
			return false;
		}
		Pattern p = Pattern.compile(regex, Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);
		return (text != null && p.matcher(text).find()) || (subject != null && p.matcher(subject).find());
	}

	public String lowerText() {
		return text == null ? "" : text.toLowerCase(Locale.ROOT);
	}

	public Contact at(Instant instant) {
		return new Contact(consumerId, collectorId, collectorType, regulationF, jurisdiction, states, channel,
				dialMode, recipient, purpose, phone, email, lineType, workplace, employerProvided, debtIds, text,
				subject, inResponseTo, instant);
	}

}
