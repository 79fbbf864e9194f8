package com.contactdecision.history;

import java.time.Instant;
import java.util.List;

import com.contactdecision.facts.ContactRecord;

/**
 * The contact history port. Implementations are thread-safe; every method may throw
 * {@link StoreUnavailableException}.
 */
public interface ContactHistory {

	/**
	 * The consumer's records at or after {@code since}, with the version they were read
	 * at.
	 */
	HistorySnapshot load(String consumerId, Instant since);

	/**
	 * Appends a reserved attempt only if the consumer's history is still at
	 * {@code expectedVersion}: the decision was made on exactly the history it reserves
	 * against, so concurrent callers can never push a consumer past a cap. Returns false
	 * when another write came first; the caller decides again on the new history.
	 */
	boolean appendIfUnchanged(String consumerId, long expectedVersion, ContactRecord reservation);

	/**
	 * As {@link #appendIfUnchanged(String, long, ContactRecord)}, and in the same atomic
	 * write keeps the decision's audit record ({@code recordId}, {@code record} as JSON),
	 * so a reservation never exists without its record, nor a record without its
	 * reservation. Only a store that can do both at once implements it (Redis: the
	 * reserving script adds the record to the audit stream).
	 */
	default boolean appendIfUnchanged(String consumerId, long expectedVersion, ContactRecord reservation,
			String recordId, String record) {
		throw new UnsupportedOperationException(
				getClass().getSimpleName() + " cannot keep a record with a reservation");
	}

	/**
	 * Records an event, once per eventId. An event naming a decision that reserved an
	 * attempt (by its {@code decisionId}, or else by the {@code requestId} and
	 * {@code collectorId} of that decision) settles that attempt instead of adding one.
	 */
	EventResult record(ContactRecord event);

	/**
	 * Settles the reservation of a decision that was never answered as
	 * {@code NOT_PLACED}, so it no longer counts. Returns false when there is no such
	 * unsettled reservation.
	 */
	boolean release(String consumerId, String decisionId);

	/** The consumer's records in [from, to), oldest first; null bounds are open. */
	List<ContactRecord> list(String consumerId, Instant from, Instant to);

	/**
	 * Replaces phone numbers and emails in the consumer's records by pseudonyms
	 * (erasure).
	 */
	void pseudonymise(String consumerId, java.util.function.UnaryOperator<String> pseudonym);

}
