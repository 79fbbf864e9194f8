package com.contactdecision.audit;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Supplier;
import java.util.stream.Collectors;

import com.contactdecision.decision.Decision;
import com.contactdecision.decision.DecisionRecord;
import com.contactdecision.decision.DecisionRecords;
import com.contactdecision.decision.RecordCursor;
import com.contactdecision.history.StoreUnavailableException;

/**
 * The audit records in a SQL database ({@link AuditDatabase}). A write is one
 * transaction; writing a record that is already there changes nothing
 * ({@code ON CONFLICT DO NOTHING} on the decision's instant and id), so a batch delivered
 * twice (a drain that crashed between the commit and the acknowledgement) is kept once.
 * Instants are kept to the microsecond (PostgreSQL's precision), on both engines.
 * Database failures throw {@link StoreUnavailableException}. Thread-safe.
 */
public final class JdbcDecisionRecords implements DecisionRecords {

	private static final String INSERT = "INSERT INTO decision_record (decision_id, decided_at, recorded_at, "
			+ "collector_id, consumer_id, debt_ids, channel, mode, outcome, reason_codes, rule_set_version, "
			+ "latency_micros, record) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING";

	private static final String INSERT_DEBT = "INSERT INTO decision_debt (debt_id, decided_at, decision_id) "
			+ "VALUES (?, ?, ?) ON CONFLICT DO NOTHING";

	/** Rows fetched per round trip when streaming an export or a replay. */
	private static final int FETCH = 500;

	private final AuditDatabase db;

	private final Clock clock;

	public JdbcDecisionRecords(AuditDatabase db, Clock clock) {
		this.db = db;
		this.clock = clock;
	}

	@Override
	public void keep(DecisionRecord record) {
		keepAll(List.of(record));
	}

	/** Keeps every record in one transaction: all or none. */
	public void keepAll(Collection<DecisionRecord> records) {
		if (records.isEmpty()) {
			return;
		}
		try {
			for (DecisionRecord r : records) {
				db.ensureMonth(instant(r));
			}
			try (Connection c = db.connection()) {
				c.setAutoCommit(false);
				try (PreparedStatement ps = c.prepareStatement(INSERT);
						PreparedStatement debts = c.prepareStatement(INSERT_DEBT)) {
					OffsetDateTime now = clock.instant().truncatedTo(ChronoUnit.MICROS).atOffset(ZoneOffset.UTC);
					for (DecisionRecord r : records) {
						Decision d = r.decision();
						OffsetDateTime at = instant(r).atOffset(ZoneOffset.UTC);
						ps.setString(1, d.decisionId());
						ps.setObject(2, at);
						ps.setObject(3, now);
						ps.setString(4, r.collectorId());
						ps.setString(5, d.consumerId());
						ps.setString(6, delimited(r.debtIds()));
						ps.setString(7, r.channel() == null ? null : r.channel().name());
						ps.setString(8, d.mode().name());
						ps.setString(9, d.outcome().name());
						ps.setString(10, delimited(d.reasons().stream().map(x -> x.code().name()).toList()));
						ps.setString(11, d.ruleSetVersion());
						ps.setLong(12, r.latencyMicros());
						ps.setString(13, r.toJson());
						ps.addBatch();
						for (String debt : r.debtIds().stream().distinct().toList()) {
							debts.setString(1, debt);
							debts.setObject(2, at);
							debts.setString(3, d.decisionId());
							debts.addBatch();
						}
					}
					ps.executeBatch();
					debts.executeBatch();
					c.commit();
				}
				catch (SQLException | RuntimeException e) {
					rollback(c, e);
					throw e;
				}
			}
		}
		catch (SQLException | AssertionError e) {
			throw unavailable("write", e);
		}
	}

	@Override
	public Optional<DecisionRecord> find(String decisionId) {
		try (Connection c = db.connection();
				PreparedStatement ps = c.prepareStatement("SELECT record FROM decision_record WHERE decision_id = ?")) {
			ps.setString(1, decisionId);
			try (ResultSet rs = ps.executeQuery()) {
				return rs.next() ? Optional.of(DecisionRecord.fromJson(rs.getString(1))) : Optional.empty();
			}
		}
		catch (SQLException | AssertionError e) {
			throw unavailable("find", e);
		}
	}

	@Override
	public Page query(Query query) {
		int limit = query.limit() > 0 ? query.limit() : 100;
		List<DecisionRecord> page = new ArrayList<>(limit);
		select(query, limit + 1, json -> page.add(DecisionRecord.fromJson(json)));
		if (page.size() <= limit) {
			return new Page(page, null);
		}
		DecisionRecord last = page.get(limit - 1);
		return new Page(page.subList(0, limit), new RecordCursor(instant(last), last.decisionId()).encode());
	}

