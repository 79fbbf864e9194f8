package com.contactdecision.decision;

import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;

import com.contactdecision.facts.Finding;
import com.contactdecision.facts.Verdict;
import com.contactdecision.rules.DroolsRuleEngine;
import com.contactdecision.rules.RuleSet;
import com.contactdecision.rules.Situation;

/**
 * Finds the earliest instant at or after the requested one at which the same request would be
 * allowed (convention C7), once, for all rules: each blocking finding proposes the earliest instant
 * it could lift; no instant before the latest of those can be allowed, so the search jumps there and
 * decides again, until the rules allow, a block has no end, or the horizon is passed.
 */
public final class NextEligibleSearch {

	/** Past this, "not within any horizon a dialler plans for": answer null. */
	public static final Duration HORIZON = Duration.ofDays(35);

	private static final int MAX_STEPS = 256;

	private final DroolsRuleEngine engine;

	public NextEligibleSearch(DroolsRuleEngine engine) {
		this.engine = engine;
	}

	/** Null when time alone cannot lift the blocks, or not within {@link #HORIZON}. */
	public Instant next(RuleSet ruleSet, Situation situation, Verdict denied) {
		Instant start = situation.at();
		Instant limit = start.plus(HORIZON);
		Verdict verdict = denied;
		Instant t = start;
		for (int step = 0; step < MAX_STEPS && !verdict.allows(); step++) {
			if (verdict.findings().stream().anyMatch(f -> f.notBefore() == null)) {
				return null;
			}
			Instant candidate = verdict.findings()
				.stream()
				.map(Finding::notBefore)
				.max(Comparator.naturalOrder())
				.orElseThrow();
			if (!candidate.isAfter(t)) {
				throw new IllegalStateException("a rule proposed " + candidate + ", not after " + t + ": "
						+ verdict.findings() + " (a not-before instant must lie in the future)");
			}
			if (candidate.isAfter(limit)) {
				return null;
			}
			t = candidate;
			verdict = engine.evaluate(ruleSet, situation.at(t));
		}
		return verdict.allows() ? t : null;
	}

}
