package com.contactdecision.redis;

import com.contactdecision.profiles.ProfileStore;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.UnaryOperator;

import com.contactdecision.facts.Collector;
import com.contactdecision.facts.Consent;
import com.contactdecision.facts.ConsumerProfile;
import com.contactdecision.facts.Debt;
import com.contactdecision.facts.PhoneNumber;
import com.contactdecision.privacy.AesGcmCipher;
import com.contactdecision.privacy.HmacPseudonymiser;
import com.contactdecision.privacy.Pseudonymiser;
import com.contactdecision.profiles.ConsumerRecords;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.ObjectMapper;

import redis.clients.jedis.UnifiedJedis;

/**
 * Profiles, consents, debts and collectors in Redis, as JSON. Keys ({@code P} is the key
 * prefix):
 * <ul>
 * <li>{@code P{c:<consumerId>}:profile} - the profile (string), encrypted with AES-GCM
 * under the configured key ({@code enc:<keyId>:...}, bound to the consumer id): it names
 * the person's numbers, addresses and attorney.</li>
 * <li>{@code P{c:<consumerId>}:consents} - the consent records, RPUSH in the order
 * received (list).</li>
 * <li>{@code Pdebt:{<debtId>}}, {@code Pcollector:{<collectorId>}} - strings.</li>
 * <li>{@code P{p:<pseudonym>}:consumers} - the consumers whose profile lists the number
 * (set), for inbound STOP replies, keyed by the number's keyed pseudonym: no key name
 * holds a number.</li>
 * </ul>
 *
 * <p>
 * <b>No TTL on these keys, on purpose.</b> They are the collection system's records of
 * the person, not caches or counters: a consent or revocation must be honoured until it
 * is superseded, however old (a STOP received a year ago still forbids texts), a
 * profile's attorney, cease notice or hold stays in force until the collection system
 * replaces it, and consent records are the proof of compliance that must outlive the
 * profile (erasure keeps them pseudonymised). Expiring them would silently turn a DENY
 * into an ALLOW. They leave Redis only through {@link #erase}, a new put, or the
 * collection system's own retention process. The phone index is derived from the profiles
 * and lives exactly as long as they do. (The contact history and the idempotency keys,
 * which are windows and not records, all carry TTLs.)
 *
 * <p>
 * In Cluster, keys of different consumers, debts and numbers are in different slots, so
 * the phone index is maintained by separate commands, not a transaction. It is kept a
 * superset of the truth (numbers are added before the profile is written, and again
 * after, and removed only for numbers the replaced profile had and the current one lacks)
 * and {@link #consumersWithPhone} checks every candidate against its profile, so a crash
 * between commands can leave a stale entry, never a missing one.
 */
public final class RedisProfileStore implements ProfileStore {

	/** Rewrites consent entries in place, for erasure (redis/consents-rewrite.lua). */
	private static final RedisClients.Script REWRITE_CONSENTS = RedisClients.Script.load("consents-rewrite.lua");

	private final UnifiedJedis redis;

	private final RedisKeys keys;

	private final ObjectMapper json = RedisClients.json();

	private final Pseudonymiser pseudonyms;

	private final AesGcmCipher cipher;

	/**
	 * With a pseudonym secret and an encryption key of this process only: for tests,
	 * whose values need not be read by another process.
	 */
	public RedisProfileStore(UnifiedJedis redis, String keyPrefix) {
		this(redis, keyPrefix, HmacPseudonymiser.ephemeral(), ephemeralCipher());
	}

	/**
	 * @param keyPrefix prepended to every key (e.g. {@code cds:}); must not contain
	 * braces
	 * @param pseudonyms keys the phone index
	 * @param cipher encrypts profiles at rest
	 */
	public RedisProfileStore(UnifiedJedis redis, String keyPrefix, Pseudonymiser pseudonyms, AesGcmCipher cipher) {
		this.redis = redis;
		this.keys = new RedisKeys(keyPrefix);
		this.pseudonyms = pseudonyms;
		this.cipher = cipher;
	}

