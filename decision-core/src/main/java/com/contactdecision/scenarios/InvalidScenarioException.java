package com.contactdecision.scenarios;

import java.io.IOException;

/**
 * A scenario file that cannot be read as a scenario, e.g. a misspelt reason code. The
 * message starts with the file and line ({@code hours/x.yaml:12: ...}) like a compiler's.
 */
public final class InvalidScenarioException extends IOException {

	private static final long serialVersionUID = 1L;

	private final String file;

	private final int line;

	public InvalidScenarioException(String file, int line, String problem, Throwable cause) {
		super(file + (line > 0 ? ":" + line : "") + ": " + problem, cause);
		this.file = file;
		this.line = line;
	}

	/** The file, relative to the scenario directory. */
	public String file() {
		return file;
	}

	/** The line of the problem, 1-based, or 0 when unknown. */
	public int line() {
		return line;
	}

}
