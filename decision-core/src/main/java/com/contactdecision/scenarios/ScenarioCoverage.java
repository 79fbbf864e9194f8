package com.contactdecision.scenarios;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * Our cheap {@code opa test --coverage}: every rule file must have a scenario folder mirroring it.
 * Stateless.
 */
public final class ScenarioCoverage {

	private ScenarioCoverage() {
	}

	/**
	 * Rule files without a scenario folder: every {@code rules/<area>/<name>.drl} (or table) must have
	 * {@code scenarios/<area>/<name>/} with at least one scenario.
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

}
