package com.contactdecision.security;

import java.time.Instant;

/**
 * An API key as stored: never the key itself, only its keyed hash (HMAC-SHA256 under
 * {@code decisioning.security.api-key-secret}).
 *
 * @param collectorId when set, the key acts for this collector only (a dialler decides
 * only for its own)
 * @param expiresAt null: until revoked
 */
public record ApiKey(String id, String name, Role role, String collectorId, String hash, Instant createdAt,
		Instant expiresAt) {

	boolean expiredAt(Instant now) {
		return expiresAt != null && !now.isBefore(expiresAt);
	}

	/** As listed: without the hash. */
	ApiKey withoutHash() {
		return new ApiKey(id, name, role, collectorId, null, createdAt, expiresAt);
	}

}
