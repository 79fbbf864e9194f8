package com.contactdecision.scenarios;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.contactdecision.decision.Outcome;
import com.contactdecision.facts.Obligation;
import com.contactdecision.facts.ReasonCode;
import com.contactdecision.rules.RuleSetLoader;
import com.contactdecision.zones.TimeZoneResolver;

/**
 * Expected codes are read as the real enums: a typo fails at read time with its file and
 * line.
 */
class ScenarioReaderTests {

	@TempDir
	Path temp;

	@Test
	void aMisspeltReasonCodeFailsWithItsFileAndLine() throws Exception {
		Path dir = fixture("misspelt");

		InvalidScenarioException e = catchThrowableOfType(InvalidScenarioException.class,
				() -> ScenarioReader.read(dir, dir.resolve("hours/call-at-0730-with-a-misspelt-reason-code.yaml")));

		assertThat(e.file()).isEqualTo("hours/call-at-0730-with-a-misspelt-reason-code.yaml");
		assertThat(e.line()).isEqualTo(14);
		assertThat(e.getMessage())
			.startsWith("hours/call-at-0730-with-a-misspelt-reason-code.yaml:14: then.reasons[0]: 'INCONVENIENT_TIMES'")
			.contains("ReasonCode")
			.contains("INCONVENIENT_TIME,");
	}

	@Test
	void aMisspeltReasonCodeFailsTheRunNamingItsFileAndLine() throws Exception {
		Path dir = fixture("misspelt");

		List<ScenarioResult> results = new ScenarioRunner(new TimeZoneResolver())
			.runAll(new RuleSetLoader(Clock.systemUTC()).load(fixture("../rulesets/minimal")), dir);

		assertThat(results).singleElement().satisfies(r -> {
			assertThat(r.status()).isEqualTo(ScenarioResult.Status.FAIL);
			assertThat(r.name()).isEqualTo("hours/call-at-0730-with-a-misspelt-reason-code.yaml");
			assertThat(r.differences()).singleElement()
				.asString()
				.contains("call-at-0730-with-a-misspelt-reason-code.yaml:14: then.reasons[0]");
		});
	}

	@Test
	void aMisspeltObligationOrOutcomeFailsWithItsLine() throws Exception {
		Path obligation = write("obligation.yaml", """
				when: { channel: SMS, at: "2026-06-10T10:00:00-04:00" }
				then:
				  outcome: ALLOW
				  obligations: [INCLUDE_OPT_OUT_NOTICE, INCLUDE_OPTOUT_NOTICE]
				""");
		Path outcome = write("outcome.yaml", """
				when: { channel: SMS, at: "2026-06-10T10:00:00-04:00" }
				then:
				  outcome: DENIED
				""");

		assertThat(catchThrowableOfType(InvalidScenarioException.class, () -> ScenarioReader.read(temp, obligation)))
			.hasMessageStartingWith("obligation.yaml:4: then.obligations[1]: 'INCLUDE_OPTOUT_NOTICE'");
		assertThat(catchThrowableOfType(InvalidScenarioException.class, () -> ScenarioReader.read(temp, outcome)))
			.hasMessageStartingWith("outcome.yaml:3: then.outcome: 'DENIED'")
			.hasMessageContaining("[ALLOW, DENY]");
	}

	@Test
	void expectationsReadAsTheApiEnums() throws Exception {
		Path file = write("hours/ok.yml", """
				description: fine
				when: { channel: SMS, at: "2026-06-10T10:00:00-04:00" }
				then:
				  outcome: DENY
				  reasons: [INCONVENIENT_TIME]
				  obligations: [INCLUDE_OPT_OUT_NOTICE]
				  nextEligibleAt: null
				""");

		Scenario s = ScenarioReader.read(temp, file);

		assertThat(s.name()).isEqualTo("hours/ok");
		assertThat(s.then().outcome()).isEqualTo(Outcome.DENY);
		assertThat(s.then().reasons()).containsExactly(ReasonCode.INCONVENIENT_TIME);
		assertThat(s.then().obligations()).containsExactly(Obligation.INCLUDE_OPT_OUT_NOTICE);
		assertThat(s.then().nextEligibleAt().isNull()).as("an explicit null: time alone cannot lift it").isTrue();
	}

	private Path write(String name, String yaml) throws Exception {
		Path file = temp.resolve(name);
		Files.createDirectories(file.getParent());
		return Files.writeString(file, yaml, StandardCharsets.UTF_8);
	}

	private static Path fixture(String name) throws Exception {
		return Path.of(ScenarioReaderTests.class.getResource("/scenarios/").toURI()).resolve(name).normalize();
	}

}
