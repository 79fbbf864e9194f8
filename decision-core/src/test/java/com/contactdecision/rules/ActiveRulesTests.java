package com.contactdecision.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A load either swaps in a rule set that compiled and passed the gate, or changes nothing
 * but lastError.
 */
class ActiveRulesTests {

	private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-06-10T14:00:00Z"), ZoneOffset.UTC);

	@TempDir
	Path temp;

	Path dir;

	@BeforeEach
	void copyMinimalRuleSet() throws IOException, URISyntaxException {
		Path from = Path.of(getClass().getResource("/rulesets/minimal").toURI());
		dir = temp.resolve("rules");
		try (Stream<Path> files = Files.walk(from)) {
			for (Path p : files.toList()) {
				Path target = dir.resolve(from.relativize(p).toString());
				if (Files.isDirectory(p)) {
					Files.createDirectories(target);
				}
				else {
					Files.copy(p, target);
				}
			}
		}
	}

	@Test
	void nothingIsActiveBeforeTheFirstLoad() {
		ActiveRules rules = new ActiveRules(new RuleSetLoader(CLOCK), dir, CLOCK, ActiveRules.Gate.NONE);

		assertThat(rules.current()).isEmpty();
		assertThat(rules.lastError()).isEmpty();
	}

	@Test
	void aSuccessfulLoadBecomesActive() throws Exception {
		ActiveRules rules = new ActiveRules(new RuleSetLoader(CLOCK), dir, CLOCK, ActiveRules.Gate.NONE);

		RuleSet loaded = rules.reload();

		assertThat(rules.current()).containsSame(loaded);
		assertThat(rules.lastError()).isEmpty();
		assertThat(rules.directory()).isEqualTo(dir);
	}

	@Test
	void aFailedReloadKeepsThePreviousRuleSetAndRecordsTheError() throws Exception {
		ActiveRules rules = new ActiveRules(new RuleSetLoader(CLOCK), dir, CLOCK, ActiveRules.Gate.NONE);
		RuleSet good = rules.reload();
		Files.writeString(dir.resolve("hours/permitted-hours.drl"),
				"package rules.hours;\nrule \"half\" when\n  Contact(\nthen end\n", StandardCharsets.UTF_8);

		ActiveRules.RejectedException e = catchThrowableOfType(ActiveRules.RejectedException.class, rules::reload);

		assertThat(e).isNotNull();
		assertThat(rules.current()).containsSame(good);
		assertThat(rules.lastError()).hasValueSatisfying(f -> {
			assertThat(f.at()).isEqualTo(CLOCK.instant());
			assertThat(f.problems()).isNotEmpty()
				.anySatisfy(p -> assertThat(p.file()).isEqualTo("hours/permitted-hours.drl"));
			assertThat(f.failingScenarios()).isEmpty();
		});
		assertThat(e.failure()).isEqualTo(rules.lastError().orElseThrow());
	}

	@Test
	void aFailedFirstLoadLeavesNothingActive() throws Exception {
		Files.writeString(dir.resolve("hours/permitted-hours.csv"), "nonsense,header\n", StandardCharsets.UTF_8);
		ActiveRules rules = new ActiveRules(new RuleSetLoader(CLOCK), dir, CLOCK, ActiveRules.Gate.NONE);

		assertThat(catchThrowableOfType(ActiveRules.RejectedException.class, rules::reload)).isNotNull();

		assertThat(rules.current()).isEmpty();
		assertThat(rules.lastError()).hasValueSatisfying(f -> assertThat(f.problems())
			.anySatisfy(p -> assertThat(p.file()).isEqualTo("hours/permitted-hours.csv")));
	}

	@Test
	void aLaterSuccessfulLoadClearsTheError() throws Exception {
		ActiveRules rules = new ActiveRules(new RuleSetLoader(CLOCK), dir, CLOCK, ActiveRules.Gate.NONE);
		rules.reload();
		Path drl = dir.resolve("holds/legal-holds.drl");
		String original = Files.readString(drl);
		Files.writeString(drl, original + "\nrule \"broken\" when then nonsense(( end\n");
		assertThat(catchThrowableOfType(ActiveRules.RejectedException.class, rules::reload)).isNotNull();
		assertThat(rules.lastError()).isPresent();
		Files.writeString(drl, original);

		RuleSet reloaded = rules.reload();

		assertThat(rules.lastError()).isEmpty();
		assertThat(rules.current()).containsSame(reloaded);
	}

	@Test
	void aGateThatFailsRefusesTheCandidate() throws Exception {
		List<RuleSet> seen = new ArrayList<>();
		ActiveRules rules = new ActiveRules(new RuleSetLoader(CLOCK), dir, CLOCK, ActiveRules.Gate.NONE);
		RuleSet good = rules.reload();
		Path csv = dir.resolve("hours/permitted-hours.csv");
		Files.writeString(csv, Files.readString(csv).replace("08:00", "07:00"));
		rules.gate(candidate -> {
			seen.add(candidate);
			return List.of("hours/call-at-0730-local-is-denied.yaml: expected DENY, got ALLOW");
		});

		ActiveRules.RejectedException e = catchThrowableOfType(ActiveRules.RejectedException.class, rules::reload);

		assertThat(e).isNotNull();
		assertThat(seen).singleElement()
			.satisfies(candidate -> assertThat(candidate.version()).isNotEqualTo(good.version()));
		assertThat(rules.current()).containsSame(good);
		assertThat(rules.lastError()).hasValueSatisfying(f -> {
			assertThat(f.problems()).isEmpty();
			assertThat(f.failingScenarios())
				.containsExactly("hours/call-at-0730-local-is-denied.yaml: expected DENY, got ALLOW");
		});
	}

	@Test
	void aGateThatPassesLetsTheCandidateIn() throws Exception {
		List<RuleSet> seen = new ArrayList<>();
		ActiveRules rules = new ActiveRules(new RuleSetLoader(CLOCK), dir, CLOCK, candidate -> {
			seen.add(candidate);
			return List.of();
		});

		RuleSet loaded = rules.reload();

		assertThat(seen).containsExactly(loaded);
		assertThat(rules.current()).containsSame(loaded);
	}

	@Test
	void aFixedRuleSetAnswersWithoutADirectory() throws Exception {
		RuleSet set = new RuleSetLoader(CLOCK).load(dir);

		ActiveRules rules = ActiveRules.of(set, CLOCK);

		assertThat(rules.current()).containsSame(set);
	}

}
