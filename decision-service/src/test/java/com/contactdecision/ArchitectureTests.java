package com.contactdecision;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * The shape of the house (shared/STYLE.md): a plain-Java core that adapters depend on and
 * never the other way, no package cycles, controllers package-private, and time only from
 * an injected {@code Clock}. The core module has no Spring on its classpath; these rules
 * also catch a core package that appears in the service module, and a cycle that the
 * compiler allows.
 */
class ArchitectureTests {

	/** The plain-Java core (module decision-core). */
	static final String[] CORE = { "com.contactdecision.facts..", "com.contactdecision.rules..",
			"com.contactdecision.decision..", "com.contactdecision.zones..", "com.contactdecision.scenarios..",
			"com.contactdecision.history..", "com.contactdecision.profiles..", "com.contactdecision.validation..",
			"com.contactdecision.privacy..", "com.contactdecision.json..", "com.contactdecision.csv..",
			"com.contactdecision.replay..", "com.contactdecision.explain.." };

	/** The Spring Boot adapters (module decision-service). */
	static final String[] ADAPTERS = { "com.contactdecision.web..", "com.contactdecision.redis..",
			"com.contactdecision.system..", "com.contactdecision.security..", "com.contactdecision.audit..",
			"com.contactdecision.console.." };

	static JavaClasses classes;

	@BeforeAll
	static void importClasses() {
		// The core's tests arrive as a test-jar (decision-core-*-tests.jar), which the
		// predefined
		// option does not recognise; tests may cross packages and read the clock.
		ImportOption noTestJar = location -> !location.contains("-tests.jar");
		classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
			.withImportOption(noTestJar)
			.importPackages("com.contactdecision");
	}

	@Test
	void everyPackageIsFreeOfCycles() {
		slices().matching("com.contactdecision.(*)..").should().beFreeOfCycles().check(classes);
	}

	@Test
	void theCoreUsesNoSpring() {
		noClasses().that()
			.resideInAnyPackage(CORE)
			.should()
			.dependOnClassesThat()
			.resideInAnyPackage("org.springframework..", "jakarta.servlet..", "redis.clients..")
			.check(classes);
	}

	@Test
	void theCoreNeverDependsOnAnAdapter() {
		noClasses().that()
			.resideInAnyPackage(CORE)
			.should()
			.dependOnClassesThat()
			.resideInAnyPackage(ADAPTERS)
			.check(classes);
	}

	@Test
	void controllersArePackagePrivate() {
		classes().that()
			.areAnnotatedWith(RestController.class)
			.or()
			.areAnnotatedWith(RestControllerAdvice.class)
			.should()
			.notBePublic()
			.check(classes);
	}

	/**
	 * Only composition roots make a clock: the Spring wiring and the officers' command.
	 */
	@Test
	void nothingInTheCoreReadsTheSystemClock() {
		ArchRule rule = noClasses().that()
			.resideInAnyPackage(CORE)
			.and()
			.doNotHaveFullyQualifiedName("com.contactdecision.scenarios.ScenarioCommand")
			.should()
			.callMethod(Instant.class, "now")
			.orShould()
			.callMethod(LocalDate.class, "now")
			.orShould()
			.callMethod(LocalDateTime.class, "now")
			.orShould()
			.callMethod(LocalTime.class, "now")
			.orShould()
			.callMethod(ZonedDateTime.class, "now")
			.orShould()
			.callMethod(OffsetDateTime.class, "now")
			.orShould()
			.callMethod(System.class, "currentTimeMillis")
			.orShould()
			.callMethod(Clock.class, "systemUTC")
			.orShould()
			.callMethod(Clock.class, "systemDefaultZone");
		rule.check(classes);
	}

	/** The classes were found: an empty import would pass every rule above. */
	@Test
	void theImportSeesTheCoreAndTheAdapters() {
		assertThat(classes.stream().map(c -> c.getPackageName()).distinct()).contains("com.contactdecision.facts",
				"com.contactdecision.rules", "com.contactdecision.decision", "com.contactdecision.web",
				"com.contactdecision.redis", "com.contactdecision.system", "com.contactdecision.replay",
				"com.contactdecision.audit");
	}

	/** Reading the clock in a rule file: DRL is text, so it is read as text. */
	private static final Pattern SYSTEM_TIME = Pattern.compile(
			"\\b(Instant|LocalDate|LocalDateTime|LocalTime|ZonedDateTime|OffsetDateTime|Year|YearMonth|MonthDay)\\.now\\s*\\("
					+ "|System\\.currentTimeMillis\\s*\\(|new\\s+(java\\.util\\.)?Date\\s*\\(\\s*\\)|Clock\\.system(UTC|DefaultZone)?\\s*\\(");

	@Test
	void noRuleFileReadsTheSystemClock() throws IOException {
		Path rules = Path.of("../rules");
		List<String> offenders = new ArrayList<>();
		int scanned = 0;
		try (Stream<Path> s = Files.walk(rules)) {
			for (Path drl : s.filter(p -> p.toString().endsWith(".drl")).toList()) {
				scanned++;
				offenders.addAll(systemTimeUses("rules/" + rules.relativize(drl),
						Files.readString(drl, StandardCharsets.UTF_8)));
			}
		}

		assertThat(scanned).as("rule files scanned").isGreaterThan(20);
		assertThat(offenders).as("rule files that read the system clock instead of the decision's instant").isEmpty();
		assertThat(systemTimeUses("probe", "x = Instant.now(); y = Clock.systemUTC();")).hasSize(2);
	}

	private static List<String> systemTimeUses(String name, String source) {
		List<String> uses = new ArrayList<>();
		Matcher m = SYSTEM_TIME.matcher(source);
		while (m.find()) {
			int line = (int) source.substring(0, m.start()).chars().filter(c -> c == '\n').count() + 1;
			uses.add(name + ":" + line + ": " + m.group());
		}
		return uses;
	}

}
