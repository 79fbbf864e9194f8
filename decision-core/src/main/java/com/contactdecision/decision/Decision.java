package com.contactdecision.decision;

import java.time.Instant;
import java.util.List;

import com.contactdecision.facts.Obligation;

/**
 * The answer, exactly as given and as kept in the audit trail. Field names are API
 * (CONTRACT section 1); {@code warnings}, {@code requestId}, {@code consumerId} and
 * {@code mode} are extensions.
 *
 * @param nextEligibleAt the earliest instant at or after {@code at} at which the same
 * request would be allowed if nothing else happened; {@code at} itself for an ALLOW; null
 * when time alone cannot lift a block or none is found within the search horizon
 */
public record Decision(String decisionId, Outcome outcome, List<Reason> reasons, List<Obligation> obligations,
		List<String> warnings, Instant nextEligibleAt, List<String> timeZones, boolean reserved, String ruleSetVersion,
		Instant at, String requestId, String consumerId, Mode mode) {

	public Decision {
		reasons = List.copyOf(reasons);
		obligations = List.copyOf(obligations);
		warnings = List.copyOf(warnings);
		timeZones = List.copyOf(timeZones);
	}

	/**
	 * The same decision with every phone number and email address in its texts replaced
	 * (erasure).
	 */
	public Decision pseudonymised(java.util.function.UnaryOperator<String> pseudonym) {
		return new Decision(decisionId, outcome,
				reasons.stream()
					.map(r -> new Reason(r.code(), r.rule(),
							com.contactdecision.privacy.Pii.replace(r.message(), pseudonym), r.citation()))
					.toList(),
				obligations, warnings.stream().map(w -> com.contactdecision.privacy.Pii.replace(w, pseudonym)).toList(),
				nextEligibleAt, timeZones, reserved, ruleSetVersion, at, requestId, consumerId, mode);
	}

}
