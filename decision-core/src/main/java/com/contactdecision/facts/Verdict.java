package com.contactdecision.facts;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * What the rules conclude about one evaluation. Rules reach it as the global
 * {@code verdict}; it is a global rather than a fact because a fact every rule joins on
 * made 205 rules 14 times slower (shared/STACK.md). One instance per evaluation; not
 * thread-safe.
 * <p>
 * A rule says who it is and what law it applies in its metadata,
 * {@code @id("regf-cease")} and {@code @citation("12 CFR 1006.6(c)")}; the engine hands
 * them to the verdict before the rule's consequence runs ({@link #firing}), so a
 * consequence names only the reason code and the message:
 * {@code verdict.deny(ReasonCode.CEASE_COMMUNICATION, "...")}. A rule whose id and
 * citation are data (the row of a parameter table) passes them explicitly.
 */
public final class Verdict {

	private final List<Finding> findings = new ArrayList<>();

	private final Set<Obligation> obligations = new LinkedHashSet<>();

	private final List<Warning> warnings = new ArrayList<>();

	private String ruleName;

	private String ruleId;

	private String ruleCitation;

	/**
	 * For the engine: the rule whose consequence runs next, with its {@code @id} and
	 * {@code @citation} metadata (null when it has none); all null once it has run.
	 */
	public void firing(String name, String id, String citation) {
		this.ruleName = name;
		this.ruleId = id;
		this.ruleCitation = citation;
	}

	/**
	 * A block, cited by the firing rule's {@code @id} and {@code @citation}, that lifts
	 * at {@code notBefore} at the earliest (null: time alone cannot lift it).
	 * @throws IllegalStateException when the firing rule has no {@code @id} or no
	 * {@code @citation}
	 */
	public void deny(ReasonCode code, String message, Instant notBefore) {
		if (ruleId == null || ruleCitation == null) {
			throw new IllegalStateException("rule \"" + ruleName + "\" denies " + code
					+ " but has no @id(\"...\") and @citation(\"...\") metadata");
		}
		deny(code, ruleId, ruleCitation, message, notBefore);
	}

	/** A block, cited by the firing rule's metadata, that no passage of time lifts. */
	public void deny(ReasonCode code, String message) {
		deny(code, message, (Instant) null);
	}

	/**
	 * A block whose rule id and citation are data, e.g. the {@code id} and
	 * {@code citation} columns of a parameter table row; it lifts at {@code notBefore} at
	 * the earliest (null: never by time).
	 */
	public void deny(ReasonCode code, String rule, String citation, String message, Instant notBefore) {
		Finding f = new Finding(code, rule, message, citation, notBefore);
		if (!findings.contains(f)) {
			findings.add(f);
		}
	}

	/**
	 * A block whose rule id and citation are data (a parameter table row), that no
	 * passage of time lifts.
	 */
	public void deny(ReasonCode code, String rule, String citation, String message) {
		deny(code, rule, citation, message, null);
	}

	public void oblige(Obligation obligation) {
		obligations.add(obligation);
	}

	/** An advisory that does not block (e.g. Reg F rebuttal factors). */
	public void warn(Warning warning) {
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

	public List<Warning> warnings() {
		return List.copyOf(warnings);
	}

}
