package com.contactdecision.scenarios;

import java.nio.file.Path;
import java.time.Clock;
import java.util.List;

import com.contactdecision.rules.RuleSet;
import com.contactdecision.rules.RuleSetException;
import com.contactdecision.rules.RuleSetLoader;
import com.contactdecision.zones.TimeZoneResolver;

/**
 * The officers' command:
 * {@code java -jar decision-service.jar test-rules [--rules DIR] [--scenarios DIR]}, or
 * without the service jar, on the core alone, {@link #main} (or
 * {@code mvn -pl rule-tests -am verify}). Prints PASS or FAIL per scenario with the
 * differences, then a summary, and exits non-zero when a rule file does not compile, a
 * scenario fails, a rule file has no scenario, or there is none at all.
 */
public final class ScenarioCommand {

	private ScenarioCommand() {
	}

	/** The command on the core's classpath alone: no Spring, no server. */
	public static void main(String[] args) {
		System.exit(run(args));
	}

	public static int run(String[] args) {
		Path rules = Path.of("rules");
		Path scenarios = Path.of("rule-tests/scenarios");
		boolean verbose = false;
		for (int i = 0; i < args.length; i++) {
			switch (args[i]) {
				case "--rules" -> rules = Path.of(args[++i]);
				case "--scenarios" -> scenarios = Path.of(args[++i]);
				case "-v", "--verbose" -> verbose = true;
				default -> {
					System.err.println("usage: test-rules [--rules DIR] [--scenarios DIR] [-v]");
					return 2;
				}
			}
		}
		RuleSet ruleSet;
		try {
			ruleSet = new RuleSetLoader(Clock.systemUTC()).load(rules);
		}
		catch (RuleSetException e) {
			System.out.println("FAIL the rule directory " + rules + " does not compile:");
			e.problems().forEach(p -> System.out.println("    " + p));
			return 1;
		}
		List<ScenarioResult> results = new ScenarioRunner(new TimeZoneResolver()).runAll(ruleSet, scenarios);
		long passed = 0;
		long failed = 0;
		long skipped = 0;
		for (ScenarioResult r : results) {
			switch (r.status()) {
				case PASS -> passed++;
				case FAIL -> failed++;
				case SKIP -> skipped++;
			}
			if (verbose || r.status() != ScenarioResult.Status.PASS) {
				System.out.println(r.report());
			}
		}
		List<String> uncovered = ScenarioCoverage.uncovered(rules, scenarios);
		uncovered.forEach(u -> System.out.println("FAIL coverage: " + u));
		List<String> unpinned = ScenarioCoverage.unpinned(ruleSet, scenarios);
		unpinned.forEach(u -> System.out.println("FAIL coverage: " + u));
		System.out.println("--------------------------------------------------------------------------------");
		System.out.println("rule set " + ruleSet.version());
		System.out.println("scenarios: " + passed + " passed, " + failed + " failed, " + skipped + " skipped");
		if (results.isEmpty()) {
			System.out.println("FAIL no scenarios found in " + scenarios);
			return 1;
		}
		return failed > 0 || !uncovered.isEmpty() || !unpinned.isEmpty() ? 1 : 0;
	}

}
