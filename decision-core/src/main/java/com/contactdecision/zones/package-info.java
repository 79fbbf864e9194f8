/**
 * Time zone resolution for contact-hour rules: this package owns the mapping from a consumer's phone number (via
 * libphonenumber's area-code data) or postal address (bundled US state / ZIP3 tables and per-country zone lists under
 * {@code /zones/}) to the set of IANA zones the consumer may be in. Answers are deliberately conservative — every zone
 * that cannot be ruled out is included, and an empty set means "unknown" — because a contact is only allowed when the
 * local time is acceptable in every one of them. It is plain domain code with no framework dependencies.
 */
package com.contactdecision.zones;
