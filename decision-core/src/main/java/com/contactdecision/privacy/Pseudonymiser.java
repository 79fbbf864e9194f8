package com.contactdecision.privacy;

import java.util.List;

/**
 * Turns a phone number or an email address into a stable pseudonym: the same value always
 * gives the same pseudonym, and nobody without the secret can compute one (so hashing
 * every number of an area code reveals nothing). Used wherever a number or address is a
 * key or is kept after erasure. Implementations are thread-safe.
 */
public interface Pseudonymiser {

	/** Every pseudonym starts with this, so a stored value says whether it is one. */
	String PREFIX = "ps:";

	/**
	 * The pseudonym under the current secret; case and surrounding blanks do not matter.
	 */
	String pseudonym(String value);

	/**
	 * Every pseudonym the value may have been stored under: the current secret's first,
	 * then those of retired secrets still accepted during a rotation.
	 */
	default List<String> pseudonyms(String value) {
		return List.of(pseudonym(value));
	}

	static boolean isPseudonym(String value) {
		return value != null && value.startsWith(PREFIX);
	}

}
