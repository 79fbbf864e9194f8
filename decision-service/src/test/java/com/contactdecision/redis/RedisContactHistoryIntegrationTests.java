package com.contactdecision.redis;

import com.contactdecision.history.ContactHistory;
import com.contactdecision.history.EventResult;
import com.contactdecision.history.HistorySnapshot;
import com.contactdecision.history.InMemoryContactHistory;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.contactdecision.facts.Channel;
import com.contactdecision.facts.ContactRecord;
import com.contactdecision.facts.DialMode;
import com.contactdecision.facts.Direction;
import com.contactdecision.facts.EventOutcome;
import com.contactdecision.facts.LineType;
import com.contactdecision.facts.Purpose;
import com.contactdecision.facts.Recipient;

import redis.clients.jedis.UnifiedJedis;

/**
 * The Redis history against a real Redis: the same semantics as
 * {@link InMemoryContactHistory}.
 */
class RedisContactHistoryIntegrationTests {

	static final Instant T0 = Instant.parse("2026-11-23T15:00:00.123456Z");

	static RedisTestServer server;

	static UnifiedJedis redis;

	static String prefix;

	static RedisContactHistory history;

	@BeforeAll
	static void connect() {
		server = RedisTestServer.shared();
		redis = RedisClients.connect(server.url(), Duration.ofSeconds(2));
		prefix = RedisTestServer.randomPrefix();
		history = new RedisContactHistory(redis, prefix, Duration.ofDays(35), Duration.ofDays(8),
				java.time.Clock.systemUTC());
	}

	@AfterAll
	static void disconnect() {
		redis.close();
	}

	static String consumer() {
		return "c-" + UUID.randomUUID();
	}

	static ContactRecord reservation(String consumerId, String decisionId, Instant at) {
		return new ContactRecord("rsv:" + decisionId, consumerId, "col-1", List.of("debt-1", "debt-2"), Channel.CALL,
				Direction.OUTBOUND, "+12125550123", null, LineType.MOBILE, Recipient.CONSUMER, DialMode.MANUAL,
				Purpose.COLLECTION, null, at, decisionId, null, null);
	}

	static ContactRecord event(String consumerId, String eventId, String decisionId, EventOutcome outcome, Instant at) {
		return new ContactRecord(eventId, consumerId, "col-1", List.of(), Channel.CALL, Direction.OUTBOUND,
				"+12125550123", null, LineType.MOBILE, Recipient.CONSUMER, DialMode.MANUAL, Purpose.COLLECTION, outcome,
				at, decisionId, eventId, null);
	}

	@Test
	void emptyHistoryIsVersionZero() {
		HistorySnapshot s = history.load(consumer(), T0.minus(Duration.ofDays(30)));
		assertThat(s.records()).isEmpty();
		assertThat(s.version()).isZero();
	}

	@Test
	void appendIsACompareAndSetOnTheVersion() {
		String c = consumer();
		HistorySnapshot s0 = history.load(c, T0.minus(Duration.ofDays(7)));
		ContactRecord r1 = reservation(c, "d1", T0);
		assertThat(history.appendIfUnchanged(c, s0.version(), r1)).isTrue();
		// A stale version loses: another write came first.
		assertThat(history.appendIfUnchanged(c, s0.version(), reservation(c, "d2", T0.plusSeconds(1)))).isFalse();

		HistorySnapshot s1 = history.load(c, T0.minus(Duration.ofDays(7)));
		assertThat(s1.version()).isEqualTo(s0.version() + 1);
		assertThat(s1.records()).containsExactly(r1);
		assertThat(s1.records().get(0).at()).isEqualTo(T0); // nanosecond precision kept
		// Stored compact (HistoryMembers), scored by epoch millis: no consumer id (the
		// key
		// has it), no field names.
		assertThat(redis.zrangeWithScores(history.keys().history(c), 0, -1)).singleElement().satisfies(t -> {
			assertThat(t.getScore()).isEqualTo((double) T0.toEpochMilli());
			assertThat(t.getElement()).startsWith("~!d1|").doesNotContain(c, "\"", "CALL", "rsv:").hasSizeLessThan(80);
		});
		assertThat(redis.hget(history.keys().reservations(c), "d1"))
			.isEqualTo(redis.zrange(history.keys().history(c), 0, -1).get(0));

		assertThat(history.appendIfUnchanged(c, s1.version(), reservation(c, "d2", T0.plusSeconds(1)))).isTrue();
		assertThat(history.load(c, T0.minus(Duration.ofDays(7))).records()).extracting(ContactRecord::decisionId)
			.containsExactly("d1", "d2");
		// since is inclusive, to the nanosecond, as in memory
		assertThat(history.load(c, T0.plusNanos(1)).records()).extracting(ContactRecord::decisionId)
			.containsExactly("d2");
		assertThat(history.load(c, T0).records()).hasSize(2);
	}

