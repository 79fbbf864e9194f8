package com.contactdecision.facts;

/**
 * How the jurisdiction column of the rule tables is read: {@code US}, {@code US-XX} (a US
 * state: a consumer with an address in it), {@code US-<locality>} (a city with its own
 * rules, e.g. {@code US-NYC}: a consumer with an address in it, see {@link Localities}),
 * {@code UK}, {@code EU}, or {@code *} for everyone. A list of them separated by
 * {@code |} matches when any does.
 */
public final class Jurisdictions {

	private Jurisdictions() {
	}

	public static boolean matches(String jurisdiction, Contact c) {
		if (jurisdiction == null || jurisdiction.isBlank() || jurisdiction.equals("*")) {
			return true;
		}
		if (jurisdiction.indexOf('|') >= 0) {
			for (String one : jurisdiction.split("\\|")) {
				if (!one.isBlank() && matches(one.strip(), c)) {
					return true;
				}
			}
			return false;
		}
		if (jurisdiction.startsWith("US-")) {
			String area = jurisdiction.substring(3);
			return c.jurisdiction() == Jurisdiction.US && (c.inState(area) || c.inLocality(area));
		}
		return c.jurisdiction().name().equals(jurisdiction);
	}

	/**
	 * The US state code of a {@code US-XX} jurisdiction ({@code CA} for {@code US-CA}),
	 * or null.
	 */
	public static String usState(String jurisdiction) {
		return jurisdiction != null && jurisdiction.matches("US-[A-Z]{2}") ? jurisdiction.substring(3) : null;
	}

}
