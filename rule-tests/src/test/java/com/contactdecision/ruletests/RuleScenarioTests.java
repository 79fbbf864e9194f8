package com.contactdecision.ruletests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.fail;

import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

import com.contactdecision.facts.OptOutReply;
import com.contactdecision.rules.ParameterRow;
import com.contactdecision.rules.RuleSet;
import com.contactdecision.scenarios.Scenario;
import com.contactdecision.rules.RuleSetLoader;
import com.contactdecision.scenarios.ScenarioCoverage;
import com.contactdecision.scenarios.ScenarioFiles;
import com.contactdecision.scenarios.ScenarioReader;
import com.contactdecision.scenarios.ScenarioResult;
import com.contactdecision.scenarios.ScenarioRunner;
import com.contactdecision.zones.TimeZoneResolver;

/**
 * Every scenario in rule-tests/scenarios, one test each, against the rule files in
 * rules/, through the server's own engine. Fails when there are no scenarios or a rule
 * file has none.
 */
class RuleScenarioTests {

	static final Path RULES = Path.of(System.getProperty("rules.dir", "../rules"));

	static final Path SCENARIOS = Path.of(System.getProperty("scenarios.dir", "scenarios"));

	static RuleSet ruleSet;

	static ScenarioRunner runner;

	@BeforeAll
	static void load() throws Exception {
		ruleSet = new RuleSetLoader(Clock.systemUTC()).load(RULES);
		runner = new ScenarioRunner(new TimeZoneResolver());
	}

	@TestFactory
	Stream<DynamicTest> everyScenarioPasses() {
		List<Path> files = ScenarioFiles.discover(SCENARIOS);
		assertThat(files).as("scenario files under %s", SCENARIOS.toAbsolutePath()).isNotEmpty();
		return files.stream()
			.map(file -> DynamicTest.dynamicTest(SCENARIOS.relativize(file).toString(), file.toUri(), () -> {
				ScenarioResult result = runner.run(ruleSet, ScenarioReader.read(SCENARIOS, file));
				Assumptions.assumeFalse(result.status() == ScenarioResult.Status.SKIP, "status: todo");
				if (result.failed()) {
					fail(result.report());
				}
			}));
	}

	@Test
	void everyRuleFileHasAScenario() {
		assertThat(ScenarioCoverage.uncovered(RULES, SCENARIOS)).isEmpty();
	}

	/**
	 * Tables are not covered by file like rule files; the opt-out reply rows are, row by
	 * row.
	 */
	@Test
	void everyOptOutReplyRowIsNamedByAScenario() throws Exception {
		Set<String> named = new TreeSet<>();
		for (Path file : ScenarioFiles.discover(SCENARIOS.resolve("consent/opt-out-replies"))) {
			Scenario s = ScenarioReader.read(SCENARIOS, file);
			if (s.then() != null && s.then().inbound() != null) {
				s.then().inbound().stream().filter(r -> r.rules() != null).forEach(r -> named.addAll(r.rules()));
			}
		}
		List<String> rows = ruleSet.rows()
			.stream()
			.filter(r -> r.value() instanceof OptOutReply)
			.map(ParameterRow::id)
			.toList();
		assertThat(rows).isNotEmpty();
		assertThat(named).containsAll(rows);
	}

	@Test
	void everyChangeOfLawHasAScenarioOnEachSide() {
		assertThat(ruleSet.rows()).as("dated rows").anyMatch(r -> r.dated());
		assertThat(ScenarioCoverage.unpinned(ruleSet, SCENARIOS)).isEmpty();
	}

}
