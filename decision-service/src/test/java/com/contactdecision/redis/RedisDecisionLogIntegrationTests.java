package com.contactdecision.redis;

import com.contactdecision.decision.DecisionLog;
import com.contactdecision.history.StoreUnavailableException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.contactdecision.redis.RedisDecisionLog;
import com.contactdecision.decision.Decision;
import com.contactdecision.decision.Mode;
import com.contactdecision.decision.Outcome;
import com.contactdecision.decision.RequestConflictException;
import com.contactdecision.decision.Reason;
import com.contactdecision.facts.Obligation;
import com.contactdecision.facts.ReasonCode;

import redis.clients.jedis.UnifiedJedis;

class RedisDecisionLogIntegrationTests {

	static final Instant T0 = Instant.parse("2026-11-23T15:00:00.5Z");

	static RedisTestServer server;

	static UnifiedJedis redis;

	static String prefix;

	static RedisDecisionLog log;

	/** Stands in for the audit store, where a retry reads the first call's decision. */
	static final Map<String, Decision> audit = new ConcurrentHashMap<>();

	@BeforeAll
	static void connect() {
		server = RedisTestServer.shared();
		redis = RedisClients.connect(server.url(), Duration.ofSeconds(2));
		prefix = RedisTestServer.randomPrefix();
		log = new RedisDecisionLog(redis, prefix, Duration.ofDays(8), id -> Optional.ofNullable(audit.get(id)));
	}

	@AfterAll
	static void disconnect() {
		redis.close();
	}

	static Decision decision(String requestId) {
		return new Decision("dec-" + UUID.randomUUID(), Outcome.DENY,
				List.of(new Reason(ReasonCode.CALL_FREQUENCY_CAP, "reg-f-7-in-7", "7 calls in 7 days",
						"12 CFR 1006.14(b)")),
				List.of(Obligation.INCLUDE_OPT_OUT_NOTICE), List.of("a warning"), T0.plus(Duration.ofDays(2)),
				List.of("America/New_York"), false, "rules-1", T0, requestId, "c-1", Mode.RESERVE);
	}

	@Test
	void decisionsAreReadFromTheAuditStoreAndNeverKeptInRedis() {
		String requestId = "r-" + UUID.randomUUID();
		Decision d = decision(requestId);
		assertThat(log.find(d.decisionId())).isEmpty();
		log.once("northwind", requestId, "fp-1", () -> {
			log.save(d);
			audit.put(d.decisionId(), d);
			return d;
		});
		assertThat(log.find(d.decisionId())).contains(d);
		assertThat(server.keys(prefix)).noneMatch(k -> k.contains("dec:"));
		// This test's own keys: other tests of the class plant keys of their own under
		// the prefix.
		for (String k : server.keys(prefix).stream().filter(k -> k.contains(requestId)).toList()) {
			assertThat(server.pttl(k)).as(k).isPositive().isLessThanOrEqualTo(Duration.ofDays(8).toMillis());
		}
	}

	@Test
	void aRequestKeyHoldsNoDestinationAndARetryAnswersTheAuditCopy() {
		String requestId = "r-" + UUID.randomUUID();
		String phone = "+16145550187";
		Decision clear = new Decision("dec-" + UUID.randomUUID(), Outcome.DENY,
				List.of(new Reason(ReasonCode.CALL_FREQUENCY_CAP, "reg-f-7-in-7", "7 calls in 7 days to " + phone,
						"12 CFR 1006.14(b)")),
				List.of(), List.of("called " + phone), null, List.of("America/New_York"), false, "rules-1", T0,
				requestId, "c-erased", Mode.RESERVE);
		// The audit store keeps the record pseudonymised, as the service writes it.
		Decision kept = clear.pseudonymised(v -> "ps-1");
		log.once("northwind", requestId, "ab".repeat(32), () -> {
			audit.put(clear.decisionId(), kept);
			return clear;
		});
		// Erasure has nothing to rewrite here (RedisDecisionLog#pseudonymise)...
		log.pseudonymise("c-erased", v -> "ps-1");
		// ...because the request key never held the answer: only a short fingerprint and
		// the decision id.
		String key = prefix + "req:{northwind:" + requestId + "}";
		String held = redis.get(key);
		assertThat(held).doesNotContain(phone, "6145550187", "\"d\"", "calls")
			.isEqualTo("ab".repeat(8) + "|" + clear.decisionId().substring("dec-".length()));
		assertThat(server.pttl(key)).isGreaterThan(Duration.ofDays(7).toMillis());
		// A retry answers the audit store's copy, and the full fingerprint still matches.
		assertThat(log.once("northwind", requestId, "ab".repeat(32), () -> {
			throw new AssertionError("decided twice");
		})).isEqualTo(kept);
		assertThatThrownBy(() -> log.once("northwind", requestId, "cd".repeat(32), () -> clear))
			.isInstanceOf(RequestConflictException.class);
	}

