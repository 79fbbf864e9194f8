package com.contactdecision.rules;

/**
 * Why a rule file was refused: its path in the rule directory, the line (0 if unknown)
 * and the message.
 */
public record RuleProblem(String file, int line, String message) {

	@Override
	public String toString() {
		return file + (line > 0 ? ":" + line : "") + ": " + message;
	}

}
