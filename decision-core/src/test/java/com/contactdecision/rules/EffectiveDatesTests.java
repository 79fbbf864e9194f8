package com.contactdecision.rules;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.contactdecision.facts.PermittedHours;
import com.contactdecision.scenarios.ScenarioResult;
import com.contactdecision.scenarios.ScenarioCoverage;
import com.contactdecision.scenarios.ScenarioReader;
import com.contactdecision.scenarios.ScenarioRunner;
import com.contactdecision.zones.TimeZoneResolver;

/**
 * Rows carry the period in which they are law: a decision at an instant sees only the
 * rows in force then, and the search for the next eligible instant crosses a change of
 * law in both directions. Run on a copy of the shipped rule directory with one dated
 * table added.
 */
class EffectiveDatesTests {

	private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-06-10T14:00:00Z"), ZoneOffset.UTC);

	private static final String HOURS_HEADER = "id,enabled,jurisdiction,collectorTypes,channels,from,to,reasonCode,citation,effectiveFrom,effectiveUntil\n";

	private static final String OHIO = """
			given:
			  profile:
			    addresses: [ { country: US, state: OH, postalCode: '43215' } ]
			when:
			  debtIds: [d-1]
			  channel: CALL
			  destination: { phone: '+16145550100', type: MOBILE }
			  dialMode: MANUAL
			""";

	@TempDir
	Path temp;

	@Test
	void aDateIsTheStartOfThatDayInUtcAndAnInstantIsTakenAsWritten() {
		List<RuleProblem> problems = new ArrayList<>();
		List<ParameterRow> rows = ParameterTables.rows("us-oh/oh-hours.csv", HOURS_HEADER
				+ "a,true,US-OH,DEBT_COLLECTOR,CALL,09:00,21:00,INCONVENIENT_TIME,test,2027-01-31,\n"
				+ "b,true,US-OH,DEBT_COLLECTOR,CALL,09:00,21:00,INCONVENIENT_TIME,test,,2026-07-01T00:00:00-04:00\n"
				+ "c,true,US-OH,DEBT_COLLECTOR,CALL,09:00,21:00,INCONVENIENT_TIME,test,,\n", problems);

		assertThat(problems).isEmpty();
		assertThat(rows).extracting(ParameterRow::id).containsExactly("a", "b", "c");
		assertThat(rows.get(0).effectiveFrom()).isEqualTo(Instant.parse("2027-01-31T00:00:00Z"));
		assertThat(rows.get(0).effectiveUntil()).isNull();
		assertThat(rows.get(1).effectiveUntil()).isEqualTo(Instant.parse("2026-07-01T04:00:00Z"));
		assertThat(rows.get(2).dated()).isFalse();
		assertThat(rows).extracting(ParameterRow::value)
			.allSatisfy(v -> assertThat(v).isInstanceOf(PermittedHours.class));
		assertThat(rows.get(0).inForceAt(Instant.parse("2027-01-30T23:59:59Z"))).isFalse();
		assertThat(rows.get(0).inForceAt(Instant.parse("2027-01-31T00:00:00Z"))).isTrue();
		assertThat(rows.get(1).inForceAt(Instant.parse("2026-07-01T03:59:59Z"))).isTrue();
		assertThat(rows.get(1).inForceAt(Instant.parse("2026-07-01T04:00:00Z"))).isFalse();
	}

	@Test
	void theDateColumnsMayStandAnywhereInTheHeader() {
		List<RuleProblem> problems = new ArrayList<>();
		List<ParameterRow> rows = ParameterTables
			.rows("hours/x-hours.csv",
					"effectiveFrom,id,enabled,jurisdiction,collectorTypes,channels,from,to,reasonCode,citation\n"
							+ "2027-01-31,a,true,US,DEBT_COLLECTOR,CALL,09:00,21:00,INCONVENIENT_TIME,test\n",
					problems);

		assertThat(problems).isEmpty();
		assertThat(rows).singleElement().satisfies(r -> {
			assertThat(r.id()).isEqualTo("a");
			assertThat(r.effectiveFrom()).isEqualTo(Instant.parse("2027-01-31T00:00:00Z"));
			assertThat(((PermittedHours) r.value()).id()).isEqualTo("a");
		});
	}

