package com.contactdecision.security;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code decisioning.security.*}: keys, secrets, rate limits and bearer tokens (README,
 * "Security").
 *
 * @param bootstrapAdminKey accepted as an ADMIN key
 * ({@code DECISIONING_BOOTSTRAP_ADMIN_KEY})
 * @param bootstrapKeyFile where the first start writes a new admin key when none is
 * configured
 * @param apiKeysFile optional JSON list of keys to accept
 * ({@code id, name, role, collectorId,
 * key or keyHash, expiresAt})
 * @param keyCacheTtl how long a key's record is cached: a key revoked on another instance
 * stops here within this time
 * @param secretsDir where secrets not given are generated on first start (owner-only
 * files)
 * @param apiKeySecret base64 HMAC secret for API key hashes
 * @param pseudonymSecrets {@code id:base64[,id:base64...]}, the current secret first
 * @param encryptionKeys {@code id:base64[,id:base64...]} AES keys, the active key first
 * @param requestsPerSecond per key (or token subject); past it a request answers 429
 * @param jwtRolesClaim the bearer token claim holding the role (a string or a list)
 * @param jwtCollectorClaim the bearer token claim holding the collector scope, if any
 */
@ConfigurationProperties("decisioning.security")
record SecurityProperties(String bootstrapAdminKey, String bootstrapKeyFile, String apiKeysFile, Duration keyCacheTtl,
		String secretsDir, String apiKeySecret, String pseudonymSecrets, String encryptionKeys,
		Integer requestsPerSecond, String jwtRolesClaim, String jwtCollectorClaim) {

	static final Duration DEFAULT_KEY_CACHE_TTL = Duration.ofSeconds(1);

	static final int DEFAULT_REQUESTS_PER_SECOND = 10_000;

	SecurityProperties {
		bootstrapKeyFile = blank(bootstrapKeyFile) ? "data/bootstrap-admin.key" : bootstrapKeyFile;
		secretsDir = blank(secretsDir) ? "data/secrets" : secretsDir;
		keyCacheTtl = keyCacheTtl == null ? DEFAULT_KEY_CACHE_TTL : keyCacheTtl;
		if (keyCacheTtl.isNegative() || keyCacheTtl.isZero()) {
			throw new IllegalArgumentException("decisioning.security.key-cache-ttl must be > 0");
		}
		requestsPerSecond = requestsPerSecond == null ? DEFAULT_REQUESTS_PER_SECOND : requestsPerSecond;
		if (requestsPerSecond <= 0) {
			throw new IllegalArgumentException("decisioning.security.requests-per-second must be > 0");
		}
		jwtRolesClaim = blank(jwtRolesClaim) ? "roles" : jwtRolesClaim;
		jwtCollectorClaim = blank(jwtCollectorClaim) ? "collector_id" : jwtCollectorClaim;
	}

	static boolean blank(String s) {
		return s == null || s.isBlank();
	}

}