	private static AesGcmCipher ephemeralCipher() {
		byte[] key = new byte[32];
		new java.security.SecureRandom().nextBytes(key);
		return new AesGcmCipher(java.util.Map.of("tmp", key), "tmp");
	}

	@Override
	public Optional<ConsumerProfile> profile(String consumerId) {
		String value = RedisClients.call("profile get", () -> redis.get(keys.profile(consumerId)));
		return Optional.ofNullable(readProfile(consumerId, value));
	}

	@Override
	public Optional<ConsumerProfile> kept(String consumerId) {
		String value = RedisClients.call("kept get", () -> redis.get(keys.kept(consumerId)));
		return Optional.ofNullable(readProfile(consumerId, value));
	}

	@Override
	public boolean putProfile(String consumerId, ConsumerProfile profile) {
		String key = keys.profile(consumerId);
		Set<String> numbers = numbers(profile);
		for (String n : numbers) {
			RedisClients.call("phone index add", () -> redis.sadd(phoneIndex(n), consumerId));
		}
		String sealed = cipher.encrypt(write(profile), consumerId);
		String old = RedisClients.call("profile put", () -> redis.setGet(key, sealed));
		Set<String> removed = numbers(readProfile(consumerId, old));
		removed.removeAll(numbers);
		for (String n : removed) {
			RedisClients.call("phone index remove", () -> redis.srem(phoneIndex(n), consumerId));
		}
		if (!removed.isEmpty()) {
			// A concurrent put may have written a profile that still lists a number
			// removed here.
			Set<String> current = numbers(
					readProfile(consumerId, RedisClients.call("profile get", () -> redis.get(key))));
			current.retainAll(removed);
			for (String n : current) {
				RedisClients.call("phone index add", () -> redis.sadd(phoneIndex(n), consumerId));
			}
		}
		// And a concurrent put may have removed one of ours after we added it above.
		for (String n : numbers) {
			RedisClients.call("phone index add", () -> redis.sadd(phoneIndex(n), consumerId));
		}
		return old != null;
	}

	private String phoneIndex(String number) {
		return keys.phoneIndex(pseudonyms.pseudonym(number));
	}

	@Override
	public void addConsent(String consumerId, Consent consent) {
		String value = write(consent);
		RedisClients.call("consent add", () -> redis.rpush(keys.consents(consumerId), value));
	}

	@Override
	public List<Consent> consents(String consumerId) {
		List<String> values = RedisClients.call("consents get", () -> redis.lrange(keys.consents(consumerId), 0, -1));
		List<Consent> result = new ArrayList<>(values.size());
		for (String v : values) {
			result.add(read(v, Consent.class));
		}
		return List.copyOf(result);
	}

	@Override
	public Optional<Debt> debt(String debtId) {
		String value = RedisClients.call("debt get", () -> redis.get(keys.debt(debtId)));
		return Optional.ofNullable(read(value, Debt.class));
	}

	@Override
	public boolean putDebt(Debt debt) {
		String value = write(debt);
		return RedisClients.call("debt put", () -> redis.setGet(keys.debt(debt.debtId()), value)) != null;
	}

	@Override
	public Optional<Collector> collector(String collectorId) {
		String value = RedisClients.call("collector get", () -> redis.get(keys.collector(collectorId)));
		return Optional.ofNullable(read(value, Collector.class));
	}

	@Override
	public boolean putCollector(Collector collector) {
		String value = write(collector);
		return RedisClients.call("collector put",
				() -> redis.setGet(keys.collector(collector.collectorId()), value)) != null;
	}

	@Override
	public Set<String> consumersWithPhone(String e164) {
		Set<String> candidates = new TreeSet<>();
		// During a rotation of the pseudonym secret, entries made under the retired
		// secret count too.
		for (String p : pseudonyms.pseudonyms(e164)) {
			candidates.addAll(RedisClients.call("phone index get", () -> redis.smembers(keys.phoneIndex(p))));
		}
		Set<String> result = new TreeSet<>();
		for (String consumerId : candidates) {
			// The index may hold a stale entry (see the class comment): the profile
			// decides.
			Optional<ConsumerProfile> p = profile(consumerId);
			if (p.isPresent() && p.get().phones().stream().map(PhoneNumber::number).anyMatch(e164::equals)) {
				result.add(consumerId);
			}
		}
		return result;
	}

