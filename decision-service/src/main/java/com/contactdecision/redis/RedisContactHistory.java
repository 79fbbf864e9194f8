package com.contactdecision.redis;

import com.contactdecision.facts.Contact;
import com.contactdecision.history.ContactHistory;
import com.contactdecision.history.EventResult;
import com.contactdecision.history.HistorySnapshot;
import com.contactdecision.history.InMemoryContactHistory;
import com.contactdecision.history.Pseudonyms;
import com.contactdecision.history.StoreUnavailableException;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.UnaryOperator;

import com.contactdecision.facts.ContactRecord;
import com.contactdecision.facts.EventOutcome;

import redis.clients.jedis.UnifiedJedis;

/**
 * Contact history in Redis, with the semantics of {@link InMemoryContactHistory}. Every
 * operation is one round trip and every write one Lua script, so a write is atomic; all
 * keys of a consumer carry the hash tag {@code {c:<consumerId>}} and land in one Cluster
 * slot.
 *
 * <p>
 * Keys ({@code P} is the key prefix):
 * <ul>
 * <li>{@code P{c:<id>}:h} - sorted set of the records, scored by epoch millis of
 * {@code at}. A member is a compact text record ({@link HistoryMembers}: ~100 bytes where
 * the JSON of earlier versions took ~460, which is still read); an event that settles a
 * reservation replaces the reservation's member by the same member with the settlement
 * appended, at the original score (the script splices strings and never parses a member).
 * A member carries the recordId, so members are unique. TTL: history retention, renewed
 * on every write.</li>
 * <li>{@code P{c:<id>}:v} - the version counter, INCR on every write; missing means 0.
 * TTL: history retention, renewed on every write.</li>
 * <li>{@code P{c:<id>}:rsv} - hash decisionId to member of each unsettled reservation
 * (prefixed by its request field and a newline when it has a requestId), so an event
 * settles in O(1); and {@code q:<collector>:<requestId>} to the decisionId, so an event
 * that names only the request settles it too. Settling, releasing or trimming a
 * reservation drops both fields, so the hash holds open reservations only (fields written
 * by earlier versions, without the prefix, are dropped with the hash). TTL: history
 * retention, renewed on every write.</li>
 * <li>{@code P{c:<id>}:ev} - eventId idempotency: a hash of eventId to the epoch millis
 * until which it is remembered (expired fields pruned on every event; ~30 B an event in a
 * listpack where a key each took ~72 B). TTL: idempotency retention, renewed on every
 * event. An eventId is unique per consumer (the same eventId for another consumer is
 * another event). A {@code P{c:<id>}:e:<eventId>} key of an earlier version still makes
 * its event a repeat until it expires.</li>
 * </ul>
 * Records older than the retention (counted back from the earlier of now and the newest
 * record) are trimmed on every write, as the in-memory store does. Redis failures throw
 * {@link StoreUnavailableException}.
 */
public final class RedisContactHistory implements ContactHistory {

	public static final Duration DEFAULT_HISTORY_RETENTION = Duration.ofDays(35);

	public static final Duration DEFAULT_IDEMPOTENCY_RETENTION = Duration.ofDays(8);

	private static final int PSEUDONYMISE_ATTEMPTS = 20;

	/**
	 * Scripts in src/main/resources/redis/; the write scripts share history-lib.lua
	 * (trimming, TTLs).
	 */
	private static final RedisClients.Script APPEND = RedisClients.Script.load("history-lib.lua", "history-append.lua");

	private static final RedisClients.Script RECORD = RedisClients.Script.load("history-lib.lua", "history-record.lua");

	/**
	 * history-append.lua, and in the same atomic write the decision's audit record on the
	 * audit stream ({@link RedisAuditStream}).
	 */
	private static final RedisClients.Script APPEND_RECORDED = RedisClients.Script.load("history-lib.lua",
			"history-append-recorded.lua");

	private static final RedisClients.Script LOAD = RedisClients.Script.load("history-load.lua");

	private static final RedisClients.Script LOAD_ALL = RedisClients.Script.load("history-load-all.lua");

	private static final RedisClients.Script RELEASE = RedisClients.Script.load("history-lib.lua",
			"history-release.lua");

	private static final RedisClients.Script REWRITE = RedisClients.Script.load("history-lib.lua",
			"history-rewrite.lua");

	private final UnifiedJedis redis;

	private final RedisKeys keys;

	private final Duration historyRetention;

	/**
	 * Trimming counts back from now, so a record dated in the future cannot erase today's
	 * history.
	 */
	private final Clock clock;

	private final Duration idempotencyRetention;

	/**
	 * Null when reservations cannot carry their records (a Cluster: the stream is in
	 * another slot).
	 */
	private final RedisAuditStream audit;

