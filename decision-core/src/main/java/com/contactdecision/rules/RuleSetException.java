package com.contactdecision.rules;

import java.util.List;

/**
 * A rule directory that cannot become a rule set; the previous rule set, if any, stays
 * active.
 */
public class RuleSetException extends Exception {

	private final transient List<RuleProblem> problems;

	public RuleSetException(List<RuleProblem> problems) {
		super(problems.size() + " problem(s) in the rule directory: " + problems.get(0)
				+ (problems.size() > 1 ? " (and " + (problems.size() - 1) + " more)" : ""));
		this.problems = List.copyOf(problems);
	}

	public List<RuleProblem> problems() {
		return problems;
	}

}
