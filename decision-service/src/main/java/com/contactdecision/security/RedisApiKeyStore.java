package com.contactdecision.security;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

import redis.clients.jedis.UnifiedJedis;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.ObjectMapper;

import com.contactdecision.redis.RedisClients;
import com.contactdecision.redis.RedisKeys;

/**
 * API keys in Redis ({@link RedisKeys#apiKey}, {@link RedisKeys#apiKeys}): one JSON
 * string per key, holding its keyed hash and never the key, and a set of ids for listing.
 * No TTL: a key lives until revoked (an expiry date is checked on use).
 */
public final class RedisApiKeyStore implements ApiKeyStore {

	private final UnifiedJedis redis;

	private final RedisKeys keys;

	private final ObjectMapper json = RedisClients.json();

	public RedisApiKeyStore(UnifiedJedis redis, String keyPrefix) {
		this.redis = redis;
		this.keys = new RedisKeys(keyPrefix);
	}

	@Override
	public void save(ApiKey key) {
		String value = write(key);
		RedisClients.call("api key save", () -> redis.set(keys.apiKey(key.id()), value));
		RedisClients.call("api key index", () -> redis.sadd(keys.apiKeys(), key.id()));
	}

	@Override
	public Optional<ApiKey> find(String id) {
		return Optional.ofNullable(read(RedisClients.call("api key get", () -> redis.get(keys.apiKey(id)))));
	}

	@Override
	public List<ApiKey> all() {
		List<ApiKey> all = new ArrayList<>();
		for (String id : RedisClients.call("api key list", () -> redis.smembers(keys.apiKeys()))) {
			find(id).ifPresent(all::add);
		}
		all.sort(Comparator.comparing(ApiKey::createdAt));
		return all;
	}

	@Override
	public boolean delete(String id) {
		long deleted = RedisClients.call("api key delete", () -> redis.del(keys.apiKey(id)));
		RedisClients.call("api key unindex", () -> redis.srem(keys.apiKeys(), id));
		return deleted > 0;
	}

	private String write(ApiKey key) {
		try {
			return json.writeValueAsString(key);
		}
		catch (JacksonException e) {
			throw new IllegalStateException("Cannot serialise an API key", e);
		}
	}

	private ApiKey read(String value) {
		if (value == null) {
			return null;
		}
		try {
			return json.readValue(value, ApiKey.class);
		}
		catch (JacksonException e) {
			throw new IllegalStateException("Unreadable API key in Redis", e);
		}
	}

}
