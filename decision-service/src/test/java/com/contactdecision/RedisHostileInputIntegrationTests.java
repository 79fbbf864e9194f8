package com.contactdecision;

import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import com.contactdecision.redis.RedisTestServer;

/** Hostile input with Redis as the store of record: the same answers as in memory. */
class RedisHostileInputIntegrationTests extends HostileInputIntegrationTests {

	@DynamicPropertySource
	static void redis(DynamicPropertyRegistry registry) {
		registry.add("decisioning.redis-url", () -> RedisTestServer.shared().url());
		registry.add("decisioning.redis-key-prefix", RedisTestServer::randomPrefix);
	}

}