	@Test
	void aBadDateOrAnEmptyPeriodIsRefusedNamingTheLineAndColumn() {
		List<RuleProblem> problems = new ArrayList<>();
		ParameterTables.rows("us-oh/oh-hours.csv",
				HOURS_HEADER + "a,true,US-OH,DEBT_COLLECTOR,CALL,09:00,21:00,INCONVENIENT_TIME,test,31/01/2027,\n"
						+ "b,true,US-OH,DEBT_COLLECTOR,CALL,09:00,21:00,INCONVENIENT_TIME,test,2027-01-31,2027-01-31\n",
				problems);

		assertThat(problems).hasSize(2);
		assertThat(problems.get(0).line()).isEqualTo(2);
		assertThat(problems.get(0).message()).contains("effectiveFrom", "31/01/2027");
		assertThat(problems.get(1).line()).isEqualTo(3);
		assertThat(problems.get(1).message()).contains("effectiveUntil", "is not after");
	}

	@Test
	void aDecisionSeesOnlyTheRowsInForceAtItsInstant() throws Exception {
		RuleSet rules = load(HOURS_HEADER
				+ "oh-0900,true,US-OH,DEBT_COLLECTOR,CALL,09:00,21:00,INCONVENIENT_TIME,test,2026-07-01T00:00:00-04:00,\n");

		assertThat(decide(rules, "2026-06-30T08:30:00-04:00", "{ outcome: ALLOW }"))
			.isEqualTo(ScenarioResult.Status.PASS);
		assertThat(decide(rules, "2026-07-01T08:30:00-04:00",
				"{ outcome: DENY, reasons: [INCONVENIENT_TIME], nextEligibleAt: '2026-07-01T09:00:00-04:00' }"))
			.isEqualTo(ScenarioResult.Status.PASS);
		assertThat(rules.schedule().changesAfter(Instant.parse("2026-06-01T00:00:00Z")))
			.filteredOn(c -> c.file().startsWith("us-oh/"))
			.singleElement()
			.satisfies(c -> {
				assertThat(c.at()).isEqualTo(Instant.parse("2026-07-01T04:00:00Z"));
				assertThat(c.kind()).isEqualTo(Schedule.Change.Kind.IN_FORCE);
				assertThat(c.file()).isEqualTo("us-oh/oh-hours.csv");
				assertThat(c.id()).isEqualTo("oh-0900");
			});
		assertThat(rules.schedule().changesAfter(Instant.parse("2026-07-01T04:00:00Z")))
			.noneMatch(c -> c.file().startsWith("us-oh/"));
	}

	@Test
	void theNextEligibleInstantCrossesARowThatEndsAndLiftsItsBlock() throws Exception {
		// Until midnight (New York) Ohio calls wait for 10:00; from then the federal
		// 08:00 applies. Asked at
		// 21:30 the night before, the answer is 08:00 under the new law, not 10:00 under
		// the old one.
		RuleSet rules = load(HOURS_HEADER
				+ "oh-1000,true,US-OH,DEBT_COLLECTOR,CALL,10:00,21:00,INCONVENIENT_TIME,test,,2026-07-01T00:00:00-04:00\n");

		assertThat(decide(rules, "2026-06-30T21:30:00-04:00",
				"{ outcome: DENY, reasons: [INCONVENIENT_TIME], nextEligibleAt: '2026-07-01T08:00:00-04:00' }"))
			.isEqualTo(ScenarioResult.Status.PASS);
		assertThat(decide(rules, "2026-06-30T09:30:00-04:00",
				"{ outcome: DENY, reasons: [INCONVENIENT_TIME], nextEligibleAt: '2026-06-30T10:00:00-04:00' }"))
			.isEqualTo(ScenarioResult.Status.PASS);
	}

	@Test
	void theNextEligibleInstantCrossesARowThatStartsAndBlocks() throws Exception {
		RuleSet rules = load(HOURS_HEADER
				+ "oh-1000,true,US-OH,DEBT_COLLECTOR,CALL,10:00,21:00,INCONVENIENT_TIME,test,2026-07-01T00:00:00-04:00,\n");

		assertThat(decide(rules, "2026-06-30T21:30:00-04:00",
				"{ outcome: DENY, reasons: [INCONVENIENT_TIME], nextEligibleAt: '2026-07-01T10:00:00-04:00' }"))
			.isEqualTo(ScenarioResult.Status.PASS);
	}

