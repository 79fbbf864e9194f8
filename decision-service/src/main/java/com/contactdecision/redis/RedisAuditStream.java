package com.contactdecision.redis;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import com.contactdecision.history.StoreUnavailableException;

import redis.clients.jedis.UnifiedJedis;

/**
 * The audit stream ({@link RedisKeys#auditStream()}): decision records on their way to
 * the audit database. An entry is {@code id <decisionId> r <record JSON>}. A reserving
 * script adds a RESERVE's entry in the same atomic write as the reservation
 * ({@link RedisContactHistory}); other decisions add theirs before they are answered
 * ({@link #add}). A drain reads entries as a member of one consumer group, claims entries
 * another member left unacknowledged for longer than a lease (it died), writes them to
 * the database, and only then acknowledges and deletes them, so the stream holds only
 * what is not yet in the database. Past {@code backlogLimit} entries nothing more is
 * added: decisions fail closed rather than be answered without a record. Thread-safe.
 */
public final class RedisAuditStream {

	public static final String GROUP = "audit-drain";

	/** Scripts in src/main/resources/redis/audit-*.lua. */
	private static final RedisClients.Script ADD = RedisClients.Script.load("audit-add.lua");

	private static final RedisClients.Script CREATE_GROUP = RedisClients.Script.load("audit-group.lua");

	private static final RedisClients.Script READ = RedisClients.Script.load("audit-read.lua");

	private static final RedisClients.Script ACK = RedisClients.Script.load("audit-ack.lua");

	private static final RedisClients.Script SCAN = RedisClients.Script.load("audit-find.lua");

	private static final int SCAN_CHUNK = 1000;

	/** One entry read for draining. */
	public record Entry(String entryId, String decisionId, String record) {
	}

	private final UnifiedJedis redis;

	private final String key;

	private final long backlogLimit;

	public RedisAuditStream(UnifiedJedis redis, String keyPrefix, long backlogLimit) {
		this.redis = redis;
		this.key = new RedisKeys(keyPrefix).auditStream();
		if (backlogLimit < 1) {
			throw new IllegalArgumentException("backlogLimit must be positive");
		}
		this.backlogLimit = backlogLimit;
	}

	public String key() {
		return key;
	}

	public long backlogLimit() {
		return backlogLimit;
	}

	/**
	 * Adds a record before its decision is answered; a full backlog is a store failure.
	 */
	public void add(String decisionId, String record) {
		Object result = RedisClients.call("audit add",
				() -> ADD.run(redis, List.of(key), List.of(Long.toString(backlogLimit), decisionId, record)));
		if (Long.valueOf(-1).equals(result)) {
			throw backlogFull();
		}
	}

	StoreUnavailableException backlogFull() {
		return new StoreUnavailableException(
				"the audit stream holds " + backlogLimit + " records not yet in the database: failing closed", null);
	}

	public void createGroup() {
		RedisClients.call("audit group", () -> CREATE_GROUP.run(redis, List.of(key), List.of(GROUP)));
	}

	/**
	 * Up to {@code count} entries for {@code consumer}: first those left unacknowledged
	 * longer than {@code leaseMillis}, then new ones.
	 */
	public List<Entry> read(String consumer, int count, long leaseMillis) {
		List<?> reply = RedisClients.call("audit read", () -> (List<?>) READ.run(redis, List.of(key),
				List.of(GROUP, consumer, Integer.toString(count), Long.toString(leaseMillis))));
		List<Entry> entries = new ArrayList<>(reply.size() / 3);
		for (int i = 0; i + 2 < reply.size(); i += 3) {
			entries.add(new Entry((String) reply.get(i), (String) reply.get(i + 1), (String) reply.get(i + 2)));
		}
		return entries;
	}

	/** Acknowledges and deletes entries the database has committed. */
	public void acknowledge(List<String> entryIds) {
		if (entryIds.isEmpty()) {
			return;
		}
		List<String> args = new ArrayList<>(entryIds.size() + 1);
		args.add(GROUP);
		args.addAll(entryIds);
		RedisClients.call("audit ack", () -> ACK.run(redis, List.of(key), args));
	}

	/** Entries not yet drained. */
	public long backlog() {
		return RedisClients.call("audit backlog", () -> redis.xlen(key));
	}

	/**
	 * A record still on the stream (not yet drained); a scan, cheap while the drain keeps
	 * up.
	 */
	public Optional<String> find(String decisionId) {
		String start = "-";
		while (true) {
			String from = start;
			List<?> reply = RedisClients.call("audit find", () -> (List<?>) SCAN.run(redis, List.of(key),
					List.of(from, Integer.toString(SCAN_CHUNK), decisionId)));
			String last = (String) reply.get(0);
			String record = (String) reply.get(1);
			if (!record.isEmpty()) {
				return Optional.of(record);
			}
			if (last.isEmpty()) {
				return Optional.empty();
			}
			start = "(" + last;
		}
	}

}
