package com.contactdecision.ruletests;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.contactdecision.decision.ContactRequest;
import com.contactdecision.decision.DecisionListener;
import com.contactdecision.decision.DecisionRecord;
import com.contactdecision.decision.DecisionRecords;
import com.contactdecision.decision.DecisionService;
import com.contactdecision.decision.InMemoryDecisionLog;
import com.contactdecision.decision.InMemoryDecisionRecords;
import com.contactdecision.decision.Outcome;
import com.contactdecision.decision.SituationFactory;
import com.contactdecision.decision.StoreFactReader;
import com.contactdecision.profiles.ConsumerRecords;
import com.contactdecision.profiles.InMemoryProfileStore;
import com.contactdecision.replay.Simulation;
import com.contactdecision.rules.ActiveRules;
import com.contactdecision.rules.DroolsRuleEngine;
import com.contactdecision.rules.RuleSet;
import com.contactdecision.rules.RuleSetLoader;
import com.contactdecision.scenarios.Scenario;
import com.contactdecision.scenarios.ScenarioArranger;
import com.contactdecision.scenarios.ScenarioFiles;
import com.contactdecision.scenarios.ScenarioReader;
import com.contactdecision.zones.TimeZoneResolver;

/**
 * The recorded facts are complete: every scenario's decisions (its earlier ones too) are
 * decided through the server's path, recorded as the audit store keeps them
 * (pseudonymised, through JSON), and replayed from the record alone under the same rule
 * set; not one may flip. A rule change is then seen to flip the decisions it should.
 */
class ReplayTests {

	static final Path RULES = RuleScenarioTests.RULES;

	static final Path SCENARIOS = RuleScenarioTests.SCENARIOS;

	static RuleSet ruleSet;

	static InMemoryDecisionRecords records;

	static Simulation simulation;

	static int decided;

	@BeforeAll
	static void decideEveryScenario() throws Exception {
		ruleSet = new RuleSetLoader(Clock.systemUTC()).load(RULES);
		TimeZoneResolver zones = new TimeZoneResolver();
		ScenarioArranger arranger = new ScenarioArranger(zones);
		DroolsRuleEngine engine = new DroolsRuleEngine();
		records = new InMemoryDecisionRecords();
		for (Path file : ScenarioFiles.discover(SCENARIOS)) {
			Scenario s = ScenarioReader.read(SCENARIOS, file);
			if (s.isTodo()) {
				continue;
			}
			ScenarioArranger.Arranged a = arranger.arrange(s);
			// Through JSON, as the database and the Redis stream keep them.
			DecisionRecords viaJson = new Roundtrip(records);
			DecisionService service = new DecisionService(ActiveRules.of(ruleSet, a.clock()), engine, a.situations(),
					new StoreFactReader(a.profiles(), a.history()), a.history(),
					new InMemoryDecisionLog(a.clock(), Duration.ofDays(8)), viaJson,
					com.contactdecision.privacy.HmacPseudonymiser.ephemeral()::pseudonym, a.clock(),
					DecisionListener.NONE);
			List<ContactRequest> all = new ArrayList<>(a.earlier());
			all.add(a.request());
			for (ContactRequest r : all) {
				service.decide(r);
				decided++;
			}
		}
		simulation = new Simulation(engine, new SituationFactory(new InMemoryProfileStore(), zones, "default"), 2);
	}

	@Test
	void replayingTheActiveRuleSetFlipsNothing() {
		Simulation.Report report = simulation.run(ruleSet, ruleSet.version(), records,
				DecisionRecords.Query.between(null, null, 0));
		assertThat(report.replayed()).isEqualTo(decided).isGreaterThan(200);
		assertThat(report.flips()).as("decisions that replay differently from their record").isEmpty();
		assertThat(report.unchanged()).isEqualTo(decided);
	}

	@Test
	void aRuleChangeFlipsTheDecisionsItTouches(@TempDir Path dir) throws Exception {
		Path candidate = dir.resolve("rules");
		copy(RULES, candidate);
		// A stricter candidate: one call per debt in 7 days instead of 7. Calls allowed
		// after an
		// earlier call now flip to DENY for the federal cap, and nothing flips the other
		// way.
		Path caps = candidate.resolve("frequency/frequency-caps.csv");
		Files.writeString(caps, Files.readString(caps)
			.replace("PLACED_CALLS,DEBT,7,7,CALL_FREQUENCY_CAP", "PLACED_CALLS,DEBT,7,1,CALL_FREQUENCY_CAP"));
		RuleSet changed = new RuleSetLoader(Clock.systemUTC()).load(candidate);
		assertThat(changed.version()).isNotEqualTo(ruleSet.version());
		Simulation.Report report = simulation.run(changed, ruleSet.version(), records,
				DecisionRecords.Query.between(null, null, 0));
		assertThat(report.flipped()).isPositive();
		assertThat(report.flips()).allSatisfy(f -> {
			assertThat(f.from()).isEqualTo(Outcome.ALLOW);
			assertThat(f.to()).isEqualTo(Outcome.DENY);
			assertThat(f.examples()).isNotEmpty().hasSizeLessThanOrEqualTo(Simulation.EXAMPLES);
		});
		assertThat(report.flips()).anySatisfy(
				f -> assertThat(f.reason().name() + " " + f.rule()).isEqualTo("CALL_FREQUENCY_CAP regf-7-in-7"));
		// Every example is a recorded ALLOW.
		report.flips()
			.forEach(f -> f.examples()
				.forEach(id -> assertThat(records.find(id))
					.hasValueSatisfying(r -> assertThat(r.decision().outcome()).isEqualTo(Outcome.ALLOW))));
	}

	static void copy(Path from, Path to) throws Exception {
		try (Stream<Path> all = Files.walk(from)) {
			for (Path p : all.toList()) {
				Path target = to.resolve(from.relativize(p).toString());
				if (Files.isDirectory(p)) {
					Files.createDirectories(target);
				}
				else {
					Files.copy(p, target);
				}
			}
		}
	}

	/** Keeps each record as it reads back from its JSON form. */
	record Roundtrip(InMemoryDecisionRecords target) implements DecisionRecords {

		@Override
		public void keep(DecisionRecord record) {
			target.keep(DecisionRecord.fromJson(record.toJson()));
		}

		@Override
		public java.util.Optional<DecisionRecord> find(String decisionId) {
			return target.find(decisionId);
		}

		@Override
		public Page query(Query query) {
			return target.query(query);
		}

		@Override
		public void forEach(Query query, java.util.function.Consumer<DecisionRecord> each) {
			target.forEach(query, each);
		}

	}

}
