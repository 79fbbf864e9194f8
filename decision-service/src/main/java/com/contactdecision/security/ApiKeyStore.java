package com.contactdecision.security;

import java.util.List;
import java.util.Optional;

/**
 * Where API keys live: Redis when {@code decisioning.redis-url} is set (shared by every
 * instance), else memory. Thread-safe; may throw
 * {@link com.contactdecision.history.StoreUnavailableException}.
 */
public interface ApiKeyStore {

	void save(ApiKey key);

	Optional<ApiKey> find(String id);

	List<ApiKey> all();

	/** True when it existed. */
	boolean delete(String id);

}
