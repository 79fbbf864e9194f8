package com.contactdecision.console;

import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.contactdecision.decision.Reason;
import com.contactdecision.facts.ReasonCode;

/**
 * A reason in plain words, and the kind of block it is on the calendar (its colour). The
 * sentences follow CONTRACT section 1's table; the codes stay visible beside them, since
 * reports key on them.
 */
enum ReasonWords {

	;

	/** Calendar kinds, each with its own colour in console.css. */
	enum Kind {

		HOURS("Outside permitted hours"), CAP("Frequency cap"), CONVERSATION("Conversation block"),
		DESIGNATED("Consumer's designated time or place"), HOLIDAY("Holiday"), HOLD("Hold, attorney, cease or dispute"),
		CONSENT("Consent or opt-out"), OTHER("Other");

		final String label;

		Kind(String label) {
			this.label = label;
		}

		public String label() {
			return label;
		}

		public String css() {
			return name().toLowerCase();
		}

	}

	private static final Map<ReasonCode, String> SENTENCES = new EnumMap<>(ReasonCode.class);

	private static final Map<ReasonCode, Kind> KINDS = new EnumMap<>(ReasonCode.class);

	static {
		put(ReasonCode.INCONVENIENT_TIME, Kind.HOURS,
				"Outside permitted hours in at least one zone the consumer may be in.");
		put(ReasonCode.CONSUMER_INCONVENIENT_TIME, Kind.DESIGNATED, "A time or day the consumer said is inconvenient.");
		put(ReasonCode.INCONVENIENT_PLACE, Kind.DESIGNATED,
				"A place the consumer said is inconvenient (for example work).");
		put(ReasonCode.WORKPLACE_PROHIBITED, Kind.DESIGNATED, "The employer prohibits such communications at work.");
		put(ReasonCode.WORK_EMAIL, Kind.DESIGNATED, "An employer-provided email address that may not be used.");
		put(ReasonCode.HOLIDAY, Kind.HOLIDAY, "A day the active rules close to contact.");
		put(ReasonCode.CALL_FREQUENCY_CAP, Kind.CAP, "The federal call cap for this debt is reached (7 in 7 days).");
		put(ReasonCode.RECENT_CONVERSATION, Kind.CONVERSATION,
				"A telephone conversation about this debt took place within the block period.");
		put(ReasonCode.STATE_FREQUENCY_CAP, Kind.CAP, "A state's or city's cap is reached.");
		put(ReasonCode.CHANNEL_FREQUENCY_CAP, Kind.CAP,
				"A creditor or collector policy cap on this channel is reached.");
		put(ReasonCode.LOCATION_CONTACT_LIMIT, Kind.CAP, "A repeat location inquiry to the same third party.");
		put(ReasonCode.ATTORNEY_REPRESENTED, Kind.HOLD, "The consumer is represented by an attorney about this debt.");
		put(ReasonCode.CEASE_COMMUNICATION, Kind.HOLD, "The consumer asked in writing to stop communication.");
		put(ReasonCode.MEDIUM_OPT_OUT, Kind.CONSENT,
				"The consumer asked not to be contacted by this medium or at this address.");
		put(ReasonCode.TCPA_NO_CONSENT, Kind.CONSENT,
				"Autodialed or prerecorded contact to a mobile without prior express consent.");
		put(ReasonCode.TCPA_CONSENT_REVOKED, Kind.CONSENT, "That consent was revoked.");
		put(ReasonCode.TCPA_RESIDENTIAL_LIMIT, Kind.CAP,
				"The prerecorded-call limit to a residential line without consent.");
		put(ReasonCode.LEGAL_HOLD, Kind.HOLD, "Bankruptcy, deceased, or another hold.");
		put(ReasonCode.DISPUTE_PENDING_VERIFICATION, Kind.HOLD, "A timely dispute awaits verification.");
		put(ReasonCode.UK_CONTACT_REQUEST, Kind.DESIGNATED,
				"Contrary to the customer's reasonable request on contact times or means (UK).");
		put(ReasonCode.GDPR_NO_LAWFUL_BASIS, Kind.CONSENT,
				"No lawful basis for this channel (consent withdrawn, objection).");
		put(ReasonCode.COUNTER_STORE_UNAVAILABLE, Kind.OTHER,
				"Contact history could not be read or written: the service fails closed.");
	}

	private static void put(ReasonCode code, Kind kind, String sentence) {
		SENTENCES.put(code, sentence);
		KINDS.put(code, kind);
	}

	static String sentence(ReasonCode code) {
		return SENTENCES.getOrDefault(code, "The message content does not meet the content rules.");
	}

	/**
	 * Each reason's code in plain words, in the reasons' order: what the reasons table
	 * shows.
	 */
	static Map<ReasonCode, String> sentences(List<Reason> reasons) {
		Map<ReasonCode, String> words = new LinkedHashMap<>();
		reasons.forEach(r -> words.putIfAbsent(r.code(), sentence(r.code())));
		return words;
	}

	static Kind kind(ReasonCode code) {
		return KINDS.getOrDefault(code, Kind.OTHER);
	}

}
