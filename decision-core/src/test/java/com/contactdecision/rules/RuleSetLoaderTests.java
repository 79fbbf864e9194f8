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
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.contactdecision.facts.FrequencyCap;
import com.contactdecision.facts.PermittedHours;

/**
 * Loading a rule directory: what compiles, what is refused and how, and the version hash.
 */
class RuleSetLoaderTests {

	private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-06-10T14:00:00Z"), ZoneOffset.UTC);

	private final RuleSetLoader loader = new RuleSetLoader(CLOCK);

	@TempDir
	Path temp;

	@Test
	void aSmallRuleSetLoadsWithItsRulesTablesAndGlobals() throws Exception {
		RuleSet set = loader.load(fixture("minimal"));

		assertThat(set.ruleCount()).isEqualTo(2);
		assertThat(set.version()).matches("sha256:[0-9a-f]{64}");
		assertThat(set.loadedAt()).isEqualTo(CLOCK.instant());
		assertThat(set.files()).extracting(RuleSet.RuleFile::path)
			.containsExactly("holds/legal-holds.drl", "hours/permitted-hours.csv", "hours/permitted-hours.drl");
		assertThat(set.files()).allSatisfy(f -> assertThat(f.sha256()).matches("sha256:[0-9a-f]{64}"));
		assertThat(set.parameters()).singleElement().isInstanceOf(PermittedHours.class);
		assertThat(set.globals()).contains("verdict");
	}

	@Test
	void aCapsTableBecomesFrequencyCapFacts() throws Exception {
		RuleSet set = loader.load(fixture("cap-of-3"));

		assertThat(set.parameters()).filteredOn(FrequencyCap.class::isInstance)
			.singleElement()
			.satisfies(c -> assertThat(((FrequencyCap) c).limit()).isEqualTo(3));
		assertThat(set.globals()).contains("verdict", "history");
	}

	@Test
	void aDrlThatDoesNotCompileIsRefusedNamingItsFileAndLine() throws Exception {
		RuleSetException e = refused(fixture("broken-drl"));

		assertThat(e.problems()).isNotEmpty();
		assertThat(e.problems()).anySatisfy(p -> {
			assertThat(p.file()).isEqualTo("broken/broken.drl");
			assertThat(p.line()).isGreaterThan(0).isBetween(9, 11);
			assertThat(p.message()).isNotBlank();
		});
		assertThat(e.problems()).noneSatisfy(p -> assertThat(p.file()).startsWith("hours/"));
		assertThat(e.getMessage()).contains("broken/broken.drl");
	}

	@Test
	void aDrlOnAnUnknownFactIsRefusedNamingItsFileAndLine() throws Exception {
		RuleSetException e = refused(fixture("unknown-fact"));

		assertThat(e.problems()).anySatisfy(p -> {
			assertThat(p.file()).isEqualTo("broken/unknown-fact.drl");
			assertThat(p.line()).isGreaterThan(0);
		});
	}

	@Test
	void aParameterTableWithAnUnknownEnumValueIsRefusedNamingFileAndLine() throws Exception {
		RuleSetException e = refused(fixture("broken-csv"));

		assertThat(e.problems()).singleElement().satisfies(p -> {
			assertThat(p.file()).isEqualTo("hours/permitted-hours.csv");
			assertThat(p.line()).isEqualTo(3);
			assertThat(p.message()).contains("PIGEON");
		});
	}

	@Test
	void aParameterTableLineWithTooFewColumnsIsRefusedNamingItsLine() throws Exception {
		Path dir = copy("minimal");
		Files.writeString(dir.resolve("hours/permitted-hours.csv"),
				"# comment\n\nid,enabled,jurisdiction,collectorTypes,channels,from,to,reasonCode,citation\n"
						+ "regf-time,true,US,DEBT_COLLECTOR,CALL,08:00\n",
				StandardCharsets.UTF_8);

		RuleSetException e = refused(dir);

		assertThat(e.problems()).singleElement().satisfies(p -> {
			assertThat(p.file()).isEqualTo("hours/permitted-hours.csv");
			assertThat(p.line()).isEqualTo(4);
		});
	}

	@Test
	void aRuleWithAnIdButNoCitationIsRefusedNamingItsFileAndLine() throws Exception {
		Path dir = copy("minimal");
		Files.createDirectories(dir.resolve("cease"));
		Files.writeString(dir.resolve("cease/uncited.drl"), """
				package rules.cease;
				import com.contactdecision.facts.CeaseNotice;
				import com.contactdecision.facts.ReasonCode;
				global com.contactdecision.facts.Verdict verdict;

				rule "Deny after a cease, citing nothing"
				    @id("uncited-cease")
				when
				    CeaseNotice()
				then
				    verdict.deny(ReasonCode.CEASE_COMMUNICATION, "no law named");
				end
				""", StandardCharsets.UTF_8);

		RuleSetException e = refused(dir);

		assertThat(e.problems()).singleElement().satisfies(p -> {
			assertThat(p.file()).isEqualTo("cease/uncited.drl");
			assertThat(p.line()).isEqualTo(6);
			assertThat(p.message()).contains("Deny after a cease, citing nothing").contains("@citation");
		});
	}

	@Test
	void aRuleIdThatIsNotAQuotedStringIsRefused() throws Exception {
		Path dir = copy("minimal");
		Files.createDirectories(dir.resolve("cease"));
		Files.writeString(dir.resolve("cease/numbered.drl"), """
				package rules.cease;
				import com.contactdecision.facts.CeaseNotice;
				import com.contactdecision.facts.ReasonCode;
				global com.contactdecision.facts.Verdict verdict;
				rule "Deny after a cease, numbered"
				    @id(7)
				    @citation("12 CFR 1006.6(c)")
				when
				    CeaseNotice()
				then
				    verdict.deny(ReasonCode.CEASE_COMMUNICATION, "numbered");
				end
				""", StandardCharsets.UTF_8);

		RuleSetException e = refused(dir);

		assertThat(e.problems()).singleElement()
			.satisfies(p -> assertThat(p.message()).contains("@id must be a non-blank quoted string"));
	}