	/**
	 * Keeps what of the profile stops contact ({@link ConsumerRecords#suppressionsOf})
	 * apart, with what an earlier erasure kept, then deletes the profile and its phone
	 * index entries, and rewrites the consent records in place with pseudonymised
	 * destinations. The kept suppressions are written before the profile goes, so a crash
	 * between the two leaves both, never neither. Consents are only ever appended, so
	 * rewriting the first n entries by index cannot lose one added meanwhile.
	 */
	@Override
	public void erase(String consumerId, UnaryOperator<String> pseudonym) {
		String key = keys.profile(consumerId);
		ConsumerProfile old = readProfile(consumerId, RedisClients.call("profile get", () -> redis.get(key)));
		if (old != null) {
			ConsumerProfile kept = ConsumerRecords.withKept(ConsumerRecords.suppressionsOf(old, pseudonym),
					kept(consumerId).orElse(null));
			String sealed = cipher.encrypt(write(kept), consumerId);
			RedisClients.call("kept put", () -> redis.set(keys.kept(consumerId), sealed));
			RedisClients.call("profile erase", () -> redis.del(key));
			for (String n : numbers(old)) {
				for (String p : pseudonyms.pseudonyms(n)) {
					RedisClients.call("phone index remove", () -> redis.srem(keys.phoneIndex(p), consumerId));
				}
			}
		}
		String consentsKey = keys.consents(consumerId);
		List<String> values = RedisClients.call("consents get", () -> redis.lrange(consentsKey, 0, -1));
		List<String> changes = new ArrayList<>();
		for (int i = 0; i < values.size(); i++) {
			Consent c = read(values.get(i), Consent.class);
			if (c.destination() != null) {
				Consent erased = new Consent(c.kind(), c.action(), c.channel(), pseudonym.apply(c.destination()),
						c.scope(), c.source(), c.at(), c.validFrom(), c.validUntil(), c.debtIds());
				changes.add(Integer.toString(i));
				changes.add(write(erased));
			}
		}
		if (!changes.isEmpty()) {
			RedisClients.call("consents erase", () -> REWRITE_CONSENTS.run(redis, List.of(consentsKey), changes));
		}
	}

	/** The key layout, for the combined decision read and tests. */
	RedisKeys keys() {
		return keys;
	}

	private static String require(String id, String name) {
		if (id == null || id.isEmpty()) {
			throw new IllegalArgumentException("A " + name + " is required");
		}
		return id;
	}

	private static Set<String> numbers(ConsumerProfile p) {
		Set<String> numbers = new LinkedHashSet<>();
		if (p != null) {
			for (PhoneNumber n : p.phones()) {
				if (n.number() != null && !n.number().isEmpty()) {
					numbers.add(n.number());
				}
			}
		}
		return numbers;
	}

	private String write(Object value) {
		try {
			return json.writeValueAsString(value);
		}
		catch (JacksonException e) {
			throw new IllegalStateException("Cannot serialise " + value.getClass().getSimpleName(), e);
		}
	}

	/**
	 * Decrypts and decodes a stored profile, for the combined decision read
	 * (RedisFactReader).
	 */
	public ConsumerProfile readProfile(String consumerId, String value) {
		return read(cipher.decrypt(value, consumerId), ConsumerProfile.class);
	}

	/** Decodes a stored value, for the combined decision read (RedisFactReader). */
	public <T> T read(String value, Class<T> type) {
		if (value == null) {
			return null;
		}
		try {
			return json.readValue(value, type);
		}
		catch (JacksonException e) {
			throw new IllegalStateException("Unreadable " + type.getSimpleName() + " in Redis", e);
		}
	}

}
