package com.contactdecision.scenarios;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * Finds scenario files: every {@code *.yaml} or {@code *.yml} under a directory.
 * Stateless.
 */
public final class ScenarioFiles {

	private ScenarioFiles() {
	}

	/**
	 * Every scenario file under the directory, in a stable order; none when it does not
	 * exist.
	 */
	public static List<Path> discover(Path dir) {
		if (!Files.isDirectory(dir)) {
			return List.of();
		}
		try (Stream<Path> s = Files.walk(dir)) {
			return s.filter(Files::isRegularFile)
				.filter(p -> p.toString().endsWith(".yaml") || p.toString().endsWith(".yml"))
				.sorted()
				.toList();
		}
		catch (IOException e) {
			throw new UncheckedIOException("cannot list scenarios in " + dir, e);
		}
	}

	/** A scenario's name: its path under {@code dir}, without extension. */
	public static String nameOf(Path dir, Path file) {
		return dir.relativize(file).toString().replace('\\', '/').replaceFirst("\\.ya?ml$", "");
	}

}
