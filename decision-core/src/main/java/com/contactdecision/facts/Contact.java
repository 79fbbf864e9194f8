package com.contactdecision.facts;

import java.time.Instant;
import java.util.List;
import java.util.Set;

/**
 * The communication being decided, with what the service knows of its destination merged
 * in (request facts first, then the profile's record of the same number or address). One
 * per evaluation; rules match on it.
 *
 * @param regulationF true when Regulation F binds the contact: the collector is a debt
 * collector and the consumer is under US law (a UK or EU consumer is not held to Reg F's
 * rules or codes)
 * @param states the US states of every known address (for state overlays)
 * @param localities the US cities or other sub-state areas with their own rules that some
 * known address is in (e.g. {@code NYC}, see {@link Localities}); tables name them
 * {@code US-NYC}
 */
public record Contact(String consumerId, String collectorId, CollectorType collectorType, boolean regulationF,
		Jurisdiction jurisdiction, Set<String> states, Set<String> localities, Channel channel, DialMode dialMode,
		Recipient recipient, Purpose purpose, String phone, String email, LineType lineType, boolean workplace,
		boolean employerProvided, List<String> debtIds, String text, String subject, String inResponseTo, Instant at) {

	public Contact {
		states = Lists.of(states);
		localities = Lists.of(localities);
		debtIds = Lists.of(debtIds);
	}

	/** The contact without localities (as before cities were modelled). */
	public Contact(String consumerId, String collectorId, CollectorType collectorType, boolean regulationF,
			Jurisdiction jurisdiction, Set<String> states, Channel channel, DialMode dialMode, Recipient recipient,
			Purpose purpose, String phone, String email, LineType lineType, boolean workplace, boolean employerProvided,
			List<String> debtIds, String text, String subject, String inResponseTo, Instant at) {
		this(consumerId, collectorId, collectorType, regulationF, jurisdiction, states, Set.of(), channel, dialMode,
				recipient, purpose, phone, email, lineType, workplace, employerProvided, debtIds, text, subject,
				inResponseTo, at);
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

	public boolean inState(String state) {
		return states.contains(state);
	}

	/**
	 * Whether some known address is in a locality with its own rules (e.g. {@code NYC}).
	 */
	public boolean inLocality(String locality) {
		return localities.contains(locality);
	}

	/**
	 * The class of line the caps tables' {@code lineTypes} compare: {@code WORK} for a
	 * destination at the consumer's place of employment (a workplace number, a WORK line,
	 * an employer-provided email), else the line type ({@code UNKNOWN} when not known).
	 */
	public LineType lineClass() {
		if (isAtWorkplace()) {
			return LineType.WORK;
		}
		return lineType == null ? LineType.UNKNOWN : lineType;
	}

	/** The phone number or email address this goes to. */
	public String address() {
		return phone != null ? phone : email;
	}

	public boolean hasText() {
		return text != null && !text.isBlank();
	}

	/**
	 * The destination is at the consumer's place of employment: a workplace number (as
	 * the request or the profile says, or a WORK line), or an employer-provided email
	 * address (REGF-PLACE, REGF-WORK).
	 */
	public boolean isAtWorkplace() {
		return workplace || isEmployerEmail();
	}

	/**
	 * An email address the collector knows or should know the consumer's employer
	 * provided: marked employerProvided, or given as a WORK address (1006.22(f)(3)).
	 */
	public boolean isEmployerEmail() {
		return channel == Channel.EMAIL && email != null && (employerProvided || lineType == LineType.WORK);
	}

	/**
	 * An automated text: SMS sent AUTODIALED or PRERECORDED (the contract's SMS default
	 * is AUTODIALED).
	 */
	public boolean isAutomatedText() {
		return channel == Channel.SMS && dialMode.isAutomated();
	}

	/** An autodialed or prerecorded call or voicemail. */
	public boolean isAutomatedCall() {
		return channel.isCall() && dialMode.isAutomated();
	}

	public Contact at(Instant instant) {
		return new Contact(consumerId, collectorId, collectorType, regulationF, jurisdiction, states, localities,
				channel, dialMode, recipient, purpose, phone, email, lineType, workplace, employerProvided, debtIds,
				text, subject, inResponseTo, instant);
	}

}
