package com.contactdecision.decision;

import com.contactdecision.validation.Limits;
import com.contactdecision.validation.Validation;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.contactdecision.decision.DecisionLog;
import com.contactdecision.facts.Channel;
import com.contactdecision.facts.ContactRecord;
import com.contactdecision.facts.Contact;
import com.contactdecision.facts.Direction;
import com.contactdecision.facts.Purpose;
import com.contactdecision.facts.ReasonCode;
import com.contactdecision.facts.Verdict;
import com.contactdecision.history.ContactHistory;
import com.contactdecision.history.HistorySnapshot;
import com.contactdecision.history.StoreUnavailableException;
import com.contactdecision.rules.ActiveRules;
import com.contactdecision.rules.DroolsRuleEngine;
import com.contactdecision.rules.RuleSet;
import com.contactdecision.rules.Situation;

/**
 * The one orchestrator: validate, gather the facts, evaluate, search for the next
 * eligible instant, reserve atomically, audit. Never answers ALLOW when it cannot know: a
 * store failure is a DENY with {@code COUNTER_STORE_UNAVAILABLE} (answered over HTTP as a
 * 503). Thread-safe.
 */
public final class DecisionService {

	private static final Logger log = LoggerFactory.getLogger(DecisionService.class);

	/** Longer than the longest rule window (30 days) plus a day for zone offsets. */
	public static final Duration LOOKBACK = Duration.ofDays(32);

	/**
	 * Optimistic reservation retries before a lost race is reported as a store failure.
	 */
	private static final int MAX_RESERVE_ATTEMPTS = 64;

	private final ActiveRules rules;

	private final DroolsRuleEngine engine;

	private final NextEligibleSearch search;

	private final SituationFactory situations;

	private final FactReader reader;

	private final ContactHistory history;

	private final DecisionLog decisions;

	private final DecisionRecords records;

	/**
	 * The one pseudonym function: every phone number and email in a record goes through
	 * it.
	 */
	private final UnaryOperator<String> pseudonym;

	private final Clock clock;

	private final DecisionListener listener;

	/**
	 * How long one decision may work before it stops and fails closed
	 * ({@link Limits#DECISION_BUDGET}).
	 */
	private final Duration budget;

	/**
	 * In memory throughout, for tests and the scenario runner: records are kept in memory
	 * too.
	 */
	public DecisionService(ActiveRules rules, DroolsRuleEngine engine, SituationFactory situations,
			ContactHistory history, DecisionLog decisions, Clock clock, DecisionListener listener) {
		this(rules, engine, situations, new StoreFactReader(situations.profiles(), history), history, decisions,
				new InMemoryDecisionRecords(), UnaryOperator.identity(), clock, listener);
	}

	/**
	 * With a reader that fetches everything a decision needs at once (one Redis round
	 * trip), and the audit store every decision is recorded in before it is answered.
	 * @param pseudonym applied to every phone number and email address in a record
	 */
	public DecisionService(ActiveRules rules, DroolsRuleEngine engine, SituationFactory situations, FactReader reader,
			ContactHistory history, DecisionLog decisions, DecisionRecords records, UnaryOperator<String> pseudonym,
			Clock clock, DecisionListener listener) {
		this(rules, engine, situations, reader, history, decisions, records, pseudonym, clock, listener,
				Limits.DECISION_BUDGET);
	}

	/** With a budget per decision other than {@link Limits#DECISION_BUDGET}. */
	public DecisionService(ActiveRules rules, DroolsRuleEngine engine, SituationFactory situations, FactReader reader,
			ContactHistory history, DecisionLog decisions, DecisionRecords records, UnaryOperator<String> pseudonym,
			Clock clock, DecisionListener listener, Duration budget) {
		this.budget = budget;
		this.records = records;
		this.pseudonym = pseudonym;
		this.reader = reader;
		this.rules = rules;
		this.engine = engine;
		this.search = new NextEligibleSearch(engine);
		this.situations = situations;
		this.history = history;
		this.decisions = decisions;
		this.clock = clock;
		this.listener = listener;
	}

