package com.contactdecision.facts;

import java.util.Collection;
import java.util.Set;
import java.util.TreeSet;

/**
 * US cities (or other areas below a state) whose own contact rules the tables can name as
 * {@code US-<locality>}, detected from the postal codes of the consumer's addresses.
 * <p>
 * {@code NYC}, New York City (6 RCNY 5-77): a US address whose ZIP code starts with
 * 100-104 (Manhattan, Staten Island, the Bronx), 111-114 or 116 (Queens, Brooklyn). The
 * few New York City ZIP codes outside these prefixes (e.g. 11004/11005, Glen Oaks and
 * Floral Park, Queens) are not detected, nor are addresses given without a postal code.
 */
public final class Localities {

	public static final String NYC = "NYC";

	private static final Set<String> NYC_ZIP3 = Set.of("100", "101", "102", "103", "104", "111", "112", "113", "114",
			"116");

	private Localities() {
	}

	/**
	 * The localities of one address: empty for an address outside every known locality.
	 */
	public static Set<String> of(Address a) {
		Set<String> result = new TreeSet<>();
		if (a == null || !a.countryOrUs().equals("US") || a.postalCode() == null) {
			return result;
		}
		String zip = a.postalCode().strip();
		if (zip.length() >= 5 && zip.substring(0, 5).chars().allMatch(Character::isDigit)
				&& NYC_ZIP3.contains(zip.substring(0, 3))
				&& (a.state() == null || a.state().isBlank() || a.state().equalsIgnoreCase("NY"))) {
			result.add(NYC);
		}
		return result;
	}

	/** The localities of every address. */
	public static Set<String> of(Collection<Address> addresses) {
		Set<String> result = new TreeSet<>();
		addresses.forEach(a -> result.addAll(of(a)));
		return result;
	}

}
