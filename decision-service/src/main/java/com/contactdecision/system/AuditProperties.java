package com.contactdecision.system;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;

import com.contactdecision.audit.AuditDatabase;

/**
 * {@code decisioning.audit.*}: where every decision's record is kept, and for how long.
 *
 * @param jdbcUrl {@code AUDIT_JDBC_URL}: {@code jdbc:postgresql://...} in production;
 * unset, an embedded H2 file {@code <dataDir>/audit} in PostgreSQL mode
 * @param dataDir {@code DATA_DIR}: where the embedded database lives
 * @param retention records decided longer ago than this are purged (default three years:
 * 12 CFR 1006.100 asks for three years after the last collection activity on the debt;
 * count from there)
 * @param backlogLimit records waiting on the Redis audit stream past which decisions fail
 * closed
 * @param drainBatch records moved to the database per transaction
 * @param drainLease how long a drain owns what it read before another instance may take
 * it over
 * @param drainIdle the pause when the stream is empty or a store is down
 * @param connectionTimeout how long a caller waits for a database connection
 * @param simulationThreads the threads one simulation evaluates on (one simulation at a
 * time)
 */
@ConfigurationProperties("decisioning.audit")
record AuditProperties(String jdbcUrl, String username, String password, String dataDir, Duration retention,
		Integer poolSize, Long backlogLimit, Integer drainBatch, Duration drainLease, Duration drainIdle,
		Duration connectionTimeout, Integer simulationThreads) {

	static final Duration DEFAULT_RETENTION = Duration.ofDays(3 * 365 + 1);

	static final long DEFAULT_BACKLOG_LIMIT = 1_000_000;

	static final int DEFAULT_DRAIN_BATCH = 500;

	AuditProperties {
		dataDir = dataDir == null || dataDir.isBlank() ? "./data" : dataDir;
		jdbcUrl = jdbcUrl == null || jdbcUrl.isBlank() ? AuditDatabase.embeddedUrl(dataDir) : jdbcUrl;
		username = username == null || username.isBlank() ? (jdbcUrl.startsWith("jdbc:h2:") ? "sa" : null) : username;
		retention = positive(retention, DEFAULT_RETENTION, "decisioning.audit.retention");
		poolSize = poolSize == null ? 8 : poolSize;
		backlogLimit = backlogLimit == null ? DEFAULT_BACKLOG_LIMIT : backlogLimit;
		drainBatch = drainBatch == null ? DEFAULT_DRAIN_BATCH : drainBatch;
		drainLease = positive(drainLease, Duration.ofSeconds(30), "decisioning.audit.drain-lease");
		drainIdle = positive(drainIdle, Duration.ofMillis(200), "decisioning.audit.drain-idle");
		connectionTimeout = positive(connectionTimeout, Duration.ofSeconds(2), "decisioning.audit.connection-timeout");
		simulationThreads = simulationThreads == null ? 2 : simulationThreads;
		if (poolSize < 1 || backlogLimit < 1 || drainBatch < 1 || simulationThreads < 1) {
			throw new IllegalArgumentException(
					"decisioning.audit.pool-size, backlog-limit, drain-batch and " + "simulation-threads must be > 0");
		}
	}

	private static Duration positive(Duration value, Duration fallback, String key) {
		if (value == null) {
			return fallback;
		}
		if (value.isNegative() || value.isZero()) {
			throw new IllegalArgumentException(key + " must be > 0");
		}
		return value;
	}

}
