package com.contactdecision.explain;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.NavigableSet;
import java.util.TreeSet;

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
	 * The request's channel over {@code span} from {@code from}, as if evaluated every
	 * {@code step} (adjacent steps with the same answer make one span), but evaluated
	 * only where the answer can change: at the steps on or just after each instant in
	 * {@link CalendarChangePoints} and each blocking finding's not-before instant.
	 * Between two such steps nothing the rules read changes, so the spans are those of
	 * {@link #calendarBySlots} (a test compares them) for a fraction of the evaluations.
	 */
	public ContactCalendar calendar(ContactRequest request, Instant from, Duration span, Duration step) {
		return counted(request, from, span, step).calendar();
	}

	/** A calendar and how many evaluations it took. */
	record Counted(ContactCalendar calendar, int evaluations) {
	}

	Counted counted(ContactRequest request, Instant from, Duration span, Duration step) {
		Setup s = setup(request, from, span, step);
		Grid grid = new Grid(from, s.to(), step);
		NavigableSet<Instant> probes = new TreeSet<>();
		probes.add(from);
		CalendarChangePoints.of(s.ruleSet(), s.base(), from, s.to()).forEach(c -> grid.addCeiling(probes, c));
		Spans spans = new Spans(from);
		int evaluations = 0;
		for (Instant t = from; t != null; t = probes.higher(t)) {
			Verdict v = engine.evaluate(s.ruleSet(), s.base().at(t));
			evaluations++;
			// A block that may lift at its not-before instant is a change point too (a
			// cap's window, a conversation block, a designated time's end).
			v.findings().forEach(f -> grid.addCeiling(probes, f.notBefore()));
			spans.add(t, codes(v));
		}
		return new Counted(
				new ContactCalendar(s.req().channel(), from, s.to(), s.base().zones().ids(), spans.close(s.to())),
				evaluations);
	}

	/**
	 * The reference calendar: an evaluation at every {@code step}. Kept for the test that
	 * proves {@link #calendar} gives the same spans.
	 */
	ContactCalendar calendarBySlots(ContactRequest request, Instant from, Duration span, Duration step) {
		Setup s = setup(request, from, span, step);
		Spans spans = new Spans(from);
		for (Instant t = from; t.isBefore(s.to()); t = t.plus(step)) {
			spans.add(t, codes(engine.evaluate(s.ruleSet(), s.base().at(t))));
		}
		return new ContactCalendar(s.req().channel(), from, s.to(), s.base().zones().ids(), spans.close(s.to()));
	}

	private record Setup(ContactRequest req, RuleSet ruleSet, Situation base, Instant to) {
	}

	private Setup setup(ContactRequest request, Instant from, Duration span, Duration step) {
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
		return new Setup(req, ruleSet, base, from.plus(span));
	}

	private static List<ReasonCode> codes(Verdict v) {
		return v.findings().stream().map(f -> f.code()).distinct().sorted().toList();
	}

	/** The steps of a calendar: from, from + step, ... before to. */
	private record Grid(Instant from, Instant to, Duration step) {

		/**
		 * The first step at or after {@code c}: where an evaluation every step would
		 * first see a change at {@code c}.
		 */
		void addCeiling(NavigableSet<Instant> probes, Instant c) {
			if (c == null || !c.isAfter(from) || !c.isBefore(to)) {
				return;
			}
			long stepMillis = step.toMillis();
			long k = (Duration.between(from, c).toMillis() + stepMillis - 1) / stepMillis;
			Instant t = from.plusMillis(k * stepMillis);
			if (t.isBefore(to)) {
				probes.add(t);
			}
		}

	}

	/** Consecutive answers folded into spans. */
	private static final class Spans {

		private final List<ContactCalendar.Span> spans = new ArrayList<>();

		private Instant start;

		private List<ReasonCode> current;

		Spans(Instant from) {
			this.start = from;
		}

		void add(Instant t, List<ReasonCode> codes) {
			if (current != null && !codes.equals(current)) {
				spans.add(new ContactCalendar.Span(start, t, current));
				start = t;
			}
			current = codes;
		}

		List<ContactCalendar.Span> close(Instant to) {
			spans.add(new ContactCalendar.Span(start, to, current));
			return spans;
		}

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
