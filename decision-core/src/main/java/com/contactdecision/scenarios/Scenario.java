package com.contactdecision.scenarios;

import java.util.List;

import tools.jackson.databind.JsonNode;

import com.contactdecision.decision.Outcome;
import com.contactdecision.facts.Obligation;
import com.contactdecision.facts.ReasonCode;

/**
 * One scenario file (format documented in rules/README.md), as {@link ScenarioReader} reads it.
 *
 * @param name the file's path under the scenario directory, without extension
 * @param status {@code todo} reports the scenario as skipped instead of running it
 */
public record Scenario(String name, String description, String status, Given given, JsonNode when, Then then) {

	/** What is on file before the request. Each part is the JSON the HTTP API takes. */
	public record Given(JsonNode collector, JsonNode profile, List<JsonNode> debts, List<JsonNode> consents,
			List<JsonNode> events, List<JsonNode> decisions) {

		public Given {
			debts = debts == null ? List.of() : debts;
			consents = consents == null ? List.of() : consents;
			events = events == null ? List.of() : events;
			decisions = decisions == null ? List.of() : decisions;
		}

	}

	/**
	 * What the decision must be, in the API's own enums (a misspelt code does not read).
	 * {@code reasons} and {@code obligations} are compared as sets of codes; {@code nextEligibleAt}
	 * as an instant, where an explicit null means "time alone cannot lift it" and an absent field is
	 * not checked.
	 */
	public record Then(Outcome outcome, List<ReasonCode> reasons, List<Obligation> obligations,
			JsonNode nextEligibleAt, List<String> timeZones, Boolean reserved) {
	}

	public boolean isTodo() {
		return "todo".equalsIgnoreCase(status);
	}

	/** The same scenario under another name (the reader names it after its file). */
	public Scenario named(String name) {
		return new Scenario(name, description, status, given, when, then);
	}

}
