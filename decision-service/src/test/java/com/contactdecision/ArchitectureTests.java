package com.contactdecision;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

/**
 * The decision core is plain Java; Spring is the edge (shared/STYLE.md 2). Only {@code web},
 * {@code system} and {@code Application} may import {@code org.springframework}, so the scenario
 * runner and the benchmarks use exactly what the server uses, without a container.
 */
class ArchitectureTests {

	private static final Path SOURCES = Path.of("src/main/java/com/contactdecision");

	/** The plain-Java capabilities. */
	private static final Set<String> CORE = Set.of("facts", "decision", "rules", "history", "profiles", "audit",
			"scenarios", "zones", "validation");

	/** An import or a fully qualified use of a Spring type. */
	private static final Pattern SPRING = Pattern.compile("^\\s*import\\s+(static\\s+)?org\\.springframework\\.|[^\\w.]org\\.springframework\\.",
			Pattern.MULTILINE);

	@Test
	void theCoreImportsNothingFromSpring() throws IOException {
		List<String> offenders = new ArrayList<>();
		int scanned = 0;
		for (Path file : javaFiles()) {
			String pkg = SOURCES.relativize(file).getName(0).toString();
			if (!CORE.contains(pkg)) {
				continue;
			}
			scanned++;
			String source = stripComments(Files.readString(file, StandardCharsets.UTF_8));
			Matcher m = SPRING.matcher(source);
			if (m.find()) {
				int line = (int) source.substring(0, m.start()).chars().filter(c -> c == '\n').count() + 1;
				offenders.add(SOURCES.relativize(file) + ":" + line);
			}
		}

		assertThat(scanned).as("core source files found under %s", SOURCES.toAbsolutePath()).isGreaterThan(20);
		assertThat(offenders).as("core files that use org.springframework").isEmpty();
	}

	/** Reading the clock: only an injected {@code Clock} tells the time in the core and the rules. */
	private static final Pattern SYSTEM_TIME = Pattern.compile(
			"\\b(Instant|LocalDate|LocalDateTime|LocalTime|ZonedDateTime|OffsetDateTime|Year|YearMonth|MonthDay)\\.now\\s*\\("
					+ "|System\\.currentTimeMillis\\s*\\(|new\\s+(java\\.util\\.)?Date\\s*\\(\\s*\\)|Clock\\.system(UTC|DefaultZone)?\\s*\\(");

	/** Where the service's one clock is made: the Spring wiring and the officers' command. */
	private static final Set<String> CLOCK_ROOTS = Set.of("system/CoreConfiguration.java",
			"scenarios/ScenarioCommand.java");

	@Test
	void nothingInTheCoreOrTheRulesReadsTheSystemClock() throws IOException {
		List<String> offenders = new ArrayList<>();
		int scanned = 0;
		for (Path file : javaFiles()) {
			String rel = SOURCES.relativize(file).toString().replace('\\', '/');
			if (!CORE.contains(rel.split("/")[0]) || CLOCK_ROOTS.contains(rel)) {
				continue;
			}
			scanned++;
			offenders.addAll(systemTimeUses(rel, Files.readString(file, StandardCharsets.UTF_8)));
		}
		Path rules = Path.of("../rules");
		try (Stream<Path> s = Files.walk(rules)) {
			for (Path drl : s.filter(p -> p.toString().endsWith(".drl")).toList()) {
				scanned++;
				offenders.addAll(systemTimeUses("rules/" + rules.relativize(drl), Files.readString(drl, StandardCharsets.UTF_8)));
			}
		}

		assertThat(scanned).as("core and rule files scanned").isGreaterThan(40);
		assertThat(offenders).as("places that read the system clock instead of the injected Clock").isEmpty();
		assertThat(systemTimeUses("probe", "x = Instant.now(); y = Clock.systemUTC();")).hasSize(2);
	}

	private static List<String> systemTimeUses(String name, String text) {
		String source = stripComments(text);
		List<String> uses = new ArrayList<>();
		Matcher m = SYSTEM_TIME.matcher(source);
		while (m.find()) {
			int line = (int) source.substring(0, m.start()).chars().filter(c -> c == '\n').count() + 1;
			uses.add(name + ":" + line + ": " + m.group());
		}
		return uses;
	}

	@Test
	void everyCorePackageIsScanned() throws IOException {
		List<String> packages = javaFiles().stream()
			.filter(f -> f.getParent() != null && !f.getParent().equals(SOURCES))
			.map(f -> SOURCES.relativize(f).getName(0).toString())
			.distinct()
			.toList();

		assertThat(packages).as("packages under %s", SOURCES).containsAll(CORE);
	}

	@Test
	void theDetectorSeesASpringImport() {
		String source = "package com.contactdecision.facts;\n\nimport java.util.List;\nimport org.springframework.stereotype.Component;\n";
		String fullyQualified = "class X { @org.springframework.lang.Nullable String s; }";
		String commented = "// see org.springframework.util.Assert\n/* org.springframework.core */ class Y {}";

		assertThat(SPRING.matcher(stripComments(source)).find()).isTrue();
		assertThat(SPRING.matcher(stripComments(fullyQualified)).find()).isTrue();
		assertThat(SPRING.matcher(stripComments(commented)).find()).isFalse();
	}

	private static List<Path> javaFiles() throws IOException {
		assertThat(SOURCES).as("run from the decision-service module directory").isDirectory();
		try (Stream<Path> s = Files.walk(SOURCES)) {
			return s.filter(p -> p.toString().endsWith(".java")).sorted().toList();
		}
	}

	/** Comments may mention Spring (e.g. "unlike Spring's ..."); only code counts. Keeps line breaks. */
	private static String stripComments(String source) {
		StringBuilder out = new StringBuilder(source.length());
		int i = 0;
		while (i < source.length()) {
			if (source.startsWith("//", i)) {
				while (i < source.length() && source.charAt(i) != '\n') {
					i++;
				}
			}
			else if (source.startsWith("/*", i)) {
				int end = source.indexOf("*/", i + 2);
				end = end < 0 ? source.length() : end + 2;
				source.substring(i, end).chars().filter(c -> c == '\n').forEach(c -> out.append('\n'));
				i = end;
			}
			else if (source.charAt(i) == '"') {
				int end = i + 1;
				while (end < source.length() && source.charAt(end) != '"' && source.charAt(end) != '\n') {
					end += source.charAt(end) == '\\' ? 2 : 1;
				}
				out.append("\"\"");
				i = Math.min(end + 1, source.length());
			}
			else {
				out.append(source.charAt(i++));
			}
		}
		return out.toString();
	}

}
