package com.contactdecision.rules;

import org.kie.api.runtime.KieSession;

/**
 * Evaluates a situation against a rule set: a fresh, short-lived session per evaluation, so no state
 * leaks between decisions and no request compiles anything. Thread-safe.
 */
public final class DroolsRuleEngine {

	public Verdict evaluate(RuleSet ruleSet, Situation situation) {
		Verdict verdict = new Verdict();
		KieSession session = ruleSet.kieBase().newKieSession();
		try {
			if (ruleSet.globals().contains("verdict")) {
				session.setGlobal("verdict", verdict);
			}
			if (ruleSet.globals().contains("history")) {
				session.setGlobal("history", situation.history());
			}
			for (Object parameter : ruleSet.parameters()) {
				session.insert(parameter);
			}
			for (Object fact : situation.facts()) {
				session.insert(fact);
			}
			session.fireAllRules();
		}
		finally {
			session.dispose();
		}
		return verdict;
	}

}
