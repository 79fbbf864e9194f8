package com.contactdecision.system;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;

import com.contactdecision.history.ContactEvents;
import org.springframework.validation.annotation.Validated;

/**
 * {@code decisioning.*}: stores, retention and defaults.
 *
 * @param redisUrl blank for the embedded in-memory stores
 * @param redisKeyPrefix prepended to every Redis key, so instances or tests can share a
 * server
 * @param reservationSettleTime a reservation no event settled this long after its attempt
 * instant is listed by the history as unsettled (it keeps counting)
 */
@Validated
@ConfigurationProperties("decisioning")
record DecisioningProperties(String redisUrl, Duration redisTimeout, Duration idempotencyRetention,
		Duration historyRetention, String defaultCollectorId, String collectorsFile, String redisKeyPrefix,
		Duration reservationSettleTime) {

	static final Duration DEFAULT_REDIS_TIMEOUT = com.contactdecision.redis.RedisClients.DEFAULT_TIMEOUT;

	static final Duration DEFAULT_IDEMPOTENCY_RETENTION = Duration.ofDays(8);

	static final Duration DEFAULT_HISTORY_RETENTION = Duration.ofDays(35);

	static final Duration DEFAULT_RESERVATION_SETTLE_TIME = ContactEvents.DEFAULT_SETTLE_TIME;

	DecisioningProperties {
		redisTimeout = positive(redisTimeout, DEFAULT_REDIS_TIMEOUT, "decisioning.redis-timeout");
		idempotencyRetention = positive(idempotencyRetention, DEFAULT_IDEMPOTENCY_RETENTION,
				"decisioning.idempotency-retention");
		historyRetention = positive(historyRetention, DEFAULT_HISTORY_RETENTION, "decisioning.history-retention");
		if (historyRetention.compareTo(Duration.ofDays(32)) < 0) {
			throw new IllegalArgumentException(
					"decisioning.history-retention must be at least 32 days: the longest rule window is 30 days");
		}
		reservationSettleTime = positive(reservationSettleTime, DEFAULT_RESERVATION_SETTLE_TIME,
				"decisioning.reservation-settle-time");
		redisKeyPrefix = redisKeyPrefix == null || redisKeyPrefix.isBlank() ? "cds:" : redisKeyPrefix;
		defaultCollectorId = defaultCollectorId == null || defaultCollectorId.isBlank() ? "default"
				: defaultCollectorId;
	}

	private static Duration positive(Duration value, Duration fallback, String key) {
		if (value == null) {
			return fallback;
		}
		if (value.isNegative() || value.isZero()) {
			throw new IllegalArgumentException(key + " must be > 0");
		}
		return value;
	}

}
