package com.contactdecision.rules;

import java.time.Instant;
import java.util.List;
import java.util.Set;

import org.kie.api.KieBase;

/**
 * A compiled, immutable rule set: what one load of the rule directory produced. Safe to
 * share between threads; a reload builds a new one and swaps it in whole.
 *
 * @param version {@code sha256:} content hash of every file's path and bytes
 * @param rows the rows of the parameter tables with the periods they are in force; an
 * evaluation at an instant inserts the rows in force then
 * @param globals the globals the rule files declare
 * @param schedule the periods of the rows and each period's reusable sessions (they hold
 * its rows); created with the rule set and discarded with it, so a replaced rule set
 * leaves nothing behind
 */
public record RuleSet(String version, Instant loadedAt, List<RuleFile> files, int ruleCount, KieBase kieBase,
		List<ParameterRow> rows, Set<String> globals, Schedule schedule) {

	public RuleSet {
		rows = List.copyOf(rows);
		globals = Set.copyOf(globals);
		if (schedule == null || !schedule.belongsTo(kieBase, rows)) {
			schedule = new Schedule(kieBase, rows, globals, version);
		}
	}

	/** A rule set with its own, new schedule and sessions. */
	public RuleSet(String version, Instant loadedAt, List<RuleFile> files, int ruleCount, KieBase kieBase,
			List<ParameterRow> rows, Set<String> globals) {
		this(version, loadedAt, files, ruleCount, kieBase, rows, globals, null);
	}

	/** Every row's value, whatever its period. */
	public List<Object> parameters() {
		return rows.stream().map(ParameterRow::value).toList();
	}

	/** The rows in force at the instant. */
	public List<Object> parametersAt(Instant at) {
		return schedule.rowsAt(at);
	}

	/** The rows of one type in force at the instant. */
	public <T> List<T> parametersAt(Instant at, Class<T> type) {
		return schedule.rowsAt(at).stream().filter(type::isInstance).map(type::cast).toList();
	}

	/** The sessions for decisions at the instant. */
	public SessionPool sessionsAt(Instant at) {
		return schedule.sessionsAt(at);
	}

	/**
	 * The sessions for decisions at the instant the rule set was loaded: with no dated
	 * row, the only ones.
	 */
	public SessionPool sessions() {
		return schedule.sessionsAt(loadedAt);
	}

	/**
	 * One loaded file: its path relative to the rule directory and its own content hash.
	 */
	public record RuleFile(String path, String sha256) {
	}

}
