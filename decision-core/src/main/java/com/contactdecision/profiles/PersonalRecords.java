package com.contactdecision.profiles;

import java.util.function.UnaryOperator;

/**
 * A store beyond the profiles and the history that keeps what was said about a consumer
 * (the decision log), and must replace every phone number and email address in it by a
 * pseudonym when the consumer is erased. Implementations are thread-safe and may throw
 * {@link com.contactdecision.history.StoreUnavailableException}.
 */
public interface PersonalRecords {

	/**
	 * Replaces phone numbers and emails in the consumer's records by
	 * {@code pseudonym(value)}.
	 */
	void pseudonymise(String consumerId, UnaryOperator<String> pseudonym);

}
