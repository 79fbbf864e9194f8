package com.contactdecision.explain;

import java.time.Instant;
import java.util.List;

import com.contactdecision.decision.Outcome;
import com.contactdecision.decision.Reason;
import com.contactdecision.facts.Consent;
import com.contactdecision.facts.ContactRecord;
import com.contactdecision.facts.Obligation;
import com.contactdecision.facts.ZoneTime;

/**
 * A CHECK with the facts that decided it.
 *
 * @param localTimes the instant in every zone the consumer may be in
 * @param consents the latest consent record of each kind, channel and destination
 * @param history the contact history the rules saw (the look-back window)
 */
public record Explanation(Outcome outcome, List<Reason> reasons, List<Obligation> obligations, List<String> warnings,
		Instant at, Instant nextEligibleAt, List<ZoneTime> localTimes, List<Consent> consents,
		List<ContactRecord> history, String ruleSetVersion) {

	public Explanation {
		reasons = List.copyOf(reasons);
		obligations = List.copyOf(obligations);
		warnings = List.copyOf(warnings);
		localTimes = List.copyOf(localTimes);
		consents = List.copyOf(consents);
		history = List.copyOf(history);
	}

}