	@Test
	void aBlockNoTimeLiftsEndsWithTheRowThatMadeIt() throws Exception {
		// A state content requirement that ends: a text without the licence number is
		// refused with no
		// end while the row is in force, and allowed from the instant it ends (within the
		// hours).
		RuleSet rules = load(HOURS_HEADER, "us-oh/oh-content-requirements.csv",
				"id,enabled,jurisdiction,collectorTypes,channels,element,obligation,reasonCode,citation,effectiveUntil\n"
						+ "oh-licence,true,US-OH,DEBT_COLLECTOR,SMS,LICENCE_NUMBER,INCLUDE_STATE_LICENCE_NUMBER,CONTENT_STATE_REQUIRED,test,2026-07-01T12:00:00-04:00\n");
		String text = """
				given:
				  collector: { type: DEBT_COLLECTOR, businessName: ABC, licences: { OH: '123' } }
				  profile:
				    addresses: [ { country: US, state: OH, postalCode: '43215' } ]
				when:
				  debtIds: [d-1]
				  channel: SMS
				  dialMode: MANUAL
				  destination: { phone: '+16145550100', type: MOBILE }
				  message: { text: This is a communication from a debt collector. Reply STOP to stop texts to this number. }
				""";

		assertThat(decide(rules, text, "2026-06-30T10:00:00-04:00",
				"{ outcome: DENY, reasons: [CONTENT_STATE_REQUIRED], nextEligibleAt: '2026-07-01T12:00:00-04:00' }"))
			.isEqualTo(ScenarioResult.Status.PASS);
		assertThat(decide(rules, text, "2026-07-01T12:00:00-04:00", "{ outcome: ALLOW }"))
			.isEqualTo(ScenarioResult.Status.PASS);
	}

	@Test
	void aChangeOfLawWithoutAScenarioOnEachSideIsReported() throws Exception {
		RuleSet rules = load(HOURS_HEADER
				+ "oh-0900,true,US-OH,DEBT_COLLECTOR,CALL,09:00,21:00,INCONVENIENT_TIME,test,2026-07-01T00:00:00-04:00,\n");
		Path scenarios = Files.createDirectories(temp.resolve("scenarios/us-oh/oh-hours"));
		Files.writeString(scenarios.resolve("after.yaml"),
				OHIO.replace("when:\n", "when:\n  at: '2026-07-01T08:30:00-04:00'\n") + "then: { outcome: DENY }\n",
				StandardCharsets.UTF_8);

		assertThat(ScenarioCoverage.unpinned(rules, temp.resolve("scenarios"))).filteredOn(m -> m.startsWith("us-oh/"))
			.singleElement()
			.asString()
			.contains("us-oh/oh-hours.csv", "oh-0900", "2026-07-01T04:00:00Z", "decides before it");

		Files.writeString(scenarios.resolve("before.yaml"),
				OHIO.replace("when:\n", "when:\n  at: '2026-06-30T08:30:00-04:00'\n") + "then: { outcome: ALLOW }\n",
				StandardCharsets.UTF_8);

		assertThat(ScenarioCoverage.unpinned(rules, temp.resolve("scenarios"))).noneMatch(m -> m.startsWith("us-oh/"));
	}

	private RuleSet load(String hoursTable) throws Exception {
		return load(hoursTable, null, null);
	}

	private RuleSet load(String hoursTable, String otherFile, String otherTable) throws Exception {
		Path dir = temp.resolve("rules");
		copy(Path.of("../rules"), dir);
		Files.createDirectories(dir.resolve("us-oh"));
		Files.writeString(dir.resolve("us-oh/oh-hours.csv"), hoursTable, StandardCharsets.UTF_8);
		if (otherFile != null) {
			Files.writeString(dir.resolve(otherFile), otherTable, StandardCharsets.UTF_8);
		}
		return new RuleSetLoader(CLOCK).load(dir);
	}

	private ScenarioResult.Status decide(RuleSet rules, String at, String then) throws IOException {
		return decide(rules, OHIO, at, then);
	}

	private ScenarioResult.Status decide(RuleSet rules, String scenario, String at, String then) throws IOException {
		Path file = temp.resolve("s/x.yaml");
		Files.createDirectories(file.getParent());
		Files.writeString(file, scenario.replace("when:\n", "when:\n  at: '" + at + "'\n") + "then: " + then + "\n",
				StandardCharsets.UTF_8);
		ScenarioResult r = new ScenarioRunner(new TimeZoneResolver()).run(rules,
				ScenarioReader.read(temp.resolve("s"), file));
		assertThat(r.differences()).as(at).isEmpty();
		return r.status();
	}

	private static void copy(Path from, Path to) throws IOException {
		try (Stream<Path> s = Files.walk(from)) {
			for (Path p : s.toList()) {
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

}
