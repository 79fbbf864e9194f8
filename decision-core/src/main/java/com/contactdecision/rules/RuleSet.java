package com.contactdecision.rules;

import java.time.Instant;
import java.util.List;
import java.util.Set;

import org.kie.api.KieBase;

/**
 * A compiled, immutable rule set: what one load of the rule directory produced. Safe to share
 * between threads; a reload builds a new one and swaps it in whole.
 *
 * @param version {@code sha256:} content hash of every file's path and bytes
 * @param parameters the rows of the parameter tables, inserted into every evaluation
 * @param globals the globals the rule files declare
 * @param sessions the reusable sessions of this rule set (they hold the parameter rows); created
 * with it and discarded with it, so a replaced rule set leaves nothing behind
 */
public record RuleSet(String version, Instant loadedAt, List<RuleFile> files, int ruleCount, KieBase kieBase,
		List<Object> parameters, Set<String> globals, SessionPool sessions) {

	public RuleSet {
		parameters = List.copyOf(parameters);
		globals = Set.copyOf(globals);
		if (sessions == null || !sessions.belongsTo(kieBase, parameters)) {
			sessions = new SessionPool(kieBase, parameters, globals, version);
		}
	}

	/** A rule set with its own, new session pool. */
	public RuleSet(String version, Instant loadedAt, List<RuleFile> files, int ruleCount, KieBase kieBase,
			List<Object> parameters, Set<String> globals) {
		this(version, loadedAt, files, ruleCount, kieBase, parameters, globals, null);
	}

	/** One loaded file: its path relative to the rule directory and its own content hash. */
	public record RuleFile(String path, String sha256) {
	}

}