	/** A member as versions before the compact encoding wrote it. */
	static String legacyMember(ContactRecord r) {
		return "{\"r\":" + RedisClients.json().writeValueAsString(r) + "}";
	}

	@Test
	void membersWrittenAsJsonByEarlierVersionsAreReadSettledAndUpgradedByErasure() {
		String c = consumer();
		ContactRecord open = reservationFor(c, "old-open", "rq-old", T0);
		ContactRecord event = event(c, "old-ev", null, EventOutcome.BUSY, T0.plusSeconds(10));
		String h = history.keys().history(c);
		String rsv = history.keys().reservations(c);
		redis.zadd(h, T0.toEpochMilli(), legacyMember(open));
		redis.zadd(h, T0.plusSeconds(10).toEpochMilli(), legacyMember(event));
		redis.hset(rsv, "old-open", legacyMember(open));
		redis.hset(rsv, RedisKeys.reservationByRequest("col-1", "rq-old"), "old-open");
		redis.set(history.keys().version(c), "2");

		assertThat(history.load(c, Instant.EPOCH).records()).containsExactly(open, event);
		// A new write is compact, beside the old members.
		ContactRecord added = reservation(c, "new-open", T0.plusSeconds(20));
		assertThat(history.appendIfUnchanged(c, 2, added)).isTrue();
		// An event naming only the old reservation's request settles it in place.
		ContactRecord settling = eventFor(c, "settles-old", "col-1", "rq-old", EventOutcome.CONVERSATION,
				T0.plusSeconds(30));
		assertThat(history.record(settling)).isEqualTo(EventResult.RECORDED);
		assertThat(history.list(c, null, null))
			.containsExactly(open.settledBy("settles-old", EventOutcome.CONVERSATION), event, added);
		assertThat(redis.zrange(h, 0, 0).get(0)).startsWith("{\"r\":").contains("\"s\":");
		assertThat(redis.zrange(h, 2, 2).get(0)).startsWith("~");

		// Erasure rewrites the whole history: every member is compact after it.
		history.pseudonymise(c, v -> "pseudo-" + Integer.toHexString(v.hashCode()));
		assertThat(redis.zrange(h, 0, -1)).hasSize(3).allSatisfy(m -> assertThat(m).startsWith("~"));
		assertThat(history.list(c, null, null)).extracting(ContactRecord::outcome)
			.containsExactly(EventOutcome.CONVERSATION, EventOutcome.BUSY, null);
		assertThat(history.release(c, "new-open")).isTrue();
		assertThat(history.list(c, null, null).get(2).outcome()).isEqualTo(EventOutcome.NOT_PLACED);
	}

