package com.contactdecision.rules;

import java.util.List;
import java.util.Set;
import java.util.concurrent.LinkedBlockingDeque;
import java.util.concurrent.atomic.AtomicLong;

import org.kie.api.KieBase;
import org.kie.api.runtime.KieSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.contactdecision.facts.Verdict;

/**
 * The idle KieSessions of one {@link RuleSet}, each already holding the rule set's
 * parameter rows, so that an evaluation inserts only the situation's facts and deletes
 * them afterwards instead of building a session and inserting every row each time.
 * <p>
 * It belongs to its rule set (a final component created with it) and lives exactly as
 * long: a reload builds a new rule set with a new pool, evaluations still running on the
 * old one return their sessions to the old pool, and the old rule set, its KieBase, pool
 * and idle sessions become unreachable together. (A map in the engine keyed by version
 * would need explicit eviction, and two loads of the same files share a version but not a
 * KieBase.)
 * <p>
 * Reuse is only sound if no rule can fire on the parameter rows alone: such a rule would
 * fire once at creation and never again (refraction), where a fresh session fires it
 * every time. Every new session is therefore fired once with a throwaway verdict; if
 * anything fires, the pool switches this rule set to a fresh session per evaluation for
 * good (logged once). Thread-safe; the borrow/return methods are for
 * {@link DroolsRuleEngine} only.
 */
public final class SessionPool {

	private static final Logger log = LoggerFactory.getLogger(SessionPool.class);

	public static final String MAX_IDLE_PROPERTY = "contactdecision.rules.idleSessions";

	/**
	 * Idle sessions kept at most; more are disposed on return (a burst does not pin
	 * memory). It must cover the request threads that evaluate at once, not the cores: a
	 * server's 32 request threads on 2 cores returned 32 sessions to a pool of 4, so 28
	 * of every 32 evaluations built a new session (49+ rows inserted and a probe fire)
	 * and disposed it, which is most of why the server paid several times what one thread
	 * does. System property {@value #MAX_IDLE_PROPERTY}, default 64.
	 */
	static final int MAX_IDLE = Integer.getInteger(MAX_IDLE_PROPERTY, 64);

	private final KieBase kieBase;

	private final List<Object> parameters;

	private final boolean verdictGlobal;

	private final boolean historyGlobal;

	private final String version;

	private final LinkedBlockingDeque<Pooled> idle = new LinkedBlockingDeque<>(MAX_IDLE);

	private final AtomicLong created = new AtomicLong();

	private volatile boolean reusable = true;

	private volatile String notReusableBecause;

	SessionPool(KieBase kieBase, List<Object> parameters, Set<String> globals, String version) {
		this.kieBase = kieBase;
		this.version = version;
		this.parameters = parameters;
		this.verdictGlobal = globals.contains("verdict");
		this.historyGlobal = globals.contains("history");
	}

	/**
	 * Whether this pool serves exactly this KieBase and these parameter rows (a copied
	 * rule set keeps its pool).
	 */
	boolean belongsTo(KieBase kieBase, List<Object> parameters) {
		return this.kieBase == kieBase && this.parameters.equals(parameters);
	}

	/**
	 * Whether evaluations reuse sessions (false once a rule was seen firing on the
	 * parameter rows alone).
	 */
	public boolean reusable() {
		return reusable;
	}

	/** Why sessions are not reused, or null. */
	public String notReusableBecause() {
		return notReusableBecause;
	}

	/** Idle sessions right now (for tests and diagnostics). */
	public int idleCount() {
		return idle.size();
	}

	/** Sessions created for reuse so far. */
	public long createdCount() {
		return created.get();
	}

	boolean verdictGlobal() {
		return verdictGlobal;
	}

	boolean historyGlobal() {
		return historyGlobal;
	}

	/**
	 * An idle session holding the parameter rows, or null when this rule set must use
	 * fresh sessions.
	 */
	Pooled borrow() {
		if (!reusable) {
			return null;
		}
		Pooled p = idle.pollFirst();
		return p != null ? p : create();
	}

	/** Back to the pool if it holds exactly the parameter rows again, else disposed. */
	void release(Pooled p) {
		boolean clean;
		try {
			clean = reusable && p.session.getFactCount() == p.baseFactCount && idle.offerFirst(p);
		}
		catch (RuntimeException e) {
			clean = false;
		}
		if (!clean) {
			p.session.dispose();
		}
	}

	/** A broken session (an exception during an evaluation): never reused. */
	void discard(Pooled p) {
		try {
			p.session.dispose();
		}
		catch (RuntimeException e) {
			log.debug("disposing a failed session", e);
		}
	}

	private Pooled create() {
		KieSession session = kieBase.newKieSession();
		try {
			RuleMetadata.attach(session, verdictGlobal);
			Verdict probe = new Verdict();
			if (verdictGlobal) {
				session.setGlobal("verdict", probe);
			}
			for (Object parameter : parameters) {
				session.insert(parameter);
			}
			int fired = session.fireAllRules();
			if (fired > 0 || !probe.findings().isEmpty() || !probe.obligations().isEmpty()
					|| !probe.warnings().isEmpty()) {
				refuse(fired + " rule firing(s) on the parameter rows alone (findings " + probe.findings()
						+ ", obligations " + probe.obligations() + ", warnings " + probe.warnings() + ")");
				session.dispose();
				return null;
			}
			Pooled p = new Pooled(session, session.getFactCount());
			created.incrementAndGet();
			return p;
		}
		catch (RuntimeException e) {
			// e.g. a rule that reads the history global on parameter rows alone
			refuse("firing the parameter rows alone failed: " + e);
			session.dispose();
			return null;
		}
	}

	private void refuse(String why) {
		synchronized (this) {
			if (!reusable) {
				return;
			}
			notReusableBecause = why;
			reusable = false;
		}
		log.warn("rule set {}: sessions are not reused, every evaluation gets a fresh session: {}", version, why);
		for (Pooled p; (p = idle.pollFirst()) != null;) {
			p.session.dispose();
		}
	}

	@Override
	public String toString() {
		return "SessionPool[reusable=" + reusable + ", idle=" + idle.size() + ", created=" + created.get() + "]";
	}

	/** A session and the fact count it holds between evaluations (the parameter rows). */
	record Pooled(KieSession session, long baseFactCount) {
	}

}
