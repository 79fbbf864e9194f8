package com.contactdecision;

import org.junit.jupiter.api.AfterAll;

import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import com.contactdecision.redis.RedisTestServer;

/**
 * The contract suite against a Redis Cluster of three masters started by
 * {@link RedisTestServer}
 * ({@code redis-cluster://127.0.0.1:p1,127.0.0.1:p2,127.0.0.1:p3}): every script's keys
 * must hash to one slot, and a consumer's, a debt's and a phone number's keys live on
 * different nodes.
 */
class RedisClusterContractIntegrationTests extends RedisBackedContractIntegrationTests {

	static final String PREFIX = RedisTestServer.randomPrefix();

	private static RedisTestServer cluster;

	static synchronized RedisTestServer cluster() {
		if (cluster == null) {
			cluster = RedisTestServer.startCluster(3);
		}
		return cluster;
	}

	@DynamicPropertySource
	static void redis(DynamicPropertyRegistry registry) {
		registry.add("decisioning.redis-url", () -> cluster().url());
		registry.add("decisioning.redis-key-prefix", () -> PREFIX);
	}

	@AfterAll
	static synchronized void stopCluster() {
		// The context is closed after the class (@DirtiesContext), the cluster at JVM
		// exit at the latest.
		if (cluster != null) {
			cluster.close();
			cluster = null;
		}
	}

	@Override
	RedisTestServer redis() {
		return cluster();
	}

	@Override
	String keyPrefix() {
		return PREFIX;
	}

}
