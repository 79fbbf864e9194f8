package com.contactdecision.audit;

import java.util.Optional;
import java.util.function.Consumer;

import com.contactdecision.decision.DecisionRecord;
import com.contactdecision.decision.DecisionRecords;
import com.contactdecision.redis.RedisAuditStream;

/**
 * The audit store when Redis is the store of record: a record is kept on the Redis audit
 * stream before its decision is answered (a RESERVE's by the reserving script itself,
 * when the history can), and {@link AuditDrain} moves it to the database. Reads go to the
 * database, and a record not yet drained is found on the stream. Queries and replays see
 * what has been drained (the drain runs every few hundred milliseconds while it keeps
 * up). Thread-safe.
 */
public final class StreamedDecisionRecords implements DecisionRecords {

	private final RedisAuditStream stream;

	private final JdbcDecisionRecords database;

	private final boolean withReservations;

	/**
	 * @param withReservations the contact history writes a RESERVE's record with its
	 * reservation
	 */
	public StreamedDecisionRecords(RedisAuditStream stream, JdbcDecisionRecords database, boolean withReservations) {
		this.stream = stream;
		this.database = database;
		this.withReservations = withReservations;
	}

	@Override
	public void keep(DecisionRecord record) {
		stream.add(record.decisionId(), record.toJson());
	}

	@Override
	public boolean keptWithReservation() {
		return withReservations;
	}

	/**
	 * The stream first, then the database: the drain commits before it deletes from the
	 * stream, so a record moving meanwhile is found in one or the other. While the
	 * database is down, a record still on the stream is found all the same.
	 */
	@Override
	public Optional<DecisionRecord> find(String decisionId) {
		Optional<String> waiting = stream.find(decisionId);
		if (waiting.isPresent()) {
			return waiting.map(DecisionRecord::fromJson);
		}
		return database.find(decisionId);
	}

	@Override
	public Page query(Query query) {
		return database.query(query);
	}

	@Override
	public void forEach(Query query, Consumer<DecisionRecord> each) {
		database.forEach(query, each);
	}

	@Override
	public void forEachUnread(Query query, Consumer<java.util.function.Supplier<DecisionRecord>> each) {
		database.forEachUnread(query, each);
	}

}