	public static void validate(ContactRequest req, String prefix) {
		Validation v = new Validation();
		v.require(prefix + "consumerId", req.consumerId())
			.id(prefix + "consumerId", req.consumerId())
			.id(prefix + "collectorId", req.collectorId())
			.id(prefix + "requestId", req.requestId())
			.id(prefix + "inResponseTo", req.inResponseTo())
			.ids(prefix + "debtIds", req.debtIds(), Limits.MAX_DEBT_IDS)
			.require(prefix + "channel", req.channel());
		if (req.message() != null) {
			v.maxLength(prefix + "message.text", req.message().text(), Limits.MAX_MESSAGE_TEXT)
				.maxLength(prefix + "message.subject", req.message().subject(), Limits.MAX_MESSAGE_SUBJECT);
		}
		if (req.purposeOrDefault() == Purpose.COLLECTION) {
			v.requireNonEmpty(prefix + "debtIds", req.debtIds());
		}
		if (req.channel() != null && req.channel() != Channel.LETTER) {
			v.require(prefix + "destination", req.destination());
			if (req.destination() != null) {
				if (req.channel() == Channel.EMAIL) {
					v.require(prefix + "destination.email", req.destination().email());
				}
				else {
					v.require(prefix + "destination.phone", req.destination().phone());
				}
			}
		}
		if (req.destination() != null) {
			v.phone(prefix + "destination.phone", req.destination().phone())
				.email(prefix + "destination.email", req.destination().email());
		}
		if (req.consumer() != null) {
			v.zone(prefix + "consumer.timeZone", req.consumer().timeZone());
		}
		v.instant(prefix + "at", req.at());
		v.throwIfInvalid();
	}

	/**
	 * Decides one request; a request id makes it idempotent. Every answer, a fail-closed
	 * one or a retry's included, is told to the listener once, so the metrics count what
	 * callers were told.
	 * @throws RequestConflictException when the collector used the request id for another
	 * request
	 */
	public Decision decide(ContactRequest req) {
		return decide(req, System.nanoTime() + budget.toNanos());
	}

	/**
	 * Decides one request that must be answered by {@code deadline} (a
	 * {@link System#nanoTime()} value): past it, the work stops and the decision fails
	 * closed, so no request keeps a core busy after its client has given up.
	 */
	public Decision decide(ContactRequest req, long deadline) {
		return decide(req, deadline, reader);
	}

	/**
	 * Decides one request reading its facts from {@code source}: a batch passes a reader
	 * that answers the first read from the facts it fetched for many items at once
	 * ({@link BatchDecisions}).
	 */
	Decision decide(ContactRequest req, long deadline, FactReader source) {
		validate(req, "");
		long started = System.nanoTime();
		Decision d;
		if (System.nanoTime() - deadline > 0) {
			d = failClosed(req, rules.current().map(RuleSet::version).orElse(null), instant(req),
					"the decision could not be made within its deadline");
		}
		else {
			d = req.requestId() == null ? decideNow(req, deadline, new Reserved(), source)
					: decideOnce(req, deadline, source);
		}
		listener.decided(d, Duration.ofNanos(System.nanoTime() - started));
		return d;
	}

	/**
	 * Whether a decision is the fail-closed DENY of a store that could not be read or
	 * written.
	 */
	public static boolean isFailClosed(Decision d) {
		return d.reasons().stream().anyMatch(r -> r.code() == ReasonCode.COUNTER_STORE_UNAVAILABLE);
	}

	private Decision decideOnce(ContactRequest req, long deadline, FactReader source) {
		String collectorId = situations.collectorIdFor(req);
		String fingerprint = RequestFingerprint.of(req, collectorId);
		Reserved reserved = new Reserved();
		try {
			return decisions.once(collectorId, req.requestId(), fingerprint, () -> {
				Decision d = decideNow(req, deadline, reserved, source);
				if (isFailClosed(d)) {
					// Not remembered: the retry must be decided again once the store is
					// back.
					throw new FailedClosed(d);
				}
				return d;
			});
		}
		catch (FailedClosed e) {
			return e.decision;
		}
		catch (StoreUnavailableException e) {
			log.error("decision log unavailable for request {} of consumer {}: failing closed: {}", req.requestId(),
					req.consumerId(), e.getMessage());
			release(req, reserved.decision);
			return failClosed(req, rules.current().map(RuleSet::version).orElse(null), instant(req));
		}
		catch (RuntimeException e) {
			release(req, reserved.decision);
			throw e;
		}
	}

