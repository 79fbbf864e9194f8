package com.contactdecision.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.ObjectMapper;

import com.contactdecision.decision.ContactRequest;
import com.contactdecision.decision.DecisionService;
import com.contactdecision.decision.StoreFactReader;
import com.contactdecision.facts.Finding;
import com.contactdecision.facts.Obligation;
import com.contactdecision.facts.ReasonCode;
import com.contactdecision.facts.Verdict;
import com.contactdecision.facts.Warning;
import com.contactdecision.scenarios.Scenario;
import com.contactdecision.scenarios.ScenarioArranger;
import com.contactdecision.scenarios.ScenarioFiles;
import com.contactdecision.scenarios.ScenarioReader;
import com.contactdecision.scenarios.ScenarioResult;
import com.contactdecision.scenarios.ScenarioRunner;
import com.contactdecision.zones.TimeZoneResolver;

/**
 * Session reuse must be invisible: on the real rule set, every situation the scenario
 * suite describes (at several instants) gets exactly the verdict a fresh session gives,
 * whatever the order of evaluation and however many threads share the pool; and a rule
 * set with a rule that fires on the parameter rows alone falls back to fresh sessions.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DroolsRuleEngineTests {

	private static final Path RULES = Path.of("../rules");

	private static final Path SCENARIOS = Path.of("../rule-tests/scenarios");

	private static final ObjectMapper JSON = com.contactdecision.json.Json.mapper();

	private final DroolsRuleEngine fresh = new DroolsRuleEngine(DroolsRuleEngine.Mode.FRESH);

	private RuleSet ruleSet;

	private List<Situation> situations;

	private List<Verdict> expected;

	@TempDir
	Path temp;

	@BeforeAll
	void realRulesAndScenarioSituations() throws Exception {
		Assumptions.assumeTrue(Files.isDirectory(RULES) && Files.isDirectory(SCENARIOS), "no ../rules or scenarios");
		try {
			ruleSet = new RuleSetLoader(Clock.systemUTC()).load(RULES);
		}
		catch (RuleSetException e) {
			Assumptions.abort("../rules does not load at the moment (being edited?): " + e.getMessage());
		}
		situations = new ArrayList<>();
		TimeZoneResolver zones = new TimeZoneResolver();
		for (Path file : ScenarioFiles.discover(SCENARIOS)) {
			Situation s;
			try {
				s = situation(ScenarioReader.read(SCENARIOS, file), zones);
			}
			catch (Exception e) {
				continue; // a scenario this simple builder cannot express; the suite test
							// covers it
			}
			if (s == null) {
				continue;
			}
			// the same situation at other instants, as the next-eligible search evaluates
			// it
			for (Duration d : List.of(Duration.ZERO, Duration.ofMinutes(-150), Duration.ofHours(11),
					Duration.ofDays(3))) {
				situations.add(s.at(s.at().plus(d)));
			}
		}
		expected = situations.stream().map(s -> fresh.evaluate(ruleSet, s)).toList();
	}

	@Test
	void theSituationsCoverManyOutcomes() {
		Set<String> codes = new TreeSet<>();
		Set<String> obligations = new TreeSet<>();
		expected.forEach(v -> v.findings().forEach(f -> codes.add(f.code().name())));
		expected.forEach(v -> v.obligations().forEach(o -> obligations.add(o.name())));

		assertThat(situations).hasSizeGreaterThan(400);
		assertThat(codes).as("reason codes the situations produce").hasSizeGreaterThanOrEqualTo(15);
		assertThat(obligations).hasSizeGreaterThanOrEqualTo(5);
		assertThat(expected).anyMatch(Verdict::allows).anyMatch(v -> !v.allows());
	}

	@Test
	void everyReasonCarriesTheIdAndCitationOfTheRuleThatFound() {
		List<Finding> findings = expected.stream().flatMap(v -> v.findings().stream()).toList();

		assertThat(findings).hasSizeGreaterThan(400)
			.allSatisfy(f -> assertThat(f.rule()).matches("[a-z0-9]+(-[a-z0-9]+)*"))
			.allSatisfy(f -> assertThat(f.citation()).isNotBlank());
		// from the metadata of "Deny communication about a debt after a written cease,
		// ..."
		assertThat(findings).filteredOn(f -> f.code() == ReasonCode.CEASE_COMMUNICATION).isNotEmpty().allSatisfy(f -> {
			assertThat(f.rule()).isEqualTo("regf-cease");
			assertThat(f.citation()).isEqualTo("12 CFR 1006.6(c); 15 U.S.C. 1692c(c)");
		});
		// from the rows of a parameter table
		assertThat(findings).filteredOn(f -> f.code() == ReasonCode.INCONVENIENT_TIME)
			.extracting(Finding::rule)
			.contains("regf-time");
	}

	@Test
	void aRuleThatDeniesWithoutMetadataFailsNamingTheRule() throws Exception {
		Path dir = minimalWith("""
				package rules.probe;
				import com.contactdecision.facts.Contact;
				import com.contactdecision.facts.ReasonCode;
				global com.contactdecision.facts.Verdict verdict;
				rule "Deny every contact without saying why"
				when
				    Contact()
				then
				    verdict.deny(ReasonCode.LEGAL_HOLD, "uncited");
				end
				""");
		RuleSet set = new RuleSetLoader(Clock.systemUTC()).load(dir);

		assertThatThrownBy(() -> fresh.evaluate(set, situations.get(0))).rootCause()
			.isInstanceOf(IllegalStateException.class)
			.hasMessageContaining("Deny every contact without saying why")
			.hasMessageContaining("@id");
	}

	@Test
	void theRealRuleSetReusesSessions() {
		DroolsRuleEngine pooled = new DroolsRuleEngine(DroolsRuleEngine.Mode.POOLED);
		for (Situation s : situations) {
			pooled.evaluate(ruleSet, s);
		}

		assertThat(ruleSet.sessions().reusable()).as(ruleSet.sessions().notReusableBecause()).isTrue();
		assertThat(ruleSet.sessions().createdCount()).isLessThanOrEqualTo(SessionPool.MAX_IDLE + 8L);
		assertThat(ruleSet.sessions().idleCount()).isPositive();
	}

	@ParameterizedTest
	@ValueSource(longs = { 0, 1, 2, 3 })
	void reusedSessionsGiveTheVerdictsOfFreshOnesInAnyOrder(long seed) {
		DroolsRuleEngine pooled = new DroolsRuleEngine(DroolsRuleEngine.Mode.POOLED);
		List<Integer> order = order(seed);

		for (int round = 0; round < 2; round++) {
			for (int i : order) {
				assertSame(pooled.evaluate(ruleSet, situations.get(i)), i);
			}
		}
	}

	@ParameterizedTest
	@ValueSource(ints = { 2, 4, 8 })
	void reusedSessionsGiveTheVerdictsOfFreshOnesConcurrently(int threads) throws Exception {
		DroolsRuleEngine pooled = new DroolsRuleEngine(DroolsRuleEngine.Mode.POOLED);
		ExecutorService pool = Executors.newFixedThreadPool(threads);
		try {
			List<Callable<Integer>> tasks = new ArrayList<>();
			for (int t = 0; t < threads; t++) {
				List<Integer> order = order(100 + t);
				tasks.add(() -> {
					int checked = 0;
					for (int i : order) {
						assertSame(pooled.evaluate(ruleSet, situations.get(i)), i);
						checked++;
					}
					return checked;
				});
			}
			for (Future<Integer> f : pool.invokeAll(tasks, 5, TimeUnit.MINUTES)) {
				assertThat(f.get()).isEqualTo(situations.size());
			}
		}
		finally {
			pool.shutdownNow();
		}
		assertThat(ruleSet.sessions().idleCount()).isBetween(1, SessionPool.MAX_IDLE);
	}

	@Test
	void theScenarioSuiteGivesTheSameResultsWithEveryEvaluationCheckedAgainstAFreshSession() {
		List<ScenarioResult> freshResults = runScenarios("fresh");
		List<ScenarioResult> verified = runScenarios("verify");

		assertThat(verified).hasSizeGreaterThan(100);
		assertThat(verified).flatMap(ScenarioResult::differences).noneMatch(m -> m.contains("decided differently"));
		assertThat(verified).isEqualTo(freshResults);
	}

	/** The scenario suite with the engine the runner builds in this session mode. */
	private List<ScenarioResult> runScenarios(String mode) {
		String before = System.getProperty(DroolsRuleEngine.MODE_PROPERTY);
		System.setProperty(DroolsRuleEngine.MODE_PROPERTY, mode);
		try {
			return new ScenarioRunner(new TimeZoneResolver()).runAll(ruleSet, SCENARIOS);
		}
		finally {
			if (before == null) {
				System.clearProperty(DroolsRuleEngine.MODE_PROPERTY);
			}
			else {
				System.setProperty(DroolsRuleEngine.MODE_PROPERTY, before);
			}
		}
	}

	@Test
	void aRuleThatFiresOnTheParameterRowsAloneMakesTheRuleSetUseFreshSessions() throws Exception {
		Path dir = minimalWith("""
								package rules.probe;
								import com.contactdecision.facts.Finding;
				import com.contactdecision.facts.Obligation;
				import com.contactdecision.facts.ReasonCode;
								import com.contactdecision.facts.PermittedHours;
								global com.contactdecision.facts.Verdict verdict;
								rule "Oblige for every hours row"
								when
								    $h : PermittedHours()
								then
								    verdict.oblige(Obligation.SINGLE_REPLY_ONLY);
								end
								""");
		RuleSet set = new RuleSetLoader(Clock.systemUTC()).load(dir);
		DroolsRuleEngine pooled = new DroolsRuleEngine(DroolsRuleEngine.Mode.POOLED);
		List<Situation> some = situations.subList(0, 20);

		for (int round = 0; round < 3; round++) {
			for (Situation s : some) {
				Verdict v = pooled.evaluate(set, s);
				assertThat(v.obligations()).contains(Obligation.SINGLE_REPLY_ONLY);
				assertThat(DroolsRuleEngine.same(v, fresh.evaluate(set, s))).isTrue();
			}
		}
		assertThat(set.sessions().reusable()).isFalse();
		assertThat(set.sessions().notReusableBecause()).contains("parameter rows alone");
		assertThat(set.sessions().idleCount()).isZero();
	}

	@Test
	void aSessionThatKeepsAFactInsertedByARuleIsNotReused() throws Exception {
		Path dir = minimalWith("""
				package rules.probe;
				import com.contactdecision.facts.Contact;
				import com.contactdecision.facts.Warning;
				global com.contactdecision.facts.Verdict verdict;
				rule "Remember every contact"
				when
				    $c : Contact()
				then
				    insert(new StringBuilder("seen"));
				end
				rule "Warn when a contact was seen before"
				when
				    Contact()
				    $n : Number( intValue > 1 ) from accumulate ( StringBuilder(), count(1) )
				then
				    verdict.warn(Warning.WARN_CONCENTRATED);
				end
				""");
		RuleSet set = new RuleSetLoader(Clock.systemUTC()).load(dir);
		DroolsRuleEngine pooled = new DroolsRuleEngine(DroolsRuleEngine.Mode.POOLED);

		for (Situation s : situations.subList(0, 20)) {
			Verdict v = pooled.evaluate(set, s);
			assertThat(v.warnings()).doesNotContain(Warning.WARN_CONCENTRATED);
			assertThat(DroolsRuleEngine.same(v, fresh.evaluate(set, s))).isTrue();
		}
		assertThat(set.sessions().reusable()).isTrue();
		assertThat(set.sessions().idleCount()).isZero();
	}

	/**
	 * The minimal fixture rule set (hours table and rules, holds) plus one more DRL file.
	 */
	private Path minimalWith(String drl) throws Exception {
		Path from = Path.of(DroolsRuleEngineTests.class.getResource("/rulesets/minimal").toURI());
		Path dir = temp.resolve("rules-" + System.nanoTime());
		for (Path p : RuleSetLoader.list(from)) {
			Path to = dir.resolve(from.relativize(p).toString());
			Files.createDirectories(to.getParent());
			Files.copy(p, to);
		}
		Files.createDirectories(dir.resolve("probe"));
		Files.writeString(dir.resolve("probe/probe.drl"), drl, StandardCharsets.UTF_8);
		return dir;
	}

	private void assertSame(Verdict got, int i) {
		Verdict want = expected.get(i);
		if (!DroolsRuleEngine.same(got, want)) {
			throw new AssertionError("situation " + i + " at " + situations.get(i).at() + ": reused "
					+ DroolsRuleEngine.describe(got) + ", fresh " + DroolsRuleEngine.describe(want));
		}
	}

	private List<Integer> order(long seed) {
		List<Integer> order = new ArrayList<>();
		for (int i = 0; i < situations.size(); i++) {
			order.add(i);
		}
		if (seed == 1) {
			Collections.reverse(order);
		}
		else if (seed != 0) {
			Collections.shuffle(order, new Random(seed));
		}
		return order;
	}

	/**
	 * The situation the scenario's request is decided in (its given facts and events;
	 * earlier decisions are ignored).
	 */
	private static Situation situation(Scenario s, TimeZoneResolver zones) throws Exception {
		if (s.isTodo() || s.when() == null || !s.when().isObject() || !s.when().hasNonNull("at")) {
			return null;
		}
		ScenarioArranger.Arranged a = new ScenarioArranger(zones).arrange(s);
		ContactRequest req = a.request();
		return a.situations()
			.build(req, req.at(), new StoreFactReader(a.profiles(), a.history()).read(req.consumerId(), req.debtIds(),
					a.situations().collectorIdFor(req), req.at().minus(DecisionService.LOOKBACK)));
	}

}
