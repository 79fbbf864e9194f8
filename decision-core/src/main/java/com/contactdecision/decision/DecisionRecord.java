package com.contactdecision.decision;

import java.util.List;

import com.contactdecision.facts.Channel;
import com.contactdecision.json.Json;

import tools.jackson.core.JacksonException;

/**
 * One decision as the audit store keeps it, for years (Regulation F, 12 CFR 1006.100):
 * the answer as given, who asked about whom, how long it took, and the facts the rules
 * saw, in a form that can be evaluated again ({@link #request} plus {@link #facts}
 * rebuild the situation, {@code
 * decision.timeZones} fix its zones). Phone numbers and email addresses are pseudonyms
 * ({@link RecordPseudonyms}), everywhere in the record, consistently, so a replay still
 * matches a number against the consents and the history kept for it.
 *
 * <p>
 * The JSON form ({@link #toJson}) is what the Redis audit stream carries and the database
 * keeps: field names are part of the stored format, never rename them.
 *
 * @param collectorId the collector the decision was made for (the request's, else the
 * default)
 * @param latencyMicros from the request reaching the core to the record being made (for a
 * RESERVE, before the reservation is written: the record travels with it)
 * @param facts what was on file: profile, consents, debts (with the servicing siblings
 * the caps counted) and the history window with its version
 */
public record DecisionRecord(Decision decision, String collectorId, List<String> debtIds, Channel channel,
		long latencyMicros, ContactRequest request, FactReader.Facts facts) {

	public DecisionRecord {
		debtIds = List.copyOf(debtIds);
	}

	public String decisionId() {
		return decision.decisionId();
	}

	public String toJson() {
		try {
			return Json.store().writeValueAsString(this);
		}
		catch (JacksonException e) {
			throw new IllegalStateException("Cannot serialise the record of " + decision.decisionId(), e);
		}
	}

	public static DecisionRecord fromJson(String json) {
		try {
			return Json.store().readValue(json, DecisionRecord.class);
		}
		catch (JacksonException e) {
			throw new IllegalStateException("Unreadable decision record", e);
		}
	}

}