	@Test
	void settlingByDecisionIdOrReleasingDropsTheRequestFieldToo() {
		String c = consumer();
		assertThat(history.appendIfUnchanged(c, 0, reservationFor(c, "with-rq", "rq-a", T0))).isTrue();
		assertThat(history.appendIfUnchanged(c, 1, reservationFor(c, "with-rq-2", "rq-b", T0.plusSeconds(1)))).isTrue();
		assertThat(redis.hlen(history.keys().reservations(c))).isEqualTo(4);

		// The event names the decision only, as most diallers do.
		assertThat(history.record(event(c, "ev-by-id", "with-rq", EventOutcome.NO_ANSWER, T0.plusSeconds(40))))
			.isEqualTo(EventResult.RECORDED);
		assertThat(history.release(c, "with-rq-2")).isTrue();

		assertThat(redis.hgetAll(history.keys().reservations(c))).as("only open reservations are indexed").isEmpty();
		assertThat(history.list(c, null, null)).extracting(ContactRecord::outcome)
			.containsExactly(EventOutcome.NO_ANSWER, EventOutcome.NOT_PLACED);
		// The request no longer settles anything: an event naming it is a record of its
		// own.
		assertThat(history.record(eventFor(c, "ev-by-rq", "col-1", "rq-a", EventOutcome.BUSY, T0.plusSeconds(50))))
			.isEqualTo(EventResult.RECORDED);
		assertThat(history.list(c, null, null)).hasSize(3);
	}

	@Test
	void recordIsIdempotentPerEventId() {
		String c = consumer();
		ContactRecord e = event(c, "ev-1", null, EventOutcome.NO_ANSWER, T0);
		assertThat(history.record(e)).isEqualTo(EventResult.RECORDED);
		long v = history.load(c, T0.minusSeconds(1)).version();
		assertThat(history.record(e)).isEqualTo(EventResult.REPEATED);
		assertThat(history.record(event(c, "ev-1", null, EventOutcome.CONVERSATION, T0.plusSeconds(5))))
			.isEqualTo(EventResult.REPEATED);
		HistorySnapshot s = history.load(c, T0.minusSeconds(1));
		assertThat(s.records()).containsExactly(e);
		assertThat(s.version()).isEqualTo(v);
		// The same eventId for another consumer is another event.
		assertThat(history.record(event(consumer(), "ev-1", null, EventOutcome.NO_ANSWER, T0)))
			.isEqualTo(EventResult.RECORDED);
	}

	@Test
	void anEventSettlesTheReservationOfItsDecision() {
		for (EventOutcome outcome : List.of(EventOutcome.NOT_PLACED, EventOutcome.BUSY, EventOutcome.CONVERSATION)) {
			String c = consumer();
			ContactRecord rsv = reservation(c, "dec-" + outcome, T0);
			ContactRecord other = reservation(c, "dec-other", T0.plusSeconds(10));
			assertThat(history.appendIfUnchanged(c, 0, rsv)).isTrue();
			assertThat(history.appendIfUnchanged(c, 1, other)).isTrue();

			// Reported later, but it settles the attempt where it was reserved.
			ContactRecord e = event(c, "ev-" + outcome, "dec-" + outcome, outcome, T0.plusSeconds(60));
			assertThat(history.record(e)).isEqualTo(EventResult.RECORDED);

			HistorySnapshot s = history.load(c, T0.minus(Duration.ofDays(1)));
			assertThat(s.version()).isEqualTo(3);
			assertThat(s.records()).containsExactly(rsv.settledBy("ev-" + outcome, outcome), other);
			assertThat(s.records().get(0).isReservation()).isFalse();
			assertThat(s.records().get(0).at()).isEqualTo(T0);
			assertThat(s.records().get(0).isConnectedAttempt()).isEqualTo(outcome == EventOutcome.CONVERSATION);
			assertThat(redis.hexists(history.keys().reservations(c), "dec-" + outcome)).isFalse();

			// A repeat changes nothing; a second event of the same decision is a new
			// record.
			assertThat(history.record(e)).isEqualTo(EventResult.REPEATED);
			ContactRecord again = event(c, "ev2-" + outcome, "dec-" + outcome, EventOutcome.NO_ANSWER,
					T0.plusSeconds(90));
			assertThat(history.record(again)).isEqualTo(EventResult.RECORDED);
			assertThat(history.load(c, T0.minus(Duration.ofDays(1))).records()).hasSize(3).contains(again);
		}
	}

	@Test
	void anEventWithAnUnknownDecisionIsAppended() {
		String c = consumer();
		ContactRecord e = event(c, "ev-x", "no-such-decision", EventOutcome.NO_ANSWER, T0);
		assertThat(history.record(e)).isEqualTo(EventResult.RECORDED);
		assertThat(history.load(c, T0.minusSeconds(1)).records()).containsExactly(e);
	}

