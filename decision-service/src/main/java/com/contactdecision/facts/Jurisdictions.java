package com.contactdecision.facts;

/**
 * How the jurisdiction column of the rule tables is read: {@code US}, {@code US-XX} (a US state),
 * {@code UK}, {@code EU}, or {@code *} for everyone.
 */
public final class Jurisdictions {

	private Jurisdictions() {
	}

	public static boolean matches(String jurisdiction, Contact c) {
		if (jurisdiction == null || jurisdiction.isBlank() || jurisdiction.equals("*")) {
			return true;
		}
		if (jurisdiction.startsWith("US-")) {
			return c.jurisdiction() == Jurisdiction.US && c.inState(jurisdiction.substring(3));
		}
		return c.jurisdiction().name().equals(jurisdiction);
	}

}