	@Test
	void aRequestKeyOfAnEarlierVersionWithTheWholeAnswerIsStillHonoured() {
		String requestId = "r-" + UUID.randomUUID();
		Decision d = decision(requestId);
		String key = prefix + "req:{northwind:" + requestId + "}";
		redis.set(key, "{\"f\":\"" + "ef".repeat(32) + "\",\"p\":null,\"d\":"
				+ RedisClients.json().writeValueAsString(d) + "}");
		// Not in the audit store: the kept answer is the fallback.
		assertThat(log.once("northwind", requestId, "ef".repeat(32), () -> {
			throw new AssertionError("decided twice");
		})).isEqualTo(d);
		Decision audited = d.pseudonymised(v -> "ps-2");
		audit.put(d.decisionId(), audited);
		assertThat(log.once("northwind", requestId, "ef".repeat(32), () -> {
			throw new AssertionError("decided twice");
		})).isEqualTo(audited);
	}

	@Test
	void onceRunsTheSupplierOnceUnderConcurrentCallers() throws Exception {
		String requestId = "r-" + UUID.randomUUID();
		AtomicInteger runs = new AtomicInteger();
		int callers = 16;
		ExecutorService pool = Executors.newFixedThreadPool(callers);
		CountDownLatch start = new CountDownLatch(1);
		try {
			List<Future<Decision>> futures = new ArrayList<>();
			for (int i = 0; i < callers; i++) {
				futures.add(pool.submit(() -> {
					start.await();
					return log.once("northwind", requestId, "fp-1", () -> {
						runs.incrementAndGet();
						sleep(50); // concurrent retries arrive while the first call
									// decides
						Decision d = decision(requestId);
						log.save(d); // the caller saves before returning
										// (DecisionLog.once)
						audit.put(d.decisionId(), d); // and the audit store has kept its
														// record
						return d;
					});
				}));
			}
			start.countDown();
			List<Decision> answers = new ArrayList<>();
			for (Future<Decision> f : futures) {
				answers.add(f.get(30, TimeUnit.SECONDS));
			}
			assertThat(runs.get()).isEqualTo(1);
			assertThat(answers).hasSize(callers).allSatisfy(d -> assertThat(d).isEqualTo(answers.get(0)));
			assertThat(log.find(answers.get(0).decisionId())).contains(answers.get(0));
			// A later retry answers the same decision without deciding.
			assertThat(log.once("northwind", requestId, "fp-1", () -> {
				throw new AssertionError("decided twice");
			})).isEqualTo(answers.get(0));
			String key = prefix + "req:{northwind:" + requestId + "}";
			assertThat(server.pttl(key)).isGreaterThan(Duration.ofDays(7).toMillis());
		}
		finally {
			pool.shutdownNow();
		}
	}

	@Test
	void aFailedFirstCallReleasesTheRequestId() {
		String requestId = "r-" + UUID.randomUUID();
		assertThatThrownBy(() -> log.once("northwind", requestId, "fp-1", () -> {
			throw new IllegalStateException("boom");
		})).isInstanceOf(IllegalStateException.class).hasMessage("boom");
		assertThat(redis.exists(prefix + "req:{northwind:" + requestId + "}")).isFalse();
		Decision d = decision(requestId);
		assertThat(log.once("northwind", requestId, "fp-2", () -> d)).isEqualTo(d);
	}

