package com.contactdecision.redis;

import com.contactdecision.history.EventResult;
import com.contactdecision.history.HistorySnapshot;
import com.contactdecision.history.StoreUnavailableException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.fail;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.contactdecision.redis.RedisDecisionLog;
import com.contactdecision.decision.Decision;
import com.contactdecision.decision.Mode;
import com.contactdecision.decision.Outcome;
import com.contactdecision.facts.ConsumerProfile;
import com.contactdecision.facts.EventOutcome;
import com.contactdecision.redis.RedisProfileStore;

import redis.clients.jedis.UnifiedJedis;

/**
 * Redis goes away (stopped, or frozen so nothing answers): every store call throws
 * {@link StoreUnavailableException} within about the budget and never hangs; when Redis
 * is back the same store objects work again.
 */
class RedisStoreFailureIntegrationTests {

	static final Instant T0 = Instant.parse("2026-11-23T15:00:00Z");

	static RedisTestServer server;

	static UnifiedJedis redis;

	static RedisContactHistory history;

	static RedisProfileStore profiles;

	static RedisDecisionLog decisions;

	@BeforeAll
	static void start() {
		server = RedisTestServer.startStandalone();
		// The production default budget (BENCHMARKS.md, "Redis timeout").
		redis = RedisClients.connect(server.url(), RedisClients.DEFAULT_TIMEOUT);
		String prefix = RedisTestServer.randomPrefix();
		history = new RedisContactHistory(redis, prefix, java.time.Clock.systemUTC());
		profiles = new RedisProfileStore(redis, prefix);
		decisions = new RedisDecisionLog(redis, prefix, Duration.ofDays(8), id -> java.util.Optional.empty());
	}

	@AfterAll
	static void stop() {
		redis.close();
		server.close();
	}

	@Test
	void failsClosedWhenRedisIsDownAndRecoversWhenItIsBack() {
		assertWorks("c-1");
		assertThat(RedisClients.ping(redis)).isTrue();

		server.stop();
		assertEveryCallFailsFast("stopped");
		assertThat(RedisClients.ping(redis)).isFalse();

		server.restart();
		awaitWorking("c-2");
		assertThat(RedisClients.ping(redis)).isTrue();
	}

	@Test
	void failsClosedWhenRedisHangs() {
		assertWorks("c-3");
		server.pause();
		try {
			assertEveryCallFailsFast("frozen");
		}
		finally {
			server.resume();
		}
		awaitWorking("c-4");
	}

	private static void assertWorks(String consumerId) {
		HistorySnapshot s = history.load(consumerId, T0.minus(Duration.ofDays(7)));
		assertThat(history.appendIfUnchanged(consumerId, s.version(),
				RedisContactHistoryIntegrationTests.reservation(consumerId, "d-" + consumerId, T0)))
			.isTrue();
		assertThat(history.record(RedisContactHistoryIntegrationTests.event(consumerId, "e-" + consumerId,
				"d-" + consumerId, EventOutcome.NO_ANSWER, T0.plusSeconds(1))))
			.isEqualTo(EventResult.RECORDED);
		assertThat(profiles.putProfile(consumerId, ConsumerProfile.EMPTY)).isFalse();
		Decision d = decision(consumerId);
		assertThat(decisions.once("default", "req-" + consumerId, "fp", () -> d)).isEqualTo(d);
	}

	/**
	 * After a restart the pool may still hold a dead connection, which fails once and is
	 * dropped: wait until PING answers a few times in a row, then the same store objects
	 * must just work.
	 */
	private static void awaitWorking(String consumerId) {
		long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
		int ok = 0;
		while (ok < 3) {
			ok = RedisClients.ping(redis) ? ok + 1 : 0;
			if (System.nanoTime() > deadline) {
				fail("Redis did not come back");
			}
		}
		assertWorks(consumerId);
	}

	private static void assertEveryCallFailsFast(String state) {
		Map<String, ThrowingCallable> calls = new LinkedHashMap<>();
		calls.put("load", () -> history.load("c-1", T0));
		calls.put("appendIfUnchanged", () -> history.appendIfUnchanged("c-1", 1,
				RedisContactHistoryIntegrationTests.reservation("c-1", "x", T0)));
		calls.put("record", () -> history
			.record(RedisContactHistoryIntegrationTests.event("c-1", "e-x", null, EventOutcome.NO_ANSWER, T0)));
		calls.put("list", () -> history.list("c-1", null, null));
		calls.put("profile", () -> profiles.profile("c-1"));
		calls.put("consents", () -> profiles.consents("c-1"));
		calls.put("putProfile", () -> profiles.putProfile("c-1", ConsumerProfile.EMPTY));
		calls.put("once", () -> decisions.once("default", "req-x", "fp", () -> decision("c-1")));
		Duration slowest = Duration.ZERO;
		// Twice round: the first calls may meet pooled connections, the second new ones.
		for (int round = 0; round < 2; round++) {
			for (Map.Entry<String, ThrowingCallable> call : calls.entrySet()) {
				long t = System.nanoTime();
				assertThatThrownBy(call.getValue()).as("%s while Redis is %s", call.getKey(), state)
					.isInstanceOf(StoreUnavailableException.class)
					.hasMessageStartingWith("Redis ")
					.hasMessageNotContaining("+1212");
				Duration took = Duration.ofNanos(System.nanoTime() - t);
				assertThat(took).as("%s while Redis is %s", call.getKey(), state)
					.isLessThan(RedisClients.DEFAULT_TIMEOUT.multipliedBy(4));
				slowest = took.compareTo(slowest) > 0 ? took : slowest;
			}
		}
		System.out.println("Slowest failing call while Redis is " + state + ": " + slowest.toMillis() + " ms");
	}

	static Decision decision(String consumerId) {
		return new Decision("dec-" + consumerId, Outcome.ALLOW, List.of(), List.of(), List.of(), T0, List.of(), true,
				"rules-1", T0, "req-" + consumerId, consumerId, Mode.RESERVE);
	}

}
