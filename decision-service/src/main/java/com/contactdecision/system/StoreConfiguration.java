package com.contactdecision.system;

import java.time.Clock;

import redis.clients.jedis.UnifiedJedis;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Condition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.type.AnnotatedTypeMetadata;

import com.contactdecision.decision.DecisionLog;
import com.contactdecision.decision.InMemoryDecisionLog;
import com.contactdecision.redis.RedisDecisionLog;
import com.contactdecision.history.ContactHistory;
import com.contactdecision.history.InMemoryContactHistory;
import com.contactdecision.redis.RedisClients;
import com.contactdecision.redis.RedisContactHistory;
import com.contactdecision.redis.RedisFactReader;
import com.contactdecision.decision.FactReader;
import com.contactdecision.decision.StoreFactReader;
import com.contactdecision.privacy.AesGcmCipher;
import com.contactdecision.privacy.Pseudonymiser;
import com.contactdecision.profiles.InMemoryProfileStore;
import com.contactdecision.profiles.ProfileStore;
import com.contactdecision.redis.RedisProfileStore;

/**
 * The stores: in memory unless {@code decisioning.redis-url} ({@code REDIS_URL}) is set, in which
 * case Redis is the store of record for history, reservations, idempotency keys, profiles,
 * consents, debts and collectors.
 */
@Configuration(proxyBeanMethods = false)
class StoreConfiguration {

	static final String REDIS_URL = "decisioning.redis-url";

	static class RedisConfigured implements Condition {

		@Override
		public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
			String url = context.getEnvironment().getProperty(REDIS_URL);
			return url != null && !url.isBlank();
		}

	}

	static class NoRedis extends RedisConfigured {

		@Override
		public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
			return !super.matches(context, metadata);
		}

	}

	@Configuration(proxyBeanMethods = false)
	@Conditional(NoRedis.class)
	static class InMemoryStores {

		@Bean
		ContactHistory contactHistory(DecisioningProperties properties, Clock clock) {
			return new InMemoryContactHistory(properties.historyRetention(), clock);
		}

		@Bean
		ProfileStore profileStore() {
			return new InMemoryProfileStore();
		}

		@Bean
		FactReader factReader(ProfileStore profiles, ContactHistory history) {
			return new StoreFactReader(profiles, history);
		}

		@Bean
		DecisionLog decisionLog(DecisioningProperties properties, Clock clock) {
			return new InMemoryDecisionLog(clock, properties.idempotencyRetention());
		}

	}

	@Configuration(proxyBeanMethods = false)
	@Conditional(RedisConfigured.class)
	static class RedisStores {

		@Bean(destroyMethod = "close")
		UnifiedJedis redisClient(DecisioningProperties properties) {
			return RedisClients.connect(properties.redisUrl(), properties.redisTimeout());
		}

		@Bean
		RedisContactHistory contactHistory(UnifiedJedis redis, DecisioningProperties properties, Clock clock) {
			return new RedisContactHistory(redis, properties.redisKeyPrefix(), properties.historyRetention(),
					properties.idempotencyRetention(), clock);
		}

		@Bean
		RedisProfileStore profileStore(UnifiedJedis redis, DecisioningProperties properties, Pseudonymiser pseudonyms,
				AesGcmCipher profileCipher) {
			return new RedisProfileStore(redis, properties.redisKeyPrefix(), pseudonyms, profileCipher);
		}

		/** A decision reads everything it needs in one pipeline: one round trip. */
		@Bean
		FactReader factReader(UnifiedJedis redis, RedisContactHistory history, RedisProfileStore profiles) {
			return new RedisFactReader(redis, history, profiles);
		}

		@Bean
		DecisionLog decisionLog(UnifiedJedis redis, DecisioningProperties properties) {
			return new RedisDecisionLog(redis, properties.redisKeyPrefix(), properties.idempotencyRetention());
		}

		/** Readiness goes DOWN while Redis does not answer, and UP again when it does. */
		@Bean
		HealthIndicator redisHealthIndicator(UnifiedJedis redis) {
			return () -> RedisClients.ping(redis) ? Health.up().build()
					: Health.down().withDetail("reason", "Redis does not answer; decisions fail closed").build();
		}

	}

}
