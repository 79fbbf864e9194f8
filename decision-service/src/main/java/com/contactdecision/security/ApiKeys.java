package com.contactdecision.security;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.contactdecision.history.StoreUnavailableException;

/**
 * Creates, checks and revokes API keys. A key is {@code cdk_<id>_<secret>}: the id (64
 * random bits, not secret) finds the record, the secret (256 random bits) proves
 * possession. Only HMAC-SHA256(api-key-secret, key) is stored and compared, in constant
 * time. Checking a key costs one HMAC and a map lookup (microseconds), not a password
 * hash (milliseconds on every decision): a random 256-bit secret needs no stretching.
 *
 * <p>
 * Records are cached for {@code key-cache-ttl} (1 s by default): a key revoked here stops
 * at once, one revoked on another instance stops here within that time. Keys given at
 * start (the bootstrap admin key, a seed file) are held in memory only. Thread-safe.
 */
public final class ApiKeys {

	private static final Logger log = LoggerFactory.getLogger(ApiKeys.class);

	static final String PREFIX = "cdk_";

	/**
	 * Past this many cached ids the cache starts afresh: a caller presenting endless
	 * made-up ids must not grow it without bound (each costs one store read, as any cache
	 * miss does).
	 */
	static final int MAX_CACHED = 100_000;

	private record Cached(ApiKey key, long loadedAt) {
	}

	private final ApiKeyStore store;

	private final SecretKeySpec secret;

	private final Clock clock;

	private final long ttlNanos;

	private final SecureRandom random = new SecureRandom();

	private final Map<String, Cached> cache = new ConcurrentHashMap<>();

	/** Keys given at start, by their hash (hex). */
	private final Map<String, ApiKey> configured = new ConcurrentHashMap<>();

	private final ThreadLocal<Mac> mac;

	public ApiKeys(ApiKeyStore store, byte[] hashSecret, Clock clock, Duration cacheTtl) {
		this.store = store;
		this.secret = new SecretKeySpec(hashSecret.clone(), "HmacSHA256");
		this.clock = clock;
		this.ttlNanos = cacheTtl.toNanos();
		this.mac = ThreadLocal.withInitial(() -> {
			try {
				Mac m = Mac.getInstance("HmacSHA256");
				m.init(secret);
				return m;
			}
			catch (GeneralSecurityException e) {
				throw new IllegalStateException("HmacSHA256 is required of every JVM", e);
			}
		});
	}

	/** A new key and its record; the key is shown once and never stored. */
	public record Created(ApiKey record, String key) {
	}

	public Created create(String name, Role role, String collectorId, Instant expiresAt) {
		String id = HexFormat.of().formatHex(bytes(8));
		String key = PREFIX + id + "_" + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes(32));
		ApiKey record = new ApiKey(id, name, role, collectorId, hash(key), clock.instant(), expiresAt);
		store.save(record);
		cache.remove(id);
		return new Created(record, key);
	}

	/** A random key in the format of {@link #create}, for the bootstrap file. */
	String newBootstrapKey() {
		return PREFIX + "bootstrap_" + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes(32));
	}

	/** Accepts a key given at start (bootstrap, seed file) without storing it. */
	void accept(String key, String id, String name, Role role, String collectorId, Instant expiresAt) {
		acceptHash(hash(key), id, name, role, collectorId, expiresAt);
	}

	void acceptHash(String hash, String id, String name, Role role, String collectorId, Instant expiresAt) {
		configured.put(hash, new ApiKey(id, name, role, collectorId, hash, clock.instant(), expiresAt));
	}

	public List<ApiKey> list() {
		return store.all().stream().map(ApiKey::withoutHash).toList();
	}

	/** Revokes at once on this instance; true when the key existed. */
	public boolean revoke(String id) {
		boolean existed = store.delete(id);
		cache.put(id, new Cached(null, System.nanoTime()));
		return existed;
	}

	/** The key's record when the presented key is valid, unexpired and not revoked. */
	public Optional<ApiKey> authenticate(String presented) {
		if (presented == null || presented.isEmpty() || presented.length() > 200) {
			return Optional.empty();
		}
		String hash = hash(presented);
		ApiKey found = configured.get(hash);
		if (found == null) {
			String id = idOf(presented);
			found = id == null ? null : cached(id);
		}
		if (found == null || found.hash() == null || !MessageDigest
			.isEqual(found.hash().getBytes(StandardCharsets.US_ASCII), hash.getBytes(StandardCharsets.US_ASCII))
				|| found.expiredAt(clock.instant())) {
			return Optional.empty();
		}
		return Optional.of(found);
	}

	private ApiKey cached(String id) {
		long now = System.nanoTime();
		Cached c = cache.get(id);
		if (c != null && now - c.loadedAt() < ttlNanos) {
			return c.key();
		}
		try {
			ApiKey fresh = store.find(id).orElse(null);
			if (cache.size() >= MAX_CACHED) {
				cache.clear();
			}
			cache.put(id, new Cached(fresh, now));
			return fresh;
		}
		catch (StoreUnavailableException e) {
			// The store is away: the last record seen still answers (decisions fail
			// closed anyway).
			log.warn("API key store unavailable checking key {}: {}", id, e.getMessage());
			if (c == null) {
				throw e;
			}
			return c.key();
		}
	}

	/**
	 * {@code cdk_<id>_<secret>} gives the id; anything else is only looked up among
	 * configured keys.
	 */
	private static String idOf(String key) {
		if (!key.startsWith(PREFIX)) {
			return null;
		}
		int end = key.indexOf('_', PREFIX.length());
		return end < 0 ? null : key.substring(PREFIX.length(), end);
	}

	String hash(String key) {
		return HexFormat.of().formatHex(mac.get().doFinal(key.getBytes(StandardCharsets.UTF_8)));
	}

	private byte[] bytes(int n) {
		byte[] b = new byte[n];
		random.nextBytes(b);
		return b;
	}

	boolean storeIsEmpty() {
		return store.all().isEmpty();
	}

}
