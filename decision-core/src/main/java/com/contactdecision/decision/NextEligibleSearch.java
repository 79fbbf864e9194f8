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
 * Finds the earliest instant at or after the requested one at which the same request
 * would be allowed (convention C7), once, for all rules: each blocking finding proposes
 * the earliest instant it could lift; no instant before the latest of those can be
 * allowed while the same rows are in force, so the search jumps there, or to the next
 * change of law if that comes first, and decides again, until the rules allow, a block
 * has no end and no change of law is ahead, or the horizon is passed.
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
		return next(ruleSet, situation, denied, System.nanoTime() + Duration.ofMinutes(1).toNanos());
	}

	/**
	 * As {@link #next(RuleSet, Situation, Verdict)}, stopping at {@code deadline} (a
	 * {@link System#nanoTime()} value): an instant not found in time is null, "not
	 * known", which a dialler treats as no promised time (the DENY itself stands).
	 */
	public Instant next(RuleSet ruleSet, Situation situation, Verdict denied, long deadline) {
		Instant start = situation.at();
		Instant limit = start.plus(HORIZON);
		Verdict verdict = denied;
		Instant t = start;
		for (int step = 0; step < MAX_STEPS && !verdict.allows(); step++) {
			// Each block's not-before instant holds under the rows in force at t; where
			// the rows change
			// (a table row comes into force or ends) a block may lift, or a new one
			// start, so the search
			// also stops there. A block no time lifts may still end with the law that
			// made it.
			Instant lawChanges = ruleSet.schedule().nextChangeAfter(t);
			Instant candidate = verdict.findings().stream().anyMatch(f -> f.notBefore() == null) ? null
					: verdict.findings().stream().map(Finding::notBefore).max(Comparator.naturalOrder()).orElseThrow();
			if (candidate != null && !candidate.isAfter(t)) {
				throw new IllegalStateException("a rule proposed " + candidate + ", not after " + t + ": "
						+ verdict.findings() + " (a not-before instant must lie in the future)");
			}
			if (lawChanges != null && (candidate == null || lawChanges.isBefore(candidate))) {
				candidate = lawChanges;
			}
			if (candidate == null || candidate.isAfter(limit)) {
				return null;
			}
			if (System.nanoTime() - deadline > 0) {
				return null;
			}
			t = candidate;
			verdict = engine.evaluate(ruleSet, situation.at(t));
		}
		return verdict.allows() ? t : null;
	}

}
