package com.contactdecision.explain;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import com.contactdecision.decision.ContactRequest;
import com.contactdecision.decision.DecisionService;
import com.contactdecision.decision.FactReader;
import com.contactdecision.decision.Mode;
import com.contactdecision.decision.NextEligibleSearch;
import com.contactdecision.decision.Outcome;
import com.contactdecision.decision.Reason;
import com.contactdecision.decision.SituationFactory;
import com.contactdecision.facts.ReasonCode;
import com.contactdecision.facts.Verdict;
import com.contactdecision.facts.ZoneTime;
import com.contactdecision.rules.ActiveRules;
import com.contactdecision.rules.DroolsRuleEngine;
import com.contactdecision.rules.RuleSet;
import com.contactdecision.rules.Situation;

/**
 * Explains a contact as a CHECK would decide it, and lays out a contact calendar. The
 * facts are read once; every instant of a calendar is the same situation at another
 * instant ({@link Situation#at}), which is how {@code nextEligibleAt} is searched too, so
 * a calendar of two weeks costs one read and a few thousand evaluations. Nothing is
 * recorded. Thread-safe.
 */
public final class Explainer {

	/** The longest calendar a caller may ask for. */
	public static final Duration MAX_SPAN = Duration.ofDays(35);

	private final ActiveRules rules;

	private final DroolsRuleEngine engine;

	private final SituationFactory situations;

	private final FactReader reader;

	private final NextEligibleSearch search;

	private final Clock clock;

	public Explainer(ActiveRules rules, DroolsRuleEngine engine, SituationFactory situations, FactReader reader,
			Clock clock) {
		this.rules = rules;
		this.engine = engine;
		this.situations = situations;
		this.reader = reader;
		this.search = new NextEligibleSearch(engine);
		this.clock = clock;
	}

	/** The request decided as a CHECK at its instant (now by default), with its facts. */
	public Explanation explain(ContactRequest request) {
		ContactRequest req = asCheck(request);
		DecisionService.validate(req, "");
		Instant at = req.at() != null ? req.at() : clock.instant();
		RuleSet ruleSet = active();
		FactReader.Facts facts = read(req, at);
		Situation situation = situations.build(req, at, facts);
		Verdict verdict = engine.evaluate(ruleSet, situation);
		Instant next = verdict.allows() ? at : search.next(ruleSet, situation, verdict);
		List<Reason> reasons = verdict.findings()
			.stream()
			.map(f -> new Reason(f.code(), f.rule(), f.message(), f.citation()))
			.toList();
		return new Explanation(verdict.allows() ? Outcome.ALLOW : Outcome.DENY, reasons,
				verdict.allows() ? verdict.obligations() : List.of(),
				verdict.warnings().stream().map(Enum::name).toList(), at, next,
				situation.zones().zones().stream().map(z -> ZoneTime.of(z, at)).toList(), situation.consents(),
				facts.history().records(), ruleSet.version());
	}

	/**
	 * The request's channel over {@code span} from {@code from}, evaluated every
	 * {@code step}; adjacent steps with the same answer make one span.
	 */
	public ContactCalendar calendar(ContactRequest request, Instant from, Duration span, Duration step) {
		if (span.isNegative() || span.isZero() || span.compareTo(MAX_SPAN) > 0) {
			throw new IllegalArgumentException(
					"a calendar spans more than nothing and at most " + MAX_SPAN.toDays() + " days");
		}
		if (step.compareTo(Duration.ofMinutes(5)) < 0) {
			throw new IllegalArgumentException("a calendar step is at least 5 minutes");
		}
		ContactRequest req = asCheck(request);
		DecisionService.validate(req, "");
		RuleSet ruleSet = active();
		Situation base = situations.build(req, from, read(req, from));
		Instant to = from.plus(span);
		List<ContactCalendar.Span> spans = new ArrayList<>();
		Instant spanStart = from;
		List<ReasonCode> current = null;
		for (Instant t = from; t.isBefore(to); t = t.plus(step)) {
			Verdict v = engine.evaluate(ruleSet, base.at(t));
			List<ReasonCode> codes = v.findings().stream().map(f -> f.code()).distinct().sorted().toList();
			if (current != null && !codes.equals(current)) {
				spans.add(new ContactCalendar.Span(spanStart, t, current));
				spanStart = t;
			}
			current = codes;
		}
		spans.add(new ContactCalendar.Span(spanStart, to, current));
		return new ContactCalendar(req.channel(), from, to, base.zones().ids(), spans);
	}

	private FactReader.Facts read(ContactRequest req, Instant at) {
		return reader.read(req.consumerId(), req.debtIds(), situations.collectorIdFor(req),
				at.minus(DecisionService.LOOKBACK));
	}

	private RuleSet active() {
		return rules.current().orElseThrow(() -> new IllegalStateException("no rule set is active"));
	}

	/** An explanation never records an attempt, whatever the request says. */
	private static ContactRequest asCheck(ContactRequest r) {
		return new ContactRequest(null, r.collectorId(), r.consumerId(), r.debtIds(), r.channel(), r.destination(),
				r.recipient(), r.dialMode(), r.purpose(), r.message(), r.inResponseTo(), r.consumer(), Mode.CHECK,
				r.at());
	}

}