	public RedisContactHistory(UnifiedJedis redis, String keyPrefix, Clock clock) {
		this(redis, keyPrefix, DEFAULT_HISTORY_RETENTION, DEFAULT_IDEMPOTENCY_RETENTION, clock);
	}

	/**
	 * @param keyPrefix prepended to every key (e.g. {@code cds:}); must not contain
	 * braces
	 * @param historyRetention records older than the newest minus this are trimmed, and
	 * the consumer's keys expire this long after the last write
	 * @param idempotencyRetention how long an eventId is remembered
	 */
	public RedisContactHistory(UnifiedJedis redis, String keyPrefix, Duration historyRetention,
			Duration idempotencyRetention, Clock clock) {
		this(redis, keyPrefix, historyRetention, idempotencyRetention, clock, null);
	}

	/**
	 * @param audit the stream a reservation's record is written to with it; null for none
	 */
	public RedisContactHistory(UnifiedJedis redis, String keyPrefix, Duration historyRetention,
			Duration idempotencyRetention, Clock clock, RedisAuditStream audit) {
		this.audit = audit;
		this.clock = clock;
		this.redis = redis;
		this.keys = new RedisKeys(keyPrefix);
		this.historyRetention = positive(historyRetention, "historyRetention");
		this.idempotencyRetention = positive(idempotencyRetention, "idempotencyRetention");
	}

	@Override
	public HistorySnapshot load(String consumerId, Instant since) {
		String min = since == null ? "-inf" : Long.toString(since.toEpochMilli());
		List<?> reply = RedisClients.call("history load", () -> (List<?>) LOAD.run(redis,
				List.of(keys.history(consumerId), keys.version(consumerId)), List.of(min)));
		long version = Long.parseLong((String) reply.get(0));
		List<ContactRecord> records = new ArrayList<>(reply.size() - 1);
		for (int i = 1; i < reply.size(); i++) {
			ContactRecord r = decode(consumerId, (String) reply.get(i));
			if (since == null || !r.at().isBefore(since)) {
				records.add(r);
			}
		}
		records.sort(Comparator.comparing(ContactRecord::at));
		return new HistorySnapshot(records, version);
	}

	@Override
	public boolean appendIfUnchanged(String consumerId, long expectedVersion, ContactRecord reservation) {
		String member = encode(reservation);
		String reservedFor = reservation.isReservation() && reservation.decisionId() != null ? reservation.decisionId()
				: "";
		Object result = RedisClients.call("history append",
				() -> APPEND.run(redis,
						List.of(keys.history(consumerId), keys.version(consumerId), keys.reservations(consumerId)),
						List.of(Long.toString(expectedVersion), score(reservation), member, reservedFor,
								Long.toString(historyRetention.toMillis()), Long.toString(clock.millis()),
								requestField(reservation))));
		return Long.valueOf(1).equals(result);
	}

	@Override
	public boolean appendIfUnchanged(String consumerId, long expectedVersion, ContactRecord reservation,
			String recordId, String record) {
		if (audit == null) {
			return ContactHistory.super.appendIfUnchanged(consumerId, expectedVersion, reservation, recordId, record);
		}
		String member = encode(reservation);
		Object result = RedisClients.call("history append", () -> APPEND_RECORDED.run(redis,
				List.of(keys.history(consumerId), keys.version(consumerId), keys.reservations(consumerId), audit.key()),
				List.of(Long.toString(expectedVersion), score(reservation), member,
						reservation.decisionId() == null ? "" : reservation.decisionId(),
						Long.toString(historyRetention.toMillis()), Long.toString(clock.millis()),
						Long.toString(audit.backlogLimit()), recordId, record, requestField(reservation))));
		if (Long.valueOf(-1).equals(result)) {
			throw audit.backlogFull();
		}
		return Long.valueOf(1).equals(result);
	}

	/**
	 * True when a reservation's record is written with it (standalone Redis with an audit
	 * stream).
	 */
	public boolean recordsWithReservations() {
		return audit != null;
	}

	@Override
	public EventResult record(ContactRecord event) {
		String consumerId = event.consumerId();
		if (event.eventId() == null) {
			throw new IllegalArgumentException("An event needs an eventId");
		}
		String member = encode(event);
		String settlement = HistoryMembers.legacySettlement(event.eventId(), event.outcome());
		Object result = RedisClients.call("history record", () -> RECORD.run(redis,
				List.of(keys.history(consumerId), keys.version(consumerId), keys.reservations(consumerId),
						keys.event(consumerId, event.eventId()), keys.events(consumerId)),
				List.of(Long.toString(idempotencyRetention.toMillis()), Long.toString(historyRetention.toMillis()),
						event.decisionId() == null ? "" : event.decisionId(), member, score(event), settlement,
						Long.toString(clock.millis()), requestField(event),
						HistoryMembers.settlement(event.eventId(), event.outcome()), event.eventId())));
		return Long.valueOf(1).equals(result) ? EventResult.RECORDED : EventResult.REPEATED;
	}