	@Test
	void listIsHalfOpenAndOldestFirst() {
		String c = consumer();
		ContactRecord a = event(c, "a", null, EventOutcome.SENT, T0);
		ContactRecord b = event(c, "b", null, EventOutcome.SENT, T0.plusNanos(500_000)); // same
																							// millisecond
		ContactRecord d = event(c, "d", null, EventOutcome.SENT, T0.plusSeconds(3600));
		history.record(d);
		history.record(b);
		history.record(a);
		assertThat(history.list(c, null, null)).containsExactly(a, b, d);
		assertThat(history.list(c, T0.plusNanos(1), null)).containsExactly(b, d);
		assertThat(history.list(c, T0, T0.plusNanos(500_000))).containsExactly(a);
		assertThat(history.list(c, null, T0.plusSeconds(3600))).containsExactly(a, b);
	}

	@Test
	void trimsOldRecordsAndEveryKeyHasATtl() {
		String c = consumer();
		RedisContactHistory shortLived = new RedisContactHistory(redis, prefix, Duration.ofDays(10), Duration.ofDays(8),
				java.time.Clock.systemUTC());
		ContactRecord old = reservation(c, "old", T0.minus(Duration.ofDays(20)));
		ContactRecord mid = event(c, "mid", null, EventOutcome.NO_ANSWER, T0.minus(Duration.ofDays(5)));
		assertThat(shortLived.appendIfUnchanged(c, 0, old)).isTrue();
		assertThat(shortLived.record(mid)).isEqualTo(EventResult.RECORDED);
		// 'old' is 15 days older than the newest record: trimmed, and its reservation
		// entry with it.
		assertThat(shortLived.load(c, Instant.EPOCH).records()).containsExactly(mid);
		assertThat(redis.exists(shortLived.keys().reservations(c))).isFalse();
		// An event for the trimmed reservation is a new record.
		ContactRecord late = event(c, "late", "old", EventOutcome.NO_ANSWER, T0);
		assertThat(shortLived.record(late)).isEqualTo(EventResult.RECORDED);
		assertThat(shortLived.load(c, Instant.EPOCH).records()).containsExactly(mid, late);
		assertThat(shortLived.appendIfUnchanged(c, 3, reservation(c, "open", T0.plusSeconds(1)))).isTrue();

		Set<String> keys = server.keys(prefix + "{c:" + c + "}");
		assertThat(keys).contains(shortLived.keys().history(c), shortLived.keys().version(c),
				shortLived.keys().reservations(c), shortLived.keys().events(c));
		assertThat(redis.hkeys(shortLived.keys().events(c))).containsExactlyInAnyOrder("mid", "late");
		for (String k : keys) {
			long pttl = server.pttl(k);
			assertThat(pttl).as("PTTL of %s", k).isPositive();
			if (k.endsWith(":ev")) {
				assertThat(pttl).isLessThanOrEqualTo(Duration.ofDays(8).toMillis());
			}
			else {
				assertThat(pttl).isLessThanOrEqualTo(Duration.ofDays(10).toMillis())
					.isGreaterThan(Duration.ofDays(9).toMillis());
			}
		}
	}

	@Test
	void everyKeyUnderThePrefixHasATtl() {
		String c = consumer();
		history.appendIfUnchanged(c, 0, reservation(c, "k1", T0));
		history.record(event(c, "k1-ev", "k1", EventOutcome.BUSY, T0.plusSeconds(30)));
		history.record(event(c, "k2-ev", null, EventOutcome.SENT, T0.plusSeconds(60)));
		Set<String> keys = server.keys(prefix);
		assertThat(keys).isNotEmpty();
		for (String k : keys) {
			assertThat(server.pttl(k)).as("PTTL of %s", k).isPositive();
		}
	}