	@Test
	void aDecisionTableNotNamedDrlCsvIsRefusedNotSilentlyIgnored() throws Exception {
		RuleSetException e = refused(fixture("misnamed-table"));

		assertThat(e.problems()).isNotEmpty();
		assertThat(e.problems()).anySatisfy(p -> assertThat(p.file()).contains("contact-policy.csv"));
	}

	@Test
	void aMisnamedDecisionTableBesideValidRulesIsStillRefused() throws Exception {
		Path dir = copy("minimal");
		Files.createDirectories(dir.resolve("policy"));
		Files.copy(fixture("misnamed-table").resolve("policy/contact-policy.csv"),
				dir.resolve("policy/contact-policy.csv"));

		RuleSetException e = refused(dir);

		assertThat(e.problems()).anySatisfy(p -> assertThat(p.file()).isEqualTo("policy/contact-policy.csv"));
	}

	@Test
	void anUnreadableDecisionTableIsRefusedNamingTheFile() throws Exception {
		Path dir = copy("minimal");
		Files.createDirectories(dir.resolve("policy"));
		Files.copy(fixture("broken-decision-table").resolve("policy/contact-policy.drl.csv"),
				dir.resolve("policy/contact-policy.drl.csv"));

		RuleSetException e = refused(dir);

		assertThat(e.problems()).anySatisfy(p -> assertThat(p.file()).isEqualTo("policy/contact-policy.drl.csv"));
	}

	@Test
	void theVersionIsAStableContentHash() throws Exception {
		Path dir = copy("minimal");

		String first = loader.load(dir).version();
		String second = loader.load(dir).version();
		String elsewhere = loader.load(fixture("minimal")).version();

		assertThat(second).isEqualTo(first);
		assertThat(elsewhere).as("the same files in another directory").isEqualTo(first);
	}

	@Test
	void changingOneByteChangesTheVersionAndThatFilesHash() throws Exception {
		Path dir = copy("minimal");
		RuleSet before = loader.load(dir);
		Path csv = dir.resolve("hours/permitted-hours.csv");
		byte[] bytes = Files.readAllBytes(csv);
		String text = new String(bytes, StandardCharsets.UTF_8);
		Files.writeString(csv, text.replace("21:00", "20:59"), StandardCharsets.UTF_8);

		RuleSet after = loader.load(dir);

		assertThat(after.version()).isNotEqualTo(before.version());
		assertThat(hashOf(after, "hours/permitted-hours.csv"))
			.isNotEqualTo(hashOf(before, "hours/permitted-hours.csv"));
		assertThat(hashOf(after, "hours/permitted-hours.drl")).isEqualTo(hashOf(before, "hours/permitted-hours.drl"));
	}

	@Test
	void renamingAFileChangesTheVersion() throws Exception {
		Path dir = copy("minimal");
		String before = loader.load(dir).version();
		Files.move(dir.resolve("holds/legal-holds.drl"), dir.resolve("holds/holds.drl"));

		assertThat(loader.load(dir).version()).isNotEqualTo(before);
	}

	@Test
	void documentationAndHiddenFilesAreNotPartOfTheVersion() throws Exception {
		Path dir = copy("minimal");
		String before = loader.load(dir).version();
		Files.writeString(dir.resolve("README.md"), "# for officers");
		Files.writeString(dir.resolve("hours/.permitted-hours.drl.swp"), "editor junk");

		assertThat(loader.load(dir).version()).isEqualTo(before);
	}

	@Test
	void anEmptyDirectoryIsRefused() throws Exception {
		Path empty = Files.createDirectory(temp.resolve("empty"));

		RuleSetException e = refused(empty);

		assertThat(e.problems()).isNotEmpty();
	}

	@Test
	void aDirectoryWithOnlyParameterTablesIsRefused() throws Exception {
		Path dir = copy("minimal");
		Files.delete(dir.resolve("hours/permitted-hours.drl"));
		Files.delete(dir.resolve("holds/legal-holds.drl"));

		assertThat(refused(dir).problems()).isNotEmpty();
	}

	@Test
	void aMissingDirectoryIsRefused() {
		assertThat(refused(temp.resolve("no-such-dir")).problems()).isNotEmpty();
	}

	// ---------------------------------------------------------------------------------------------

	private RuleSetException refused(Path dir) {
		RuleSetException e = catchThrowableOfType(RuleSetException.class, () -> loader.load(dir));
		assertThat(e).as("loading %s must be refused", dir).isNotNull();
		return e;
	}

	private static String hashOf(RuleSet set, String path) {
		return set.files().stream().filter(f -> f.path().equals(path)).findFirst().orElseThrow().sha256();
	}

	static Path fixture(String name) throws URISyntaxException {
		return Path.of(RuleSetLoaderTests.class.getResource("/rulesets/" + name).toURI());
	}

	/** A private copy of a fixture, to change. */
	private Path copy(String name) throws IOException, URISyntaxException {
		Path from = fixture(name);
		Path to = temp.resolve(name);
		try (Stream<Path> files = Files.walk(from)) {
			for (Path p : files.toList()) {
				Path target = to.resolve(from.relativize(p).toString());
				if (Files.isDirectory(p)) {
					Files.createDirectories(target);
				}
				else {
					Files.copy(p, target);
				}
			}
		}
		return to;
	}

}
