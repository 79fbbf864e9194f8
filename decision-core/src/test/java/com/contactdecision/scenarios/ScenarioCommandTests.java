package com.contactdecision.scenarios;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;

/** The officers' test-rules command on the core alone, as the service jar runs it. */
class ScenarioCommandTests {

	@Test
	void theShippedRulesPassTheirScenarios() {
		Run run = run("--rules", "../rules", "--scenarios", "../rule-tests/scenarios");

		assertThat(run.exit()).as(run.out()).isZero();
		assertThat(run.out()).contains("rule set sha256:").containsPattern("scenarios: \\d{3} passed, 0 failed");
	}

	@Test
	void aScenarioWithAMisspeltCodeFailsTheCommandNamingItsFileAndLine() throws Exception {
		Path misspelt = Path.of(ScenarioCommandTests.class.getResource("/scenarios/misspelt").toURI());

		Run run = run("--rules", "../rules", "--scenarios", misspelt.toString());

		assertThat(run.exit()).isEqualTo(1);
		assertThat(run.out()).contains("FAIL hours/call-at-0730-with-a-misspelt-reason-code.yaml")
			.contains("call-at-0730-with-a-misspelt-reason-code.yaml:14: then.reasons[0]: 'INCONVENIENT_TIMES'");
	}

	@Test
	void anUnknownOptionIsAUsageError() {
		assertThat(run("--rulez", "x").exit()).isEqualTo(2);
	}

	private record Run(int exit, String out) {
	}

	private static synchronized Run run(String... args) {
		PrintStream before = System.out;
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
		try {
			int exit = ScenarioCommand.run(args);
			return new Run(exit, out.toString(StandardCharsets.UTF_8));
		}
		finally {
			System.setOut(before);
		}
	}

}
