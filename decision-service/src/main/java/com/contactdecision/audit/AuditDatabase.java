package com.contactdecision.audit;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.sql.DataSource;

import org.flywaydb.core.Flyway;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;

/**
 * The audit database: a connection pool, the Flyway migrations
 * ({@code db/audit/postgresql} or {@code db/audit/h2}), PostgreSQL's monthly partitions
 * and the retention purge. Thread-safe.
 *
 * <p>
 * Partitions are named {@code decision_record_pYYYYMM} and {@code decision_debt_pYYYYMM}
 * and hold [first instant of the month UTC, first of the next). The purge drops only
 * partitions so named whose whole month is past the retention; on H2 it deletes the rows
 * instead.
 */
public final class AuditDatabase implements AutoCloseable {

	private static final Logger log = LoggerFactory.getLogger(AuditDatabase.class);

	private static final Pattern PARTITION = Pattern.compile("decision_record_p(\\d{4})(\\d{2})");

	private static final List<String> TABLES = List.of("decision_record", "decision_debt");

	private final HikariDataSource dataSource;

	private final boolean postgres;

	private final Set<YearMonth> months = ConcurrentHashMap.newKeySet();

	/**
	 * Connects and migrates.
	 * @param jdbcUrl {@code jdbc:postgresql://...} or {@code jdbc:h2:...}
	 * @param connectionTimeoutMillis how long a caller waits for a connection before the
	 * store counts as unavailable
	 */
	public AuditDatabase(String jdbcUrl, String username, String password, int poolSize, long connectionTimeoutMillis) {
		HikariConfig config = new HikariConfig();
		config.setJdbcUrl(jdbcUrl);
		config.setUsername(username);
		config.setPassword(password);
		config.setMaximumPoolSize(poolSize);
		config.setPoolName("audit");
		config.setConnectionTimeout(Math.max(250, connectionTimeoutMillis));
		// Start even when the database is down: decisions wait in the Redis stream
		// meanwhile.
		config.setInitializationFailTimeout(-1);
		this.dataSource = new HikariDataSource(config);
		this.postgres = jdbcUrl.startsWith("jdbc:postgresql:");
		try {
			// Migrated on a connection of its own: the pool's short timeout is for
			// decisions, not for
			// creating an embedded file or waiting for a database that is still starting.
			Flyway.configure()
				.dataSource(jdbcUrl, username, password)
				.connectRetries(10)
				.locations("classpath:db/audit/" + (postgres ? "postgresql" : "h2"))
				.table("audit_schema_history")
				.load()
				.migrate();
		}
		catch (RuntimeException e) {
			dataSource.close();
			throw e;
		}
	}

	/**
	 * The embedded default: H2 in PostgreSQL mode in {@code <dataDir>/audit.mv.db}, the
	 * same SQL as production; AUTO_SERVER lets the {@code simulate} command read the file
	 * while the service runs.
	 */
	public static String embeddedUrl(String dataDir) {
		String file = java.nio.file.Path.of(dataDir).toAbsolutePath().normalize().resolve("audit").toString();
		return "jdbc:h2:file:" + file
				+ ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;AUTO_SERVER=TRUE";
	}

	public DataSource dataSource() {
		return dataSource;
	}

	public boolean postgres() {
		return postgres;
	}

	Connection connection() throws SQLException {
		return dataSource.getConnection();
	}

	/** Creates the month's partitions unless they exist (PostgreSQL; nothing on H2). */
	void ensureMonth(Instant at) throws SQLException {
		YearMonth month = YearMonth.from(at.atOffset(ZoneOffset.UTC));
		if (!postgres || months.contains(month)) {
			return;
		}
		OffsetDateTime from = month.atDay(1).atStartOfDay().atOffset(ZoneOffset.UTC);
		OffsetDateTime to = month.plusMonths(1).atDay(1).atStartOfDay().atOffset(ZoneOffset.UTC);
		try (Connection c = connection(); Statement s = c.createStatement()) {
			c.setAutoCommit(true);
			for (String table : TABLES) {
				String sql = "CREATE TABLE IF NOT EXISTS " + table + "_p" + suffix(month) + " PARTITION OF " + table
						+ " FOR VALUES FROM ('" + from + "') TO ('" + to + "')";
				try {
					s.execute(sql);
				}
				catch (SQLException e) {
					// Another instance created it between IF NOT EXISTS and the catalogue
					// insert.
					if (!"42P07".equals(e.getSQLState()) && !"23505".equals(e.getSQLState())) {
						throw e;
					}
				}
			}
		}
		months.add(month);
	}

	private static String suffix(YearMonth month) {
		return String.format("%04d%02d", month.getYear(), month.getMonthValue());
	}

	/**
	 * Removes every record decided before {@code cutoff}: on PostgreSQL whole months (a
	 * month goes once all of it is past the cutoff, so a record lives at most a month
	 * beyond the retention), on H2 row by row. Returns the number of partitions dropped
	 * or rows deleted.
	 */
	public long purge(Instant cutoff) throws SQLException {
		try (Connection c = connection()) {
			c.setAutoCommit(true);
			if (!postgres) {
				long n = 0;
				for (String table : List.of("decision_debt", "decision_record")) {
					try (PreparedStatement ps = c.prepareStatement("DELETE FROM " + table + " WHERE decided_at < ?")) {
						ps.setObject(1, cutoff.atOffset(ZoneOffset.UTC));
						n += ps.executeUpdate();
					}
				}
				return n;
			}
			List<YearMonth> old = new ArrayList<>();
			try (Statement s = c.createStatement();
					ResultSet rs = s
						.executeQuery("SELECT c.relname FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid"
								+ " JOIN pg_class p ON p.oid = i.inhparent WHERE p.relname = 'decision_record'")) {
				while (rs.next()) {
					Matcher m = PARTITION.matcher(rs.getString(1));
					if (m.matches()) {
						YearMonth month = YearMonth.of(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)));
						Instant end = month.plusMonths(1).atDay(1).atStartOfDay().toInstant(ZoneOffset.UTC);
						if (!end.isAfter(cutoff)) {
							old.add(month);
						}
					}
				}
			}
			try (Statement s = c.createStatement()) {
				for (YearMonth month : old) {
					for (String table : TABLES) {
						s.execute("DROP TABLE IF EXISTS " + table + "_p" + suffix(month));
					}
					months.remove(month);
					log.info("audit retention: dropped the records of {} (decided before {})", month, cutoff);
				}
			}
			return old.size();
		}
	}

	@Override
	public void close() {
		dataSource.close();
	}

}