	@Override
	public boolean release(String consumerId, String decisionId) {
		String settlement = HistoryMembers.legacySettlement(null, EventOutcome.NOT_PLACED);
		Object result = RedisClients.call("history release",
				() -> RELEASE.run(redis,
						List.of(keys.history(consumerId), keys.version(consumerId), keys.reservations(consumerId)),
						List.of(decisionId, settlement, Long.toString(historyRetention.toMillis()),
								HistoryMembers.settlement(null, EventOutcome.NOT_PLACED))));
		return Long.valueOf(1).equals(result);
	}

	private static String requestField(ContactRecord r) {
		return r.requestId() == null ? "" : RedisKeys.reservationByRequest(r.collectorId(), r.requestId());
	}

	@Override
	public List<ContactRecord> list(String consumerId, Instant from, Instant to) {
		String min = from == null ? "-inf" : Long.toString(from.toEpochMilli());
		String max = to == null ? "+inf" : Long.toString(to.toEpochMilli());
		List<String> members = RedisClients.call("history list",
				() -> redis.zrangeByScore(keys.history(consumerId), min, max));
		List<ContactRecord> records = new ArrayList<>(members.size());
		for (String m : members) {
			ContactRecord r = decode(consumerId, m);
			if ((from == null || !r.at().isBefore(from)) && (to == null || r.at().isBefore(to))) {
				records.add(r);
			}
		}
		records.sort(Comparator.comparing(ContactRecord::at));
		return records;
	}

	/**
	 * Rewrites the consumer's records with pseudonyms: read (one round trip), rewrite in
	 * Java, and replace the whole history by a compare-and-set script on the version (one
	 * round trip); a concurrent write makes it read again.
	 */
	@Override
	public void pseudonymise(String consumerId, UnaryOperator<String> pseudonym) {
		List<String> ks = List.of(keys.history(consumerId), keys.version(consumerId), keys.reservations(consumerId));
		for (int attempt = 0; attempt < PSEUDONYMISE_ATTEMPTS; attempt++) {
			List<?> reply = RedisClients.call("history pseudonymise",
					() -> (List<?>) LOAD_ALL.run(redis, ks.subList(0, 2), List.of()));
			String version = (String) reply.get(0);
			List<String> members = new ArrayList<>();
			List<String> reserved = new ArrayList<>();
			for (int i = 1; i + 1 < reply.size(); i += 2) {
				ContactRecord r = Pseudonyms.apply(decode(consumerId, (String) reply.get(i)), pseudonym);
				String member = encode(r);
				members.add((String) reply.get(i + 1));
				members.add(member);
				if (r.isReservation() && r.decisionId() != null) {
					reserved.add(r.decisionId());
					// As the append scripts write it (history-lib.lua, reserved).
					reserved.add(r.requestId() == null ? member : requestField(r) + "\n" + member);
					if (r.requestId() != null) {
						reserved.add(requestField(r));
						reserved.add(r.decisionId());
					}
				}
			}
			List<String> args = new ArrayList<>(members.size() + reserved.size() + 3);
			args.add(version);
			args.add(Long.toString(historyRetention.toMillis()));
			args.add(Integer.toString(members.size() / 2));
			args.addAll(members);
			args.addAll(reserved);
			Object result = RedisClients.call("history pseudonymise", () -> REWRITE.run(redis, ks, args));
			if (Long.valueOf(1).equals(result)) {
				return;
			}
		}
		throw new StoreUnavailableException("Redis history pseudonymise: too many concurrent writes, retry", null);
	}

	/** The key layout, for the combined decision read and tests. */
	RedisKeys keys() {
		return keys;
	}

	private static String score(ContactRecord r) {
		if (r.at() == null) {
			throw new IllegalArgumentException("A contact record needs an instant");
		}
		return Long.toString(r.at().toEpochMilli());
	}

	private static String encode(ContactRecord r) {
		return HistoryMembers.encode(r);
	}

	/**
	 * Decodes a stored history member of the consumer (either form,
	 * {@link HistoryMembers}), for the combined decision read (RedisFactReader) and any
	 * read of many consumers.
	 */
	ContactRecord decode(String consumerId, String member) {
		return HistoryMembers.decode(consumerId, member);
	}

	private static Duration positive(Duration d, String name) {
		if (d == null || d.isNegative() || d.isZero() || d.toMillis() == 0) {
			throw new IllegalArgumentException(name + " must be positive");
		}
		return d;
	}

}
