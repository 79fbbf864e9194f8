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
import org.springframework.context.annotation.Primary;
import org.springframework.core.type.AnnotatedTypeMetadata;

import com.contactdecision.audit.AuditDrain;
import com.contactdecision.audit.JdbcDecisionRecords;
import com.contactdecision.audit.StreamedDecisionRecords;
import com.contactdecision.decision.DecisionLog;
import com.contactdecision.decision.DecisionRecord;
import com.contactdecision.redis.RedisAuditStream;
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
 * The stores: in memory unless {@code decisioning.redis-url} ({@code REDIS_URL}) is set,
 * in which case Redis is the store of record for history, reservations, idempotency keys,
 * profiles, consents, debts and collectors. Decision records go to the audit database
 * ({@link AuditConfiguration}): directly without Redis, through the Redis audit stream
 * with it.
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
		RedisAuditStream auditStream(UnifiedJedis redis, DecisioningProperties properties, AuditProperties audit) {
			return new RedisAuditStream(redis, properties.redisKeyPrefix(), audit.backlogLimit());
		}

		/**
		 * On standalone Redis the reserving script writes the reservation's record on the
		 * audit stream in the same atomic write; a Cluster keeps the stream in another
		 * slot, so there the record is added right after the reservation, before the
		 * answer.
		 */
		@Bean
		RedisContactHistory contactHistory(UnifiedJedis redis, DecisioningProperties properties, Clock clock,
				RedisAuditStream audit) {
			return new RedisContactHistory(redis, properties.redisKeyPrefix(), properties.historyRetention(),
					properties.idempotencyRetention(), clock, cluster(properties) ? null : audit);
		}

		private static boolean cluster(DecisioningProperties properties) {
			return properties.redisUrl().trim().toLowerCase(java.util.Locale.ROOT).contains("-cluster://");
		}

		@Bean
		@Primary
		StreamedDecisionRecords decisionRecords(RedisAuditStream stream, JdbcDecisionRecords database,
				RedisContactHistory history) {
			return new StreamedDecisionRecords(stream, database, history.recordsWithReservations());
		}

		@Bean(destroyMethod = "close")
		AuditDrain auditDrain(RedisAuditStream stream, JdbcDecisionRecords database, AuditProperties audit) {
			AuditDrain drain = new AuditDrain(stream, database, audit.drainBatch(), audit.drainLease().toMillis(),
					audit.drainIdle().toMillis());
			drain.start();
			return drain;
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

		/**
		 * Request ids in Redis; a retry reads the first call's decision in the audit
		 * store.
		 */
		@Bean
		DecisionLog decisionLog(UnifiedJedis redis, DecisioningProperties properties, StreamedDecisionRecords records) {
			return new RedisDecisionLog(redis, properties.redisKeyPrefix(), properties.idempotencyRetention(),
					id -> records.find(id).map(DecisionRecord::decision));
		}

		/** Readiness goes DOWN while Redis does not answer, and UP again when it does. */
		@Bean
		HealthIndicator redisHealthIndicator(UnifiedJedis redis) {
			return () -> RedisClients.ping(redis) ? Health.up().build()
					: Health.down().withDetail("reason", "Redis does not answer; decisions fail closed").build();
		}

	}

}