	@Override
	public void forEach(Query query, Consumer<DecisionRecord> each) {
		select(query, query.limit(), json -> each.accept(DecisionRecord.fromJson(json)));
	}

	/**
	 * The JSON is parsed by whoever calls the supplier: a replay parses on its evaluating
	 * threads.
	 */
	@Override
	public void forEachUnread(Query query, Consumer<Supplier<DecisionRecord>> each) {
		select(query, query.limit(), json -> each.accept(() -> DecisionRecord.fromJson(json)));
	}

	/** Rows in a month's partitions, for tests and operators. */
	public long count() {
		try (Connection c = db.connection();
				PreparedStatement ps = c.prepareStatement("SELECT COUNT(*) FROM decision_record");
				ResultSet rs = ps.executeQuery()) {
			rs.next();
			return rs.getLong(1);
		}
		catch (SQLException | AssertionError e) {
			throw unavailable("count", e);
		}
	}

	private void select(Query q, int limit, Consumer<String> each) {
		StringBuilder sql = new StringBuilder("SELECT r.record FROM decision_record r WHERE 1 = 1");
		List<Object> args = new ArrayList<>();
		if (q.consumerId() != null) {
			sql.append(" AND r.consumer_id = ?");
			args.add(q.consumerId());
		}
		if (q.collectorId() != null) {
			sql.append(" AND r.collector_id = ?");
			args.add(q.collectorId());
		}
		if (q.outcome() != null) {
			sql.append(" AND r.outcome = ?");
			args.add(q.outcome().name());
		}
		if (q.reason() != null) {
			sql.append(" AND r.reason_codes LIKE ?");
			args.add("%," + q.reason().name() + ",%");
		}
		if (q.from() != null) {
			sql.append(" AND r.decided_at >= ?");
			args.add(micros(q.from()).atOffset(ZoneOffset.UTC));
		}
		if (q.to() != null) {
			sql.append(" AND r.decided_at < ?");
			args.add(micros(q.to()).atOffset(ZoneOffset.UTC));
		}
		if (q.debtId() != null) {
			sql.append(" AND EXISTS (SELECT 1 FROM decision_debt d WHERE d.debt_id = ?"
					+ " AND d.decided_at = r.decided_at AND d.decision_id = r.decision_id)");
			args.add(q.debtId());
		}
		if (q.cursor() != null) {
			RecordCursor after = RecordCursor.decode(q.cursor());
			OffsetDateTime at = micros(after.at()).atOffset(ZoneOffset.UTC);
			sql.append(" AND (r.decided_at < ? OR (r.decided_at = ? AND r.decision_id < ?))");
			args.add(at);
			args.add(at);
			args.add(after.decisionId());
		}
		sql.append(" ORDER BY r.decided_at DESC, r.decision_id DESC");
		if (limit > 0) {
			sql.append(" LIMIT ").append(limit);
		}
		try (Connection c = db.connection()) {
			// PostgreSQL streams with a cursor only inside a transaction; otherwise it
			// reads every row first.
			c.setAutoCommit(false);
			try (PreparedStatement ps = c.prepareStatement(sql.toString())) {
				ps.setFetchSize(FETCH);
				for (int i = 0; i < args.size(); i++) {
					ps.setObject(i + 1, args.get(i));
				}
				try (ResultSet rs = ps.executeQuery()) {
					while (rs.next()) {
						each.accept(rs.getString(1));
					}
				}
			}
			finally {
				c.rollback();
			}
		}
		catch (SQLException | AssertionError e) {
			throw unavailable("query", e);
		}
	}

	/**
	 * Rolls back what may already be a dead connection (the usual reason we are here): a
	 * failure to roll back is added to the failure that brought us here, never thrown in
	 * its place. pgjdbc raises an AssertionError (under -ea) when its socket is already
	 * gone.
	 */
	private static void rollback(Connection c, Exception cause) {
		try {
			c.rollback();
		}
		catch (SQLException | RuntimeException | AssertionError e) {
			cause.addSuppressed(e);
		}
	}

	/** The decision's instant as kept: to the microsecond. */
	static Instant instant(DecisionRecord r) {
		return micros(r.decision().at());
	}

	private static Instant micros(Instant at) {
		return at.truncatedTo(ChronoUnit.MICROS);
	}

	private static String delimited(List<String> values) {
		return values.isEmpty() ? "," : values.stream().collect(Collectors.joining(",", ",", ","));
	}

	/**
	 * pgjdbc checks its own state with {@code assert}: under -ea, closing a statement
	 * whose socket is already gone raises an AssertionError, which is the same outage as
	 * the SQLException.
	 */
	private static StoreUnavailableException unavailable(String what, Throwable e) {
		return new StoreUnavailableException("audit database " + what + " failed: " + e.getMessage(), e);
	}

}
