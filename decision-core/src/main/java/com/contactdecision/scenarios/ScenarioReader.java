package com.contactdecision.scenarios;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.stream.Collectors;

import tools.jackson.core.JacksonException;
import tools.jackson.core.TokenStreamLocation;
import tools.jackson.databind.ObjectReader;
import tools.jackson.databind.exc.InvalidFormatException;

import com.contactdecision.json.Json;

/**
 * Reads scenario files. The expectations ({@code then}: outcome, reason codes,
 * obligations) are read as the real enums, so a misspelt code fails here, naming its file
 * and line, rather than as a puzzling failed comparison when the scenario runs.
 * Thread-safe.
 */
public final class ScenarioReader {

	private static final ObjectReader READER = Json.yaml().readerFor(Scenario.class);

	private ScenarioReader() {
	}

	/**
	 * Reads one scenario file; its name is its path under {@code dir} without extension.
	 * @throws InvalidScenarioException when it is not a scenario (with the file and line)
	 */
	public static Scenario read(Path dir, Path file) throws IOException {
		String rel = dir.relativize(file).toString().replace('\\', '/');
		Scenario s;
		try {
			// Straight from the YAML text, not through a tree, so that errors keep their
			// line.
			s = READER.readValue(file.toFile());
		}
		catch (InvalidFormatException e) {
			throw new InvalidScenarioException(rel, line(e.getLocation()), path(e) + ": '" + e.getValue()
					+ "' is not a valid " + e.getTargetType().getSimpleName() + valuesOf(e.getTargetType()), e);
		}
		catch (JacksonException e) {
			throw new InvalidScenarioException(rel, line(e.getLocation()), e.getOriginalMessage(), e);
		}
		if (s == null) {
			throw new InvalidScenarioException(rel, 0, "not a YAML mapping", null);
		}
		return s.named(ScenarioFiles.nameOf(dir, file));
	}

	private static int line(TokenStreamLocation location) {
		return location == null ? 0 : Math.max(0, location.getLineNr());
	}

	/** The field's path in the file, e.g. {@code then.reasons[1]}. */
	private static String path(JacksonException e) {
		return e.getPath()
			.stream()
			.map(r -> r.getPropertyName() != null ? "." + r.getPropertyName() : "[" + r.getIndex() + "]")
			.collect(Collectors.joining())
			.replaceFirst("^\\.", "");
	}

	private static String valuesOf(Class<?> type) {
		return type.isEnum() ? "; one of " + Arrays.toString(type.getEnumConstants()) : "";
	}

}