	@Test
	void pseudonymiseKeepsRecordsAndReservations() {
		String c = consumer();
		ContactRecord rsv = reservation(c, "p1", T0);
		history.appendIfUnchanged(c, 0, rsv);
		history.record(event(c, "p0", null, EventOutcome.SENT, T0.minusSeconds(5)));
		history.pseudonymise(c, v -> "erased:" + v.length());
		HistorySnapshot s = history.load(c, Instant.EPOCH);
		assertThat(s.version()).isEqualTo(3);
		assertThat(s.records()).hasSize(2).allSatisfy(r -> assertThat(r.phone()).isEqualTo("erased:12"));
		// The reservation can still be settled after erasure.
		history.record(event(c, "p1-ev", "p1", EventOutcome.NOT_PLACED, T0.plusSeconds(5)));
		assertThat(history.load(c, Instant.EPOCH).records()).hasSize(2)
			.noneMatch(ContactRecord::isReservation)
			.extracting(ContactRecord::eventId)
			.containsExactly("p0", "p1-ev");
	}

	static ContactRecord reservationFor(String consumerId, String decisionId, String requestId, Instant at) {
		ContactRecord r = reservation(consumerId, decisionId, at);
		return new ContactRecord(r.recordId(), r.consumerId(), r.collectorId(), r.debtIds(), r.channel(), r.direction(),
				r.phone(), r.email(), r.lineType(), r.recipient(), r.dialMode(), r.purpose(), null, at, decisionId,
				null, null, requestId);
	}

	static ContactRecord eventFor(String consumerId, String eventId, String collectorId, String requestId,
			EventOutcome outcome, Instant at) {
		return new ContactRecord(eventId, consumerId, collectorId, List.of(), Channel.CALL, Direction.OUTBOUND,
				"+12125550123", null, LineType.MOBILE, Recipient.CONSUMER, DialMode.MANUAL, Purpose.COLLECTION, outcome,
				at, null, eventId, null, requestId);
	}

	@Test
	void anEventSettlesAReservationByTheRequestIdOfItsCollector() {
		String c = consumer();
		history.appendIfUnchanged(c, 0, reservationFor(c, "q1", "call-1@10.0.0.1", T0));

		assertThat(history
			.record(eventFor(c, "q1-other", "col-2", "call-1@10.0.0.1", EventOutcome.NOT_PLACED, T0.plusSeconds(5))))
			.isEqualTo(EventResult.RECORDED);
		assertThat(history.load(c, Instant.EPOCH).records()).as("another collector's request id settles nothing")
			.hasSize(2)
			.filteredOn(ContactRecord::isReservation)
			.hasSize(1);

		assertThat(
				history.record(eventFor(c, "q1-ev", "col-1", "call-1@10.0.0.1", EventOutcome.BUSY, T0.plusSeconds(6))))
			.isEqualTo(EventResult.RECORDED);
		assertThat(history.load(c, Instant.EPOCH).records()).hasSize(2)
			.noneMatch(ContactRecord::isReservation)
			.filteredOn(r -> "q1".equals(r.decisionId()))
			.singleElement()
			.satisfies(r -> {
				assertThat(r.outcome()).isEqualTo(EventOutcome.BUSY);
				assertThat(r.eventId()).isEqualTo("q1-ev");
				assertThat(r.requestId()).isEqualTo("call-1@10.0.0.1");
			});
		assertThat(redis.hgetAll(history.keys().reservations(c))).as("no settled entry is left behind").isEmpty();
	}

	@Test
	void releaseSettlesAnUnansweredReservationAsNotPlaced() {
		String c = consumer();
		history.appendIfUnchanged(c, 0, reservationFor(c, "u1", "rq-u1", T0));

		assertThat(history.release(c, "u1")).isTrue();
		assertThat(history.release(c, "u1")).as("only once").isFalse();

		assertThat(history.load(c, Instant.EPOCH).records()).singleElement().satisfies(r -> {
			assertThat(r.outcome()).isEqualTo(EventOutcome.NOT_PLACED);
			assertThat(r.isConnectedAttempt()).isFalse();
		});
	}

