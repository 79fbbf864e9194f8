package com.contactdecision;

import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import com.contactdecision.redis.RedisTestServer;

/**
 * The contract suite with a standalone Redis as the store of record
 * ({@link RedisTestServer#shared()}: REDIS_URL, else Testcontainers, else a redis-server
 * from the PATH), under a random key prefix so it can share a server with anything else.
 * Retried requestIds and eventIds are counted once here too
 * ({@code theSameRequestIdAnswersTheSameDecisionAndCountsOnce},
 * {@code anEventIs202ThenAnIdempotent200}).
 */
class RedisContractIntegrationTests extends RedisBackedContractIntegrationTests {

	static final String PREFIX = RedisTestServer.randomPrefix();

	@DynamicPropertySource
	static void redis(DynamicPropertyRegistry registry) {
		registry.add("decisioning.redis-url", () -> RedisTestServer.shared().url());
		registry.add("decisioning.redis-key-prefix", () -> PREFIX);
	}

	@Override
	RedisTestServer redis() {
		return RedisTestServer.shared();
	}

	@Override
	String keyPrefix() {
		return PREFIX;
	}

}