	/**
	 * A decision that reserved but is not answered (its request id could not be kept)
	 * gives its slot back: no caller holds its decision id to settle it. If the store is
	 * still failing, the slot stays reserved, counts on the conservative side, is listed
	 * as unsettled after the settle time and can be settled by the request id.
	 */
	private void release(ContactRequest req, Decision unanswered) {
		if (unanswered == null || !unanswered.reserved()) {
			return;
		}
		try {
			history.release(req.consumerId(), unanswered.decisionId());
			log.warn("released the reservation of unanswered decision {} (request {})", unanswered.decisionId(),
					req.requestId());
		}
		catch (StoreUnavailableException e) {
			log.error("could not release the reservation of unanswered decision {} (request {}); it counts until "
					+ "an event settles it: {}", unanswered.decisionId(), req.requestId(), e.getMessage());
		}
	}

	/**
	 * What a decision of this request reads: its consumer, debts, collector and
	 * look-back.
	 */
	FactReader.Query query(ContactRequest req) {
		return new FactReader.Query(req.consumerId(), req.debtIds(), situations.collectorIdFor(req),
				instant(req).minus(LOOKBACK));
	}

	/** How long one decision may work. */
	Duration budget() {
		return budget;
	}

	/** The reader decisions use when no batch read for them. */
	FactReader reader() {
		return reader;
	}

	/** A past decision as answered, from the audit store. */
	public Optional<Decision> find(String decisionId) {
		return records.find(decisionId).map(DecisionRecord::decision);
	}

	private Decision decideNow(ContactRequest req, long deadline, Reserved reserved, FactReader source) {
		long started = System.nanoTime();
		Instant at = instant(req);
		RuleSet ruleSet = rules.current().orElseThrow(() -> new IllegalStateException("no rule set is active"));
		String decisionId = Ids.decisionId(clock);
		Decision decision;
		try {
			decision = evaluateAndReserve(req, at, ruleSet, decisionId, started, deadline, source);
		}
		catch (StoreUnavailableException e) {
			log.error("store unavailable deciding {} for consumer {}: failing closed: {}", decisionId, req.consumerId(),
					e.getMessage());
			decision = e instanceof Overdue ? failClosed(req, ruleSet.version(), at, e.getMessage())
					: failClosed(req, ruleSet.version(), at);
		}
		reserved.decision = decision;
		if (!isFailClosed(decision)) {
			// A fail-closed decision is not kept: its store has just failed, and the
			// failure is logged once above.
			try {
				decisions.save(decision);
			}
			catch (StoreUnavailableException e) {
				// The audit store has the record; only a retry with the same requestId
				// cannot find it.
				log.error("decision {} recorded but not kept for requestId retries: {}", decision.decisionId(),
						e.getMessage());
			}
		}
		return decision;
	}

