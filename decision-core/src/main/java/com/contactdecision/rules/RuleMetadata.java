package com.contactdecision.rules;

import java.util.ArrayList;
import java.util.List;

import org.kie.api.KieBase;
import org.kie.api.definition.KiePackage;
import org.kie.api.definition.rule.Rule;
import org.kie.api.event.rule.AfterMatchFiredEvent;
import org.kie.api.event.rule.BeforeMatchFiredEvent;
import org.kie.api.event.rule.DefaultAgendaEventListener;
import org.kie.api.runtime.KieSession;

import com.contactdecision.facts.Verdict;

/**
 * The metadata a rule carries, {@code @id("regf-cease")} and
 * {@code @citation("12 CFR 1006.6(c)")}, read by the engine: checked when a rule set
 * loads, and handed to the {@link Verdict} before each consequence runs, so the id and
 * citation of a reason are written once, on the rule, not repeated as literals in every
 * consequence. Thread-safe (stateless); one listener serves every session.
 */
final class RuleMetadata extends DefaultAgendaEventListener {

	/**
	 * Rule metadata key of the rule id: {@code rule} in every reason. API: never rename.
	 */
	static final String ID = "id";

	/** Rule metadata key of the legal citation: {@code citation} in every reason. */
	static final String CITATION = "citation";

	static final RuleMetadata LISTENER = new RuleMetadata();

	private RuleMetadata() {
	}

	/**
	 * Lets the session's rules cite themselves; a session without the verdict global
	 * needs nothing.
	 */
	static void attach(KieSession session, boolean verdictGlobal) {
		if (verdictGlobal) {
			session.addEventListener(LISTENER);
		}
	}

	@Override
	public void beforeMatchFired(BeforeMatchFiredEvent event) {
		if (event.getKieRuntime().getGlobal("verdict") instanceof Verdict verdict) {
			Rule rule = event.getMatch().getRule();
			verdict.firing(rule.getName(), text(rule, ID), text(rule, CITATION));
		}
	}

	@Override
	public void afterMatchFired(AfterMatchFiredEvent event) {
		if (event.getKieRuntime().getGlobal("verdict") instanceof Verdict verdict) {
			verdict.firing(null, null, null);
		}
	}

	/**
	 * Problems with the rules' metadata: an {@code @id} or {@code @citation} must be a
	 * non-blank quoted string, and a rule with one must have the other.
	 */
	static List<RuleProblem> check(KieBase kieBase, RuleSourceLocator locator) {
		List<RuleProblem> problems = new ArrayList<>();
		for (KiePackage p : kieBase.getKiePackages()) {
			for (Rule rule : p.getRules()) {
				Object id = rule.getMetaData().get(ID);
				Object citation = rule.getMetaData().get(CITATION);
				if (id == null && citation == null) {
					continue;
				}
				RuleProblem where = locator.locate(p.getName(), rule.getName());
				if (!(id instanceof String s) || s.isBlank()) {
					problems.add(new RuleProblem(where.file(), where.line(), "rule \"" + rule.getName()
							+ "\": @id must be a non-blank quoted string, e.g. @id(\"regf-cease\")"));
				}
				if (!(citation instanceof String s) || s.isBlank()) {
					problems.add(new RuleProblem(where.file(), where.line(), "rule \"" + rule.getName()
							+ "\": @citation must be a non-blank quoted string, e.g. @citation(\"12 CFR 1006.6(c)\")"));
				}
			}
		}
		return problems;
	}

	private static String text(Rule rule, String key) {
		return rule.getMetaData().get(key) instanceof String s ? s : null;
	}

	/**
	 * Where a package's rule is declared (file and line; the message is unused), for
	 * problem messages.
	 */
	interface RuleSourceLocator {

		RuleProblem locate(String packageName, String ruleName);

	}

}
