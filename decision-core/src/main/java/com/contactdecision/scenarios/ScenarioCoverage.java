package com.contactdecision.scenarios;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.stream.Stream;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.ObjectMapper;

import com.contactdecision.json.Json;
import com.contactdecision.rules.ParameterRow;
import com.contactdecision.rules.RuleSet;

/**
 * Our cheap {@code opa test --coverage}: every rule file must have a scenario folder
 * mirroring it, and every dated table row scenarios on both sides of its date. Stateless.
 */
public final class ScenarioCoverage {

	private static final Logger log = LoggerFactory.getLogger(ScenarioCoverage.class);

	private static final ObjectMapper JSON = Json.mapper();

	private ScenarioCoverage() {
	}

	/**
	 * Rule files without a scenario folder: every {@code rules/<area>/<name>.drl} (or
	 * table) must have {@code scenarios/<area>/<name>/} with at least one scenario.
	 */
	public static List<String> uncovered(Path rulesDir, Path scenariosDir) {
		List<String> missing = new ArrayList<>();
		try (Stream<Path> s = Files.walk(rulesDir)) {
			for (Path p : s.filter(Files::isRegularFile).sorted().toList()) {
				String rel = rulesDir.relativize(p).toString().replace('\\', '/');
				if (!rel.endsWith(".drl") && !rel.endsWith(".drl.csv") && !rel.endsWith(".drl.xlsx")) {
					continue;
				}
				String folder = rel.replaceFirst("\\.drl(\\.csv|\\.xlsx)?$", "");
				if (ScenarioFiles.discover(scenariosDir.resolve(folder)).isEmpty()) {
					missing.add(rel + " has no scenario in " + folder + "/");
				}
			}
		}
		catch (IOException e) {
			throw new UncheckedIOException("cannot list rules in " + rulesDir, e);
		}
		return missing;
	}

	/**
	 * Changes of law without a scenario on each side: for every row of a table that comes
	 * into force or ends at an instant, the table's scenario folder
	 * ({@code frequency/frequency-caps.csv} → {@code frequency/frequency-caps/}) must
	 * decide at least once before that instant and once at or after it ({@code when.at}
	 * or an {@code alsoAt} instant).
	 */
	public static List<String> unpinned(RuleSet ruleSet, Path scenariosDir) {
		List<String> missing = new ArrayList<>();
		for (ParameterRow row : ruleSet.rows()) {
			for (Instant boundary : Stream.of(row.effectiveFrom(), row.effectiveUntil())
				.filter(Objects::nonNull)
				.toList()) {
				String folder = row.file().replaceFirst("\\.csv$", "");
				List<Instant> instants = instants(scenariosDir, scenariosDir.resolve(folder));
				boolean before = instants.stream().anyMatch(t -> t.isBefore(boundary));
				boolean after = instants.stream().anyMatch(t -> !t.isBefore(boundary));
				if (!before || !after) {
					missing.add(row.file() + ":" + row.line() + " (" + row.id() + ") changes at " + boundary
							+ " but no scenario in " + folder + "/ decides "
							+ (before ? "at or after" : after ? "before" : "on either side of") + " it");
				}
			}
		}
		return missing;
	}

	/**
	 * Every instant the scenarios under a folder decide at; a file that cannot be read
	 * adds none.
	 */
	private static List<Instant> instants(Path scenariosDir, Path folder) {
		List<Instant> instants = new ArrayList<>();
		for (Path file : ScenarioFiles.discover(folder)) {
			try {
				Scenario s = ScenarioReader.read(scenariosDir, file);
				if (s.when() != null && s.when().hasNonNull("at")) {
					instants.add(JSON.treeToValue(s.when().get("at"), Instant.class));
				}
				for (Scenario.AlsoAt also : s.alsoAt()) {
					if (also.at() != null) {
						instants.add(JSON.treeToValue(also.at(), Instant.class));
					}
				}
			}
			catch (IOException | RuntimeException e) {
				// Not reported twice: the scenario run fails this file with the reason;
				// it pins nothing here.
				log.debug("scenario {} pins no instant: {}", file, e.toString());
			}
		}
		return instants;
	}

}
