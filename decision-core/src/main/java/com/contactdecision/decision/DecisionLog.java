package com.contactdecision.decision;

import java.util.Optional;
import java.util.function.Supplier;

import com.contactdecision.decision.Decision;
import com.contactdecision.profiles.PersonalRecords;

/**
 * Past decisions and request-id idempotency. Thread-safe; may throw
 * {@link com.contactdecision.history.StoreUnavailableException}. Reason messages name the
 * number or address a decision was about, so erasure rewrites the consumer's decisions
 * with pseudonyms ({@link PersonalRecords#pseudonymise}, {@link Decision#pseudonymised}).
 */
public interface DecisionLog extends PersonalRecords {

	void save(Decision decision);

	Optional<Decision> find(String decisionId);

	/**
	 * Runs {@code decide} once per request id within a scope (the collector): a retry
	 * with the same fingerprint, even a concurrent one, gets the decision the first call
	 * made and never counts twice; a call with the same request id and another
	 * fingerprint decides nothing and throws {@link RequestConflictException}. The
	 * request id is stored with its fingerprint and the answer itself, so a retry needs
	 * nothing but that one entry. If {@code decide} throws, the request id is released
	 * and the next call decides afresh.
	 * @param scope the collector the request is decided for: request ids are unique per
	 * collector
	 * @param fingerprint {@link RequestFingerprint} of the request
	 */
	Decision once(String scope, String requestId, String fingerprint, Supplier<Decision> decide);

}
