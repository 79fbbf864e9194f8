package com.contactdecision.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.UnifiedJedis;

import com.contactdecision.redis.RedisClients;
import com.contactdecision.redis.RedisKeys;
import com.contactdecision.redis.RedisTestServer;

/**
 * API keys on a real Redis shared by two instances (two {@link ApiKeys}, each with its
 * own cache, as two service instances have): a key works on both, is stored only as a
 * keyed hash, and a revoked key stops at once where it was revoked and within the cache
 * time on the other.
 */
class ApiKeysIntegrationTests {

	static final byte[] SECRET = "api-key-hash-secret-for-tests-01".getBytes(StandardCharsets.UTF_8);

	static final Duration CACHE = Duration.ofMillis(300);

	static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-23T15:00:00Z"), ZoneOffset.UTC);

	static UnifiedJedis redis;

	static String prefix;

	@BeforeAll
	static void connect() {
		redis = RedisClients.connect(RedisTestServer.shared().url(), Duration.ofSeconds(2));
		prefix = RedisTestServer.randomPrefix();
	}

	@AfterAll
	static void disconnect() {
		redis.close();
	}

	ApiKeys instance() {
		return new ApiKeys(new RedisApiKeyStore(redis, prefix), SECRET, CLOCK, CACHE);
	}

	@Test
	void aKeyIsStoredOnlyAsAKeyedHashAndWorksOnEveryInstance() {
		ApiKeys a = instance();
		ApiKeys b = instance();

		ApiKeys.Created created = a.create("east", Role.DIALLER, "northwind", null);

		String stored = redis.get(new RedisKeys(prefix).apiKey(created.record().id()));
		assertThat(stored).doesNotContain(created.key())
			.doesNotContain(created.key().substring(("cdk_" + created.record().id() + "_").length()))
			.contains(a.hash(created.key()));
		assertThat(b.authenticate(created.key())).hasValueSatisfying(k -> {
			assertThat(k.role()).isEqualTo(Role.DIALLER);
			assertThat(k.collectorId()).isEqualTo("northwind");
		});
		assertThat(b.authenticate(created.key() + "x")).isEmpty();
		assertThat(b.authenticate("cdk_" + created.record().id() + "_guess")).isEmpty();
		assertThat(new ApiKeys(new RedisApiKeyStore(redis, prefix), "another-secret-of-thirty-two-by".getBytes(), CLOCK,
				CACHE)
			.authenticate(created.key())).as("under another hash secret").isEmpty();
	}

	@Test
	void aRevokedKeyStopsAtOnceWhereRevokedAndWithinTheCacheTimeElsewhere() throws Exception {
		ApiKeys a = instance();
		ApiKeys b = instance();
		ApiKeys.Created created = a.create("west", Role.COMPLIANCE, null, null);
		assertThat(b.authenticate(created.key())).isPresent();

		long revokedAt = System.nanoTime();
		assertThat(a.revoke(created.record().id())).isTrue();

		assertThat(a.authenticate(created.key())).as("on the instance that revoked it").isEmpty();
		while (b.authenticate(created.key()).isPresent()) {
			assertThat(Duration.ofNanos(System.nanoTime() - revokedAt)).isLessThan(CACHE.plusMillis(200));
			Thread.sleep(10);
		}
		assertThat(Duration.ofNanos(System.nanoTime() - revokedAt)).isLessThan(CACHE.plusMillis(200));
	}

	@Test
	void anExpiredKeyIsRefused() {
		ApiKeys a = instance();
		ApiKeys.Created created = a.create("short", Role.INTEGRATION, null, CLOCK.instant().plusSeconds(60));
		ApiKeys later = new ApiKeys(new RedisApiKeyStore(redis, prefix), SECRET,
				Clock.offset(CLOCK, Duration.ofSeconds(61)), CACHE);

		assertThat(a.authenticate(created.key())).isPresent();
		assertThat(later.authenticate(created.key())).isEmpty();
	}

	/**
	 * Checking a key is on every decision's path: a keyed hash and a cached lookup,
	 * microseconds, not a password hash's milliseconds.
	 */
	@Test
	void checkingACachedKeyCostsMicroseconds() {
		ApiKeys a = instance();
		ApiKeys.Created created = a.create("fast", Role.DIALLER, "northwind", null);
		for (int i = 0; i < 20_000; i++) {
			a.authenticate(created.key());
		}
		int n = 200_000;
		long started = System.nanoTime();
		for (int i = 0; i < n; i++) {
			if (a.authenticate(created.key()).isEmpty()) {
				throw new AssertionError("the key stopped working");
			}
		}
		// Cache refreshes (one Redis GET per CACHE) are included.
		double micros = (System.nanoTime() - started) / 1000.0 / n;
		System.out.printf("API key check: %.2f us per call (%d calls)%n", micros, n);
		assertThat(micros).isLessThan(50);
	}

}
