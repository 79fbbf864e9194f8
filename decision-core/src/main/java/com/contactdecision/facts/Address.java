package com.contactdecision.facts;

/**
 * A place the consumer may be: country (ISO 3166 alpha-2), US state code, postal code.
 */
public record Address(String country, String state, String postalCode) {

	public String countryOrUs() {
		return country == null || country.isBlank() ? "US" : country.toUpperCase();
	}

}
