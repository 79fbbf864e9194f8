package com.contactdecision.decision;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Supplier;

import com.contactdecision.facts.ReasonCode;

/**
 * The audit store port: one {@link DecisionRecord} per decision (CHECK, RESERVE and batch
 * items alike), kept for the retention period (CONTRACT section 8). Implementations are
 * thread-safe; every method may throw
 * {@link com.contactdecision.history.StoreUnavailableException}, and
 * {@link DecisionService} then fails closed: it never answers a decision whose record it
 * cannot keep.
 */
public interface DecisionRecords {

	/**
	 * Keeps the record durably before returning (a database commit, or an entry on a
	 * Redis stream).
	 */
	void keep(DecisionRecord record);

	/**
	 * True when the contact history writes a RESERVE's record in the same atomic
	 * operation as the reservation
	 * ({@link com.contactdecision.history.ContactHistory#appendIfUnchanged(String, long, com.contactdecision.facts.ContactRecord, String, String)});
	 * {@link #keep} is then not called for it.
	 */
	default boolean keptWithReservation() {
		return false;
	}

	Optional<DecisionRecord> find(String decisionId);

	/** One page, newest first. */
	Page query(Query query);

	/**
	 * Every record the query matches, newest first, at most {@code query.limit()} of them
	 * (0: no limit), streamed: for exports and replays of any size.
	 */
	void forEach(Query query, Consumer<DecisionRecord> each);

	/**
	 * As {@link #forEach}, each record handed over unread: a store that keeps records as
	 * JSON lets the consumer parse them on its own threads (a replay reads on one thread
	 * and evaluates on several).
	 */
	default void forEachUnread(Query query, Consumer<Supplier<DecisionRecord>> each) {
		forEach(query, r -> each.accept(() -> r));
	}

	/**
	 * A filter; null fields do not filter. {@code from} is inclusive, {@code to}
	 * exclusive, both on the decision's instant ({@code at}).
	 */
	record Query(String consumerId, String debtId, String collectorId, Outcome outcome, ReasonCode reason, Instant from,
			Instant to, int limit, String cursor) {

		public static Query between(Instant from, Instant to, int limit) {
			return new Query(null, null, null, null, null, from, to, limit, null);
		}

		public boolean matches(DecisionRecord r) {
			Decision d = r.decision();
			return (consumerId == null || consumerId.equals(d.consumerId()))
					&& (debtId == null || r.debtIds().contains(debtId))
					&& (collectorId == null || collectorId.equals(r.collectorId()))
					&& (outcome == null || outcome == d.outcome())
					&& (reason == null || d.reasons().stream().anyMatch(x -> x.code() == reason))
					&& (from == null || !d.at().isBefore(from)) && (to == null || d.at().isBefore(to));
		}

	}

	/**
	 * @param nextCursor null on the last page
	 */
	record Page(List<DecisionRecord> records, String nextCursor) {

		public Page {
			records = List.copyOf(records);
		}

	}

}
