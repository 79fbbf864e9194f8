package com.contactdecision.scenarios;

import java.util.List;

import tools.jackson.databind.JsonNode;

import com.contactdecision.decision.Outcome;
import com.contactdecision.facts.Obligation;
import com.contactdecision.facts.ReasonCode;
import com.contactdecision.profiles.OptOutReplies;

/**
 * One scenario file (format documented in rules/README.md), as {@link ScenarioReader}
 * reads it.
 *
 * @param name the file's path under the scenario directory, without extension
 * @param status {@code todo} reports the scenario as skipped instead of running it
 */
public record Scenario(String name, String description, String status, Given given, JsonNode when, Then then,
		List<AlsoAt> alsoAt) {

	public Scenario {
		alsoAt = alsoAt == null ? List.of() : alsoAt;
	}

	/**
	 * What is on file before the request. Each part is the JSON the HTTP API takes.
	 *
	 * @param inbound texts the consumer sent, as {@code POST /v1/inbound/sms} (from
	 * defaults to the number the request dials), read with the rule set's opt-out reply
	 * table
	 */
	public record Given(JsonNode collector, JsonNode profile, List<JsonNode> debts, List<JsonNode> consents,
			List<JsonNode> inbound, List<JsonNode> events, List<JsonNode> decisions) {

		public Given {
			debts = debts == null ? List.of() : debts;
			consents = consents == null ? List.of() : consents;
			inbound = inbound == null ? List.of() : inbound;
			events = events == null ? List.of() : events;
			decisions = decisions == null ? List.of() : decisions;
		}

	}

	/**
	 * The same givens and request decided at another instant, e.g. the other side of a
	 * change of law: the gate runs both.
	 */
	public record AlsoAt(JsonNode at, Then then) {
	}

	/**
	 * How a given inbound text must have been read; {@code matched} and {@code rules},
	 * when present, are compared as sets.
	 */
	public record InboundReading(OptOutReplies.Reading reading, List<String> matched, List<String> rules) {
	}

	/**
	 * What the decision must be, in the API's own enums (a misspelt code does not read).
	 * {@code reasons} and {@code obligations} are compared as sets of codes;
	 * {@code nextEligibleAt} as an instant, where an explicit null means "time alone
	 * cannot lift it" and an absent field is not checked; {@code inbound}, how each given
	 * inbound text was read, in order.
	 */
	public record Then(Outcome outcome, List<ReasonCode> reasons, List<Obligation> obligations, JsonNode nextEligibleAt,
			List<String> timeZones, Boolean reserved, List<InboundReading> inbound) {
	}

	public boolean isTodo() {
		return "todo".equalsIgnoreCase(status);
	}

	/** The same scenario under another name (the reader names it after its file). */
	public Scenario named(String name) {
		return new Scenario(name, description, status, given, when, then, alsoAt);
	}

}
