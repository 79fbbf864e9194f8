package com.contactdecision.facts;

/**
 * Where a communication goes: a phone number (E.164) or an email address, with what the
 * caller knows of it.
 */
public record Destination(String phone, String email, LineType type, Boolean workplace, Boolean employerProvided) {

	public static final Destination NONE = new Destination(null, null, null, null, null);

	public String address() {
		return phone != null ? phone : email;
	}

}
