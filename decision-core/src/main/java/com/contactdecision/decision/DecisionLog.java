package com.contactdecision.decision;

import java.util.Optional;
import java.util.function.Supplier;

import com.contactdecision.decision.Decision;
import com.contactdecision.profiles.PersonalRecords;

/**
 * Past decisions and request-id idempotency. Thread-safe; may throw
 * {@link com.contactdecision.history.StoreUnavailableException}. Reason messages name the number or
 * address a decision was about, so erasure rewrites the consumer's decisions with pseudonyms
 * ({@link PersonalRecords#pseudonymise}, {@link Decision#pseudonymised}).
 */
public interface DecisionLog extends PersonalRecords {

	void save(Decision decision);

	Optional<Decision> find(String decisionId);

	/**
	 * Runs {@code decide} once per request id: a retry, even a concurrent one, gets the decision the
	 * first call made and never counts twice. {@code decide} saves its decision before returning, so
	 * a retry that finds the request id can read the decision.
	 */
	Decision once(String requestId, Supplier<Decision> decide);

}
