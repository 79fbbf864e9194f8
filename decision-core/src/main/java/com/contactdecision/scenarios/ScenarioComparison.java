package com.contactdecision.scenarios;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;

import com.contactdecision.decision.Decision;
import com.contactdecision.decision.Outcome;
import com.contactdecision.decision.Reason;
import com.contactdecision.profiles.InboundResult;

/**
 * Compares a decision with what a scenario expects; one line per difference. Stateless.
 */
public final class ScenarioComparison {

	private ScenarioComparison() {
	}

	/**
	 * How the given inbound texts were read against how the scenario expects them to be,
	 * in order.
	 */
	public static List<String> compareInbound(List<Scenario.InboundReading> expected, List<InboundResult> got) {
		if (expected == null) {
			return List.of();
		}
		if (expected.size() != got.size()) {
			return List.of("inbound: expected " + expected.size() + " readings, " + got.size() + " texts were given");
		}
		List<String> diffs = new ArrayList<>();
		for (int i = 0; i < expected.size(); i++) {
			Scenario.InboundReading want = expected.get(i);
			InboundResult r = got.get(i);
			if (want.reading() != null && want.reading() != r.reading()) {
				diffs.add("inbound[" + i + "].reading: expected " + want.reading() + ", got " + r.reading()
						+ " (matched " + r.matched() + ", rows " + r.rules() + ")");
			}
			Set<String> words = want.matched() == null ? null
					: new TreeSet<>(want.matched().stream().map(w -> w.toUpperCase(Locale.ROOT)).toList());
			if (words != null && !words.equals(new TreeSet<>(r.matched()))) {
				diffs.add("inbound[" + i + "].matched: expected " + words + ", got " + r.matched());
			}
			if (want.rules() != null && !new TreeSet<>(want.rules()).equals(new TreeSet<>(r.rules()))) {
				diffs.add("inbound[" + i + "].rules: expected " + new TreeSet<>(want.rules()) + ", got " + r.rules());
			}
		}
		return diffs;
	}

	/**
	 * The differences, followed by the reasons the rules gave when there are any; empty
	 * when it passes.
	 */
	public static List<String> compare(Scenario.Then then, Decision d) {
		List<String> diffs = new ArrayList<>();
		Set<String> got = names(d.reasons().stream().map(Reason::code).toList());
		if (then.outcome() != d.outcome()) {
			diffs.add("outcome: expected " + then.outcome() + ", got " + d.outcome());
		}
		Collection<? extends Enum<?>> expectedReasons = then.reasons() != null ? then.reasons()
				: then.outcome() == Outcome.ALLOW ? List.of() : null;
		if (expectedReasons != null) {
			Set<String> want = names(expectedReasons);
			if (!want.equals(got)) {
				Set<String> missing = new TreeSet<>(want);
				missing.removeAll(got);
				Set<String> extra = new TreeSet<>(got);
				extra.removeAll(want);
				diffs.add(
						"reasons: expected " + want + ", got " + got + (missing.isEmpty() ? "" : "; missing " + missing)
								+ (extra.isEmpty() ? "" : "; unexpected " + extra));
			}
		}
		if (then.obligations() != null) {
			Set<String> want = names(then.obligations());
			Set<String> have = names(d.obligations());
			if (!want.equals(have)) {
				diffs.add("obligations: expected " + want + ", got " + have);
			}
		}
		if (then.nextEligibleAt() != null) {
			Instant want = then.nextEligibleAt().isNull() ? null
					: OffsetDateTime.parse(then.nextEligibleAt().asText()).toInstant();
			if (want == null ? d.nextEligibleAt() != null : !want.equals(d.nextEligibleAt())) {
				diffs.add("nextEligibleAt: expected " + want + ", got " + d.nextEligibleAt());
			}
		}
		if (then.timeZones() != null && !new TreeSet<>(then.timeZones()).equals(new TreeSet<>(d.timeZones()))) {
			diffs.add("timeZones: expected " + new TreeSet<>(then.timeZones()) + ", got " + d.timeZones());
		}
		if (then.reserved() != null && then.reserved() != d.reserved()) {
			diffs.add("reserved: expected " + then.reserved() + ", got " + d.reserved());
		}
		if (!diffs.isEmpty()) {
			for (Reason r : d.reasons()) {
				diffs.add("  got " + r.code() + " (" + r.rule() + "): " + r.message());
			}
		}
		return diffs;
	}

	/** Sorted by name, as the reports have always listed them. */
	private static Set<String> names(Collection<? extends Enum<?>> codes) {
		Set<String> names = new TreeSet<>();
		codes.forEach(c -> names.add(c.name()));
		return names;
	}

}