	@Test
	void aReservationCanBeSettledByItsRequestIdAfterErasure() {
		String c = consumer();
		history.appendIfUnchanged(c, 0, reservationFor(c, "e1", "rq-e1", T0));
		history.pseudonymise(c, v -> "erased");

		history.record(eventFor(c, "e1-ev", "col-1", "rq-e1", EventOutcome.NOT_PLACED, T0.plusSeconds(5)));

		assertThat(history.load(c, Instant.EPOCH).records()).singleElement()
			.satisfies(r -> assertThat(r.outcome()).isEqualTo(EventOutcome.NOT_PLACED));
	}

	@Test
	void concurrentCallersNeverPassACap() throws Exception {
		assertCapHolds(history, consumer());
	}

	@Test
	void casAndCapHoldOnARedisCluster() throws Exception {
		try (RedisTestServer cluster = RedisTestServer.startCluster(3);
				UnifiedJedis clusterRedis = RedisClients.connect(cluster.url(), Duration.ofSeconds(2))) {
			assertThat(cluster.url()).startsWith("redis-cluster://");
			String clusterPrefix = RedisTestServer.randomPrefix();
			RedisContactHistory h = new RedisContactHistory(clusterRedis, clusterPrefix, java.time.Clock.systemUTC());
			// Consumers spread over the slots of all three masters.
			for (int i = 0; i < 12; i++) {
				String c = "cluster-" + i;
				assertThat(h.appendIfUnchanged(c, 0, reservation(c, "d" + i, T0))).isTrue();
				assertThat(h.appendIfUnchanged(c, 0, reservation(c, "x" + i, T0))).isFalse();
				assertThat(h.record(event(c, "e" + i, "d" + i, EventOutcome.BUSY, T0.plusSeconds(1))))
					.isEqualTo(EventResult.RECORDED);
				assertThat(h.record(event(c, "e" + i, "d" + i, EventOutcome.BUSY, T0.plusSeconds(1))))
					.isEqualTo(EventResult.REPEATED);
				HistorySnapshot s = h.load(c, Instant.EPOCH);
				assertThat(s.version()).isEqualTo(2);
				assertThat(s.records()).singleElement()
					.satisfies(r -> assertThat(r.outcome()).isEqualTo(EventOutcome.BUSY));
			}
			assertCapHolds(h, "cluster-cap");
			assertThat(RedisClients.ping(clusterRedis)).isTrue();
			Set<String> keys = cluster.keys(clusterPrefix);
			assertThat(keys).hasSizeGreaterThan(12 * 3);
			for (String k : keys) {
				assertThat(cluster.pttl(k)).as("PTTL of %s", k).isPositive();
			}
		}
	}

	/**
	 * 32 threads loop load, decide on the snapshot (cap 7), appendIfUnchanged: exactly 7
	 * records.
	 */
	static void assertCapHolds(ContactHistory h, String c) throws Exception {
		int threads = 32;
		int cap = 7;
		ExecutorService pool = Executors.newFixedThreadPool(threads);
		CountDownLatch start = new CountDownLatch(1);
		AtomicInteger appended = new AtomicInteger();
		AtomicInteger conflicts = new AtomicInteger();
		try {
			List<Future<?>> futures = new ArrayList<>();
			for (int t = 0; t < threads; t++) {
				int thread = t;
				futures.add(pool.submit(() -> {
					start.await();
					for (int attempt = 0; attempt < 10_000; attempt++) {
						HistorySnapshot s = h.load(c, T0.minus(Duration.ofDays(7)));
						if (s.records().size() >= cap) {
							return null;
						}
						if (h.appendIfUnchanged(c, s.version(),
								reservation(c, "t" + thread + "-" + attempt, T0.plusMillis(thread)))) {
							appended.incrementAndGet();
							return null;
						}
						conflicts.incrementAndGet();
					}
					throw new AssertionError("no progress");
				}));
			}
			start.countDown();
			for (Future<?> f : futures) {
				f.get(60, TimeUnit.SECONDS);
			}
		}
		finally {
			pool.shutdownNow();
		}
		HistorySnapshot end = h.load(c, T0.minus(Duration.ofDays(7)));
		assertThat(end.records()).hasSize(cap);
		assertThat(appended.get()).isEqualTo(cap);
		assertThat(end.version()).isEqualTo(cap);
	}

}
