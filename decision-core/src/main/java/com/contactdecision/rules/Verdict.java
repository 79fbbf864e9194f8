package com.contactdecision.rules;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import com.contactdecision.facts.Obligation;
import com.contactdecision.facts.ReasonCode;

/**
 * What the rules conclude about one evaluation. Rules reach it as the global {@code verdict}; it is
 * a global rather than a fact because a fact every rule joins on made 205 rules 14 times slower
 * (shared/STACK.md). One instance per evaluation; not thread-safe.
 */
public final class Verdict {

	private final List<Finding> findings = new ArrayList<>();

	private final Set<Obligation> obligations = new LinkedHashSet<>();

	private final List<String> warnings = new ArrayList<>();

	/** A block that lifts at {@code notBefore} at the earliest (null: time alone cannot lift it). */
	public void deny(ReasonCode code, String rule, String citation, String message, Instant notBefore) {
		Finding f = new Finding(code, rule, message, citation, notBefore);
		if (!findings.contains(f)) {
			findings.add(f);
		}
	}

	/** A block that no passage of time lifts. */
	public void deny(ReasonCode code, String rule, String citation, String message) {
		deny(code, rule, citation, message, null);
	}

	public void oblige(Obligation obligation) {
		obligations.add(obligation);
	}

	/** An advisory that does not block (e.g. Reg F rebuttal factors). */
	public void warn(String warning) {
		if (!warnings.contains(warning)) {
			warnings.add(warning);
		}
	}

	public boolean allows() {
		return findings.isEmpty();
	}

	public List<Finding> findings() {
		return List.copyOf(findings);
	}

	public List<Obligation> obligations() {
		return List.copyOf(obligations);
	}

	public List<String> warnings() {
		return List.copyOf(warnings);
	}

}
