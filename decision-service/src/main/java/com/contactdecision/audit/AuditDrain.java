package com.contactdecision.audit;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.contactdecision.decision.DecisionRecord;
import com.contactdecision.history.StoreUnavailableException;
import com.contactdecision.redis.RedisAuditStream;

/**
 * Moves records from the Redis audit stream to the database, in batches: read (claiming
 * what a dead drain left), commit in one transaction, and only then acknowledge and
 * delete. A crash anywhere loses nothing (unacknowledged entries are claimed again after
 * the lease) and writes nothing twice (the database ignores a record it already has).
 * While the database or Redis is down the drain backs off, logging the outage once when
 * it starts and once when it ends, and decisions keep their records on the stream. One
 * thread per service instance; instances share the work through the consumer group.
 */
public final class AuditDrain implements AutoCloseable {

	private static final Logger log = LoggerFactory.getLogger(AuditDrain.class);

	/** A test hook: runs after the commit and before the acknowledgement. */
	interface AfterCommit {

		void run(List<String> entryIds);

		AfterCommit NONE = ids -> {
		};

	}

	private final RedisAuditStream stream;

	private final JdbcDecisionRecords database;

	private final int batch;

	private final long leaseMillis;

	private final long idleMillis;

	private final String consumer;

	private final AfterCommit afterCommit;

	private volatile boolean running;

	private Thread thread;

	private boolean failing;

	/**
	 * @param leaseMillis how long an entry read by one drain stays its own before another
	 * may claim it (longer than a batch ever takes to commit)
	 * @param idleMillis the pause when the stream is empty or a store is down
	 */
	public AuditDrain(RedisAuditStream stream, JdbcDecisionRecords database, int batch, long leaseMillis,
			long idleMillis) {
		this(stream, database, batch, leaseMillis, idleMillis, "drain-" + UUID.randomUUID(), AfterCommit.NONE);
	}

	AuditDrain(RedisAuditStream stream, JdbcDecisionRecords database, int batch, long leaseMillis, long idleMillis,
			String consumer, AfterCommit afterCommit) {
		this.stream = stream;
		this.database = database;
		this.batch = batch;
		this.leaseMillis = leaseMillis;
		this.idleMillis = idleMillis;
		this.consumer = consumer;
		this.afterCommit = afterCommit;
	}

	/**
	 * One batch: returns how many records were committed and acknowledged.
	 * @throws StoreUnavailableException when Redis or the database fails; nothing is
	 * acknowledged
	 */
	public int drainOnce() {
		List<RedisAuditStream.Entry> entries = stream.read(consumer, batch, leaseMillis);
		if (entries.isEmpty()) {
			return 0;
		}
		List<DecisionRecord> records = new ArrayList<>(entries.size());
		List<String> ids = new ArrayList<>(entries.size());
		for (RedisAuditStream.Entry e : entries) {
			records.add(DecisionRecord.fromJson(e.record()));
			ids.add(e.entryId());
		}
		database.keepAll(records);
		afterCommit.run(ids);
		stream.acknowledge(ids);
		return ids.size();
	}

	/** Drains until the stream is empty; for tests and shutdown. */
	public long drainAll() {
		long n = 0;
		int got;
		while ((got = drainOnce()) > 0) {
			n += got;
		}
		return n;
	}

	public synchronized void start() {
		stream.createGroup();
		running = true;
		thread = new Thread(this::loop, "audit-drain");
		thread.setDaemon(true);
		thread.start();
	}

	private void loop() {
		while (running) {
			int n;
			try {
				n = drainOnce();
				if (failing) {
					failing = false;
					log.info("audit drain: the stores answer again; draining the backlog");
				}
			}
			catch (StoreUnavailableException e) {
				if (!failing) {
					failing = true;
					log.error("audit drain: cannot move records to the database, they wait on the Redis stream: {}",
							e.getMessage());
				}
				n = 0;
			}
			catch (RuntimeException e) {
				// An unreadable entry or a bug: logged every time, it stays on the stream
				// for an operator.
				log.error("audit drain: a batch failed and stays on the stream", e);
				n = 0;
			}
			if (n < batch) {
				sleep();
			}
		}
	}

	private void sleep() {
		try {
			TimeUnit.MILLISECONDS.sleep(idleMillis);
		}
		catch (InterruptedException e) {
			Thread.currentThread().interrupt();
			running = false;
		}
	}

	/**
	 * Stops after the batch in hand; what is left stays on the stream for the next drain.
	 */
	@Override
	public synchronized void close() throws InterruptedException {
		running = false;
		if (thread != null) {
			thread.join(TimeUnit.SECONDS.toMillis(10));
		}
	}

}
