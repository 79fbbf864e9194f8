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

	/**
	 * The destination is at the consumer's place of employment: a workplace number (as the request
	 * or the profile says, or a WORK line), or an employer-provided email address (REGF-PLACE,
	 * REGF-WORK).
	 */
	public boolean isAtWorkplace() {
		return workplace || isEmployerEmail();
	}

	/**
	 * An email address the collector knows or should know the consumer's employer provided: marked
	 * employerProvided, or given as a WORK address (1006.22(f)(3)).
	 */
	public boolean isEmployerEmail() {
		return channel == Channel.EMAIL && email != null && (employerProvided || lineType == LineType.WORK);
	}

	/** An automated text: SMS sent AUTODIALED or PRERECORDED (the contract's SMS default is AUTODIALED). */
	public boolean isAutomatedText() {
		return channel == Channel.SMS && dialMode.isAutomated();
	}

	/** An autodialed or prerecorded call or voicemail. */
	public boolean isAutomatedCall() {
		return channel.isCall() && dialMode.isAutomated();
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