	@Test
	void aRetryWaitsBoundedlyForAStuckFirstCall() {
		RedisDecisionLog quick = new RedisDecisionLog(redis, prefix, Duration.ofDays(8), Duration.ofSeconds(30),
				Duration.ofMillis(100), id -> Optional.ofNullable(audit.get(id)));
		String requestId = "r-" + UUID.randomUUID();
		redis.set(prefix + "req:{northwind:" + requestId + "}", "{\"f\":\"fp-1\",\"p\":\"someone-else\"}");
		long t = System.nanoTime();
		assertThatThrownBy(() -> quick.once("northwind", requestId, "fp-1", () -> decision(requestId)))
			.isInstanceOf(StoreUnavailableException.class);
		assertThat(Duration.ofNanos(System.nanoTime() - t)).isLessThan(Duration.ofSeconds(1));
		redis.del(prefix + "req:{northwind:" + requestId + "}");
	}

	@Test
	void theSameRequestIdWithAnotherFingerprintIsAConflictAndDecidesNothing() {
		String requestId = "call-id-" + UUID.randomUUID();
		Decision d = decision(requestId);
		log.once("northwind", requestId, "fp-1", () -> audited(d));

		assertThatThrownBy(() -> log.once("northwind", requestId, "fp-2", () -> {
			throw new AssertionError("decided a conflicting request");
		})).isInstanceOf(RequestConflictException.class);
		assertThat(log.once("northwind", requestId, "fp-1", () -> {
			throw new AssertionError("decided twice");
		})).isEqualTo(d);
	}

	@Test
	void aConflictingCallDoesNotWaitForTheFirstCallToDecide() {
		String requestId = "call-id-" + UUID.randomUUID();
		redis.set(prefix + "req:{northwind:" + requestId + "}", "{\"f\":\"fp-1\",\"p\":\"someone-else\"}");

		assertThatThrownBy(() -> log.once("northwind", requestId, "fp-2", () -> decision(requestId)))
			.isInstanceOf(RequestConflictException.class);
	}

	@Test
	void requestIdsOfTwoCollectorsAreTwoKeys() {
		String requestId = "call-id-" + UUID.randomUUID();
		Decision first = decision(requestId);
		Decision second = decision(requestId);

		assertThat(log.once("northwind", requestId, "fp-1", () -> first)).isEqualTo(first);
		assertThat(log.once("southwind", requestId, "fp-2", () -> second)).isEqualTo(second);
	}

	@Test
	void aRetryWhoseDecisionTheAuditStoreLacksFailsRetryablyAndDecidesNothing() {
		String requestId = "r-" + UUID.randomUUID();
		Decision d = decision(requestId);
		log.once("northwind", requestId, "fp-1", () -> d);

		assertThatThrownBy(() -> log.once("northwind", requestId, "fp-1", () -> {
			throw new AssertionError("decided twice");
		})).isInstanceOf(StoreUnavailableException.class);
		audit.put(d.decisionId(), d);
		assertThat(log.once("northwind", requestId, "fp-1", () -> {
			throw new AssertionError("decided twice");
		})).isEqualTo(d);
	}

	/** As the service does: the audit store holds a decision before it is answered. */
	static Decision audited(Decision d) {
		audit.put(d.decisionId(), d);
		return d;
	}

	@Test
	void concurrentCallersWithTwoFingerprintsGetOneDecisionOrAConflict() throws Exception {
		String requestId = "call-id-" + UUID.randomUUID();
		AtomicInteger runs = new AtomicInteger();

		List<String> answers = com.contactdecision.support.Concurrently.run(16, i -> {
			try {
				return log.once("northwind", requestId, "fp-" + (i % 2), () -> {
					runs.incrementAndGet();
					sleep(20);
					return audited(decision(requestId));
				}).decisionId();
			}
			catch (RequestConflictException e) {
				return "409";
			}
		});

		assertThat(runs.get()).isEqualTo(1);
		assertThat(answers).filteredOn("409"::equals).hasSize(8);
		assertThat(answers).filteredOn(a -> !a.equals("409"))
			.hasSize(8)
			.containsOnly(answers.stream().filter(a -> !a.equals("409")).findFirst().orElseThrow());
	}

	static void sleep(long millis) {
		try {
			Thread.sleep(millis);
		}
		catch (InterruptedException e) {
			Thread.currentThread().interrupt();
		}
	}

}