	/**
	 * Decides, then records: a RESERVE's record goes with its reservation in one atomic
	 * write when the history can do that (Redis), else it is kept right after; any other
	 * decision's is kept before it is answered. A record that cannot be kept throws, and
	 * the caller fails closed.
	 */
	private Decision evaluateAndReserve(ContactRequest req, Instant at, RuleSet ruleSet, String decisionId,
			long started, long deadline, FactReader source) {
		for (int attempt = 1; attempt <= MAX_RESERVE_ATTEMPTS; attempt++) {
			if (System.nanoTime() - deadline > 0) {
				throw new Overdue("the decision was not made within its deadline (" + budget + ", " + (attempt - 1)
						+ " reservation attempts)");
			}
			// One read (one Redis round trip): history with its version, profile,
			// consents, debts, collector.
			FactReader.Facts facts = source.read(req.consumerId(), req.debtIds(), situations.collectorIdFor(req),
					at.minus(LOOKBACK));
			HistorySnapshot snapshot = facts.history();
			if (snapshot.records().size() > Limits.MAX_HISTORY_RECORDS) {
				// Deciding on part of the history could miss a contact that counts: fail
				// closed instead.
				throw new Overdue("consumer " + req.consumerId() + " has more than " + Limits.MAX_HISTORY_RECORDS
						+ " records in the look-back; not decided on a partial history");
			}
			Situation situation = situations.build(req, at, facts);
			Verdict verdict = engine.evaluate(ruleSet, situation);
			boolean reserve = verdict.allows() && req.modeOrDefault() == Mode.RESERVE;
			Instant next = verdict.allows() ? at : search.next(ruleSet, situation, verdict, deadline);
			Decision decision = new Decision(decisionId, verdict.allows() ? Outcome.ALLOW : Outcome.DENY,
					verdict.findings()
						.stream()
						.map(f -> new Reason(f.code(), f.rule(), f.message(), f.citation()))
						.toList(),
					verdict.allows() ? verdict.obligations() : List.of(),
					verdict.warnings().stream().map(Enum::name).toList(), next, situation.zones().ids(), reserve,
					ruleSet.version(), at, req.requestId(), req.consumerId(), req.modeOrDefault());
			DecisionRecord record = record(decision, req, situation, facts, started);
			if (reserve) {
				ContactRecord reserved = reservation(decisionId, req.requestId(), situation.contact());
				boolean together = records.keptWithReservation();
				boolean appended = together
						? history.appendIfUnchanged(req.consumerId(), snapshot.version(), reserved, decisionId,
								record.toJson())
						: history.appendIfUnchanged(req.consumerId(), snapshot.version(), reserved);
				if (!appended) {
					continue; // another writer came first: decide again on the history it
								// left
				}
				if (!together) {
					records.keep(record);
				}
			}
			else {
				records.keep(record);
			}
			return decision;
		}
		throw new StoreUnavailableException("gave up reserving after " + MAX_RESERVE_ATTEMPTS
				+ " concurrent writes to consumer " + req.consumerId(), null);
	}

	/**
	 * The record the audit store keeps: what was answered and every fact the rules saw,
	 * pseudonymised.
	 */
	private DecisionRecord record(Decision decision, ContactRequest req, Situation situation, FactReader.Facts facts,
			long started) {
		// The debts the caps counted, servicing siblings included, so a replay needs no
		// store.
		FactReader.Facts seen = new FactReader.Facts(facts.profile(), facts.consents(), situation.history().debts(),
				facts.collector(), facts.history());
		long micros = TimeUnit.NANOSECONDS.toMicros(System.nanoTime() - started);
		return RecordPseudonyms.apply(new DecisionRecord(decision, situation.contact().collectorId(), req.debtIds(),
				req.channel(), micros, req, seen), pseudonym);
	}

	/**
	 * The attempt as history will count it: a workplace destination is recorded as a WORK
	 * line.
	 */
	private static ContactRecord reservation(String decisionId, String requestId, Contact c) {
		return new ContactRecord("rsv:" + decisionId, c.consumerId(), c.collectorId(), c.debtIds(), c.channel(),
				Direction.OUTBOUND, c.phone(), c.email(), c.lineClass(), c.recipient(), c.dialMode(), c.purpose(), null,
				c.at(), decisionId, null, c.inResponseTo(), requestId);
	}

	private Decision failClosed(ContactRequest req, String version, Instant at) {
		return failClosed(req, version, at, "contact history could not be read or written; the service fails closed");
	}

	private Decision failClosed(ContactRequest req, String version, Instant at, String message) {
		return new Decision(Ids.decisionId(clock), Outcome.DENY,
				List.of(new Reason(ReasonCode.COUNTER_STORE_UNAVAILABLE, "fail-closed", message,
						"12 CFR 1006.14(b)(2); 47 U.S.C. 227(b)")),
				List.of(), List.of(), null, List.of(), false, version, at, req.requestId(), req.consumerId(),
				req.modeOrDefault());
	}

	private Instant instant(ContactRequest req) {
		return req.at() != null ? req.at() : clock.instant();
	}

	/**
	 * The decision the supplier made, if it got that far: the one to release if it is
	 * never answered.
	 */
	private static final class Reserved {

		private Decision decision;

	}

	/**
	 * The work a decision may do is spent (its deadline, the history it may read): it
	 * fails closed.
	 */
	private static final class Overdue extends StoreUnavailableException {

		Overdue(String message) {
			super(message, null);
		}

	}

	private static final class FailedClosed extends RuntimeException {

		private final transient Decision decision;

		FailedClosed(Decision decision) {
			super(null, null, false, false);
			this.decision = decision;
		}

	}

}
