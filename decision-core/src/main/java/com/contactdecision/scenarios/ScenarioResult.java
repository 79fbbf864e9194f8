package com.contactdecision.scenarios;

import java.util.List;

/** How one scenario went: PASS, FAIL with the differences, or SKIP (status: todo). */
public record ScenarioResult(String name, Status status, List<String> differences) {

	public enum Status {

		PASS, FAIL, SKIP

	}

	public ScenarioResult {
		differences = List.copyOf(differences);
	}

	public boolean failed() {
		return status == Status.FAIL;
	}

	/**
	 * One line per scenario, then the differences indented, in the style of
	 * {@code opa test}.
	 */
	public String report() {
		StringBuilder sb = new StringBuilder(status + " " + name);
		differences.forEach(d -> sb.append("\n    ").append(d));
		return sb.toString();
	}

}
