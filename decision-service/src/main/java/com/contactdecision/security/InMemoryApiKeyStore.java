package com.contactdecision.security;

import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** The embedded default: keys live as long as the process. */
public final class InMemoryApiKeyStore implements ApiKeyStore {

	private final Map<String, ApiKey> keys = new ConcurrentHashMap<>();

	@Override
	public void save(ApiKey key) {
		keys.put(key.id(), key);
	}

	@Override
	public Optional<ApiKey> find(String id) {
		return Optional.ofNullable(keys.get(id));
	}

	@Override
	public List<ApiKey> all() {
		return keys.values().stream().sorted(Comparator.comparing(ApiKey::createdAt)).toList();
	}

	@Override
	public boolean delete(String id) {
		return keys.remove(id) != null;
	}

}
