package com.contactdecision.rules;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.kie.api.runtime.KieSession;
import org.kie.api.runtime.rule.FactHandle;

import com.contactdecision.facts.PastContacts;
import com.contactdecision.facts.Verdict;

/**
 * Evaluates a situation against a rule set. Thread-safe.
 * <p>
 * By default a session is reused: each rule set keeps, for each period in which its rows
 * in force do not change ({@link Schedule}), a pool of sessions that already hold those
 * rows ({@link SessionPool}); an evaluation takes a session of the period of the
 * situation's instant, sets the globals, inserts the situation's facts, fires, and
 * deletes exactly those facts again, so the next evaluation starts from the same state a
 * fresh session would reach after inserting the rows. A session that does not come back
 * to that state, or that threw, is disposed. A rule set with a rule that fires on the
 * parameter rows alone is evaluated on a fresh session each time, as before.
 * <p>
 * System property {@code contactdecision.rules.sessions}: {@code pooled} (default),
 * {@code fresh} (a new session per evaluation, the previous behaviour: a kill switch) or
 * {@code verify} (both, and an {@link IllegalStateException} if the verdicts differ: for
 * tests).
 */
public final class DroolsRuleEngine {

	public static final String MODE_PROPERTY = "contactdecision.rules.sessions";

	/** How sessions are obtained. */
	public enum Mode {

		/** Reused sessions holding the parameter rows. */
		POOLED,

		/** A new session per evaluation. */
		FRESH,

		/** Both, compared: slow, for tests. */
		VERIFY

	}

	private final Mode mode;

	/** The mode of {@value #MODE_PROPERTY}, pooled when unset. */
	public DroolsRuleEngine() {
		this(Mode.valueOf(System.getProperty(MODE_PROPERTY, "pooled").strip().toUpperCase(Locale.ROOT)));
	}

	public DroolsRuleEngine(Mode mode) {
		this.mode = mode;
	}

	public Mode mode() {
		return mode;
	}

	public Verdict evaluate(RuleSet ruleSet, Situation situation) {
		switch (mode) {
			case FRESH:
				return evaluateFresh(ruleSet, situation);
			case VERIFY:
				Verdict pooled = evaluatePooled(ruleSet, situation);
				Verdict fresh = evaluateFresh(ruleSet, situation);
				if (!same(pooled, fresh)) {
					throw new IllegalStateException("a reused session decided differently from a fresh one: reused "
							+ describe(pooled) + ", fresh " + describe(fresh));
				}
				return pooled;
			default:
				return evaluatePooled(ruleSet, situation);
		}
	}

	private static Verdict evaluatePooled(RuleSet ruleSet, Situation situation) {
		SessionPool pool = ruleSet.sessionsAt(situation.at());
		SessionPool.Pooled pooled = pool.borrow();
		if (pooled == null) {
			return evaluateFresh(ruleSet, situation);
		}
		KieSession session = pooled.session();
		Verdict verdict = new Verdict();
		boolean ok = false;
		try {
			if (pool.verdictGlobal()) {
				session.setGlobal("verdict", verdict);
			}
			if (pool.historyGlobal()) {
				session.setGlobal("history", historyFor(situation));
			}
			List<Object> facts = situation.facts();
			List<FactHandle> handles = new ArrayList<>(facts.size());
			for (Object fact : facts) {
				FactHandle h = session.insert(fact);
				// the same object twice is one fact with one handle, deleted once
				if (!containsSame(handles, h)) {
					handles.add(h);
				}
			}
			session.fireAllRules();
			for (FactHandle h : handles) {
				session.delete(h);
			}
			// Flush the deletions now rather than at the next evaluation, and drop the
			// request's objects,
			// so an idle session retains no personal data. The parameter rows alone fire
			// nothing (the
			// pool checked at creation), so nothing may fire here; if something does, it
			// writes into a
			// throwaway verdict and the session is not reused.
			if (pool.historyGlobal()) {
				session.setGlobal("history", null);
			}
			if (pool.verdictGlobal()) {
				session.setGlobal("verdict", new Verdict());
			}
			ok = session.fireAllRules() == 0;
		}
		finally {
			if (ok) {
				pool.release(pooled);
			}
			else {
				pool.discard(pooled);
			}
		}
		return verdict;
	}

	private static Verdict evaluateFresh(RuleSet ruleSet, Situation situation) {
		Verdict verdict = new Verdict();
		KieSession session = ruleSet.kieBase().newKieSession();
		try {
			RuleMetadata.attach(session, ruleSet.globals().contains("verdict"));
			if (ruleSet.globals().contains("verdict")) {
				session.setGlobal("verdict", verdict);
			}
			if (ruleSet.globals().contains("history")) {
				session.setGlobal("history", historyFor(situation));
			}
			for (Object parameter : ruleSet.parametersAt(situation.at())) {
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

	/**
	 * The situation's history as a view of its own for this evaluation: what it derives
	 * once (event dates, counting keys) is shared by every rule of the evaluation and by
	 * no other evaluation.
	 */
	private static PastContacts historyFor(Situation situation) {
		return situation.history() == null ? null : situation.history().forEvaluation();
	}

	private static boolean containsSame(List<FactHandle> handles, FactHandle h) {
		for (FactHandle x : handles) {
			if (x == h) {
				return true;
			}
		}
		return false;
	}

	/** Same findings, obligations and warnings, in the same order. */
	static boolean same(Verdict a, Verdict b) {
		return a.findings().equals(b.findings()) && a.obligations().equals(b.obligations())
				&& a.warnings().equals(b.warnings());
	}

	static String describe(Verdict v) {
		return "{findings=" + v.findings() + ", obligations=" + v.obligations() + ", warnings=" + v.warnings() + "}";
	}

}
