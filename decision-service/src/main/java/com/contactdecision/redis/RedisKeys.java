package com.contactdecision.redis;

import java.time.Duration;

/**
 * Every Redis key the service writes, and how long it lives: the one place to look.
 *
 * <p>
 * {@code P} is the configured prefix. An id goes into a key only through {@link #encode},
 * so no id, whatever characters it holds, can reach another id's key space or another
 * hash tag (a consumer id containing {@code }} or {@code :e:}, or a lone UTF-16 surrogate
 * that a UTF-8 encoder would turn into {@code ?}). Keys of one consumer share the hash
 * tag {@code {c:<id>}}, so each script touches one Cluster slot.
 *
 * <table>
 * <caption>Keys and their lifetimes</caption>
 * <tr>
 * <th>key</th>
 * <th>what</th>
 * <th>TTL</th>
 * </tr>
 * <tr>
 * <td>{@code P{c:<consumer>}:h}</td>
 * <td>contact history, a sorted set by instant of compact members (HistoryMembers)</td>
 * <td>history retention (35 days), renewed on write</td>
 * </tr>
 * <tr>
 * <td>{@code P{c:<consumer>}:v}</td>
 * <td>history version (compare-and-append)</td>
 * <td>history retention</td>
 * </tr>
 * <tr>
 * <td>{@code P{c:<consumer>}:rsv}</td>
 * <td>unsettled reservations by decision id, and (fields {@code q:<collector>:<request>})
 * their decision ids by request id; settling drops both</td>
 * <td>history retention</td>
 * </tr>
 * <tr>
 * <td>{@code P{c:<consumer>}:ev}</td>
 * <td>eventId idempotency: a hash of the consumer's eventIds, each to the epoch millis
 * until which it is remembered (expired ones pruned on every event)</td>
 * <td>idempotency retention (8 days), renewed on write</td>
 * </tr>
 * <tr>
 * <td>{@code P{c:<consumer>}:e:<event>}</td>
 * <td>eventId idempotency as earlier versions kept it, one key per event: still honoured,
 * never written</td>
 * <td>idempotency retention (8 days)</td>
 * </tr>
 * <tr>
 * <td>{@code P{c:<consumer>}:profile}</td>
 * <td>the profile</td>
 * <td><b>none</b>: a record of the person (see below)</td>
 * </tr>
 * <tr>
 * <td>{@code P{c:<consumer>}:kept}</td>
 * <td>what erasure kept of the profile: the suppressions, pseudonymised, encrypted</td>
 * <td><b>none</b>: a suppression is honoured however old</td>
 * </tr>
 * <tr>
 * <td>{@code P{c:<consumer>}:consents}</td>
 * <td>consent records, appended</td>
 * <td><b>none</b></td>
 * </tr>
 * <tr>
 * <td>{@code Pdebt:{<debt>}}</td>
 * <td>a debt</td>
 * <td><b>none</b></td>
 * </tr>
 * <tr>
 * <td>{@code Pcollector:{<collector>}}</td>
 * <td>a collector</td>
 * <td><b>none</b></td>
 * </tr>
 * <tr>
 * <td>{@code P{p:<pseudonym>}:consumers}</td>
 * <td>who holds a number (inbound STOP), keyed by the number's keyed pseudonym, never the
 * number</td>
 * <td><b>none</b>: lives as long as the profiles</td>
 * </tr>
 * <tr>
 * <td>{@code Papikey:{<id>}}</td>
 * <td>an API key: its keyed hash, role, scope, dates (never the key)</td>
 * <td><b>none</b>: lives until revoked</td>
 * </tr>
 * <tr>
 * <td>{@code Papikeys}</td>
 * <td>the ids of every API key (listing)</td>
 * <td><b>none</b></td>
 * </tr>
 * <tr>
 * <td>{@code Paudit:{stream}}</td>
 * <td>decision records not yet in the audit database (a stream; the reserving script adds
 * a RESERVE's record with its reservation, the drain deletes what the database
 * committed)</td>
 * <td><b>none</b>: bounded by the drain, and by
 * {@code decisioning.audit.backlog-limit}</td>
 * </tr>
 * <tr>
 * <td>{@code Preq:{<collector>:<request>}}</td>
 * <td>requestId idempotency, per collector: 64 bits of the request's fingerprint and the
 * decision id (the answer itself is read from the audit store; RedisDecisionLog)</td>
 * <td>pending lease (30 s), then idempotency retention</td>
 * </tr>
 * </table>
 *
 * <p>
 * <b>Keys without a TTL are records, not caches:</b> a STOP, an attorney, a cease notice
 * or a hold must be honoured until superseded, however old, so expiring them would
 * silently turn a DENY into an ALLOW. {@link #WITHOUT_TTL} lists their suffixes, and a
 * test fails on any other key without one.
 */
public final class RedisKeys {

	/**
	 * The suffixes (after the hash tag or family) of the keys that live without a TTL, on
	 * purpose.
	 */
	public static final java.util.List<String> WITHOUT_TTL = java.util.List.of(":profile", ":kept", ":consents",
			"debt:", "collector:", ":consumers", "audit:", "apikey:", "apikeys");

	/**
	 * The families of {@link #WITHOUT_TTL} as whole-key patterns (the key without its
	 * prefix), by name: a key that matches none of them must carry a TTL (the Redis
	 * contract suites check every key they leave).
	 */
	public static final java.util.Map<String, java.util.regex.Pattern> PERSISTENT_FAMILIES = java.util.Map.of("profile",
			java.util.regex.Pattern.compile("\\{c:[^}]*}:profile"), //
			"kept by erasure", java.util.regex.Pattern.compile("\\{c:[^}]*}:kept"), //
			"consents", java.util.regex.Pattern.compile("\\{c:[^}]*}:consents"), //
			"debt", java.util.regex.Pattern.compile("debt:\\{[^}]*}"), //
			"collector", java.util.regex.Pattern.compile("collector:\\{[^}]*}"), //
			"phone index", java.util.regex.Pattern.compile("\\{p:[^}]*}:consumers"), //
			"audit stream", java.util.regex.Pattern.compile("audit:\\{stream}"), //
			"api key", java.util.regex.Pattern.compile("apikey:\\{[^}]*}"), //
			"api key ids", java.util.regex.Pattern.compile("apikeys"));

	/**
	 * @param keyWithoutPrefix a key with the configured prefix removed
	 * @return the name of its documented persistent family, or null when it must expire
	 */
	public static String persistentFamily(String keyWithoutPrefix) {
		for (var e : new java.util.TreeMap<>(PERSISTENT_FAMILIES).entrySet()) {
			if (e.getValue().matcher(keyWithoutPrefix).matches()) {
				return e.getKey();
			}
		}
		return null;
	}

	public static final Duration DEFAULT_HISTORY_RETENTION = Duration.ofDays(35);

	public static final Duration DEFAULT_IDEMPOTENCY_RETENTION = Duration.ofDays(8);

	private final String prefix;

	/**
	 * @param prefix prepended to every key (e.g. {@code cds:}); must not contain braces
	 */
	public RedisKeys(String prefix) {
		String p = prefix == null ? "" : prefix;
		if (p.indexOf('{') >= 0 || p.indexOf('}') >= 0) {
			throw new IllegalArgumentException("A Redis key prefix must not contain '{' or '}': " + p);
		}
		this.prefix = p;
	}

	public String prefix() {
		return prefix;
	}

	/** The hash tag and stem every key of one consumer starts with. */
	private String consumer(String consumerId) {
		return prefix + "{c:" + encode(require(consumerId, "consumerId")) + "}";
	}

	public String history(String consumerId) {
		return consumer(consumerId) + ":h";
	}

	public String version(String consumerId) {
		return consumer(consumerId) + ":v";
	}

	public String reservations(String consumerId) {
		return consumer(consumerId) + ":rsv";
	}

	/** The consumer's eventIds (idempotency), a hash. */
	public String events(String consumerId) {
		return consumer(consumerId) + ":ev";
	}

	/**
	 * An eventId as earlier versions remembered it, one key per event: still read, never
	 * written.
	 */
	public String event(String consumerId, String eventId) {
		return consumer(consumerId) + ":e:" + encode(require(eventId, "eventId"));
	}

	public String profile(String consumerId) {
		return consumer(consumerId) + ":profile";
	}

	/**
	 * What erasure kept of the profile: the suppressions, pseudonymised
	 * (RedisProfileStore#erase).
	 */
	public String kept(String consumerId) {
		return consumer(consumerId) + ":kept";
	}

	public String consents(String consumerId) {
		return consumer(consumerId) + ":consents";
	}

	public String debt(String debtId) {
		return prefix + "debt:{" + encode(require(debtId, "debtId")) + "}";
	}

	public String collector(String collectorId) {
		return prefix + "collector:{" + encode(require(collectorId, "collectorId")) + "}";
	}

	/**
	 * @param pseudonym the number's keyed pseudonym
	 * ({@code com.contactdecision.privacy.Pseudonymiser}): a key name is visible to
	 * anyone who can list keys, so it never holds the number
	 */
	public String phoneIndex(String pseudonym) {
		if (!com.contactdecision.privacy.Pseudonymiser.isPseudonym(pseudonym)) {
			throw new IllegalArgumentException("the phone index is keyed by a pseudonym, never a number");
		}
		return prefix + "{p:" + encode(pseudonym) + "}:consumers";
	}

	public String apiKey(String keyId) {
		return prefix + "apikey:{" + encode(require(keyId, "key id")) + "}";
	}

	public String apiKeys() {
		return prefix + "apikeys";
	}

	/**
	 * The one audit stream. Standalone Redis only lets a script touch it with a
	 * consumer's keys (the reserving script); on a Cluster it is another slot, so a
	 * RESERVE's record is added right after its reservation instead.
	 */
	public String auditStream() {
		return prefix + "audit:{stream}";
	}

	/**
	 * A request id is unique per collector only: the key holds both (encoded, so ':'
	 * separates them).
	 */
	public String request(String collectorId, String requestId) {
		return prefix + "req:{" + encode(require(collectorId, "collectorId")) + ":"
				+ encode(require(requestId, "requestId")) + "}";
	}

	/**
	 * The field of {@link #reservations} that maps a collector's request id to its
	 * decision id.
	 */
	public static String reservationByRequest(String collectorId, String requestId) {
		return "q:" + encode(collectorId == null ? "" : collectorId) + ":" + encode(require(requestId, "requestId"));
	}

	/**
	 * Letters, digits and {@code - _ . @} stay as they are (every id the contract
	 * documents reads the same in Redis); any other UTF-16 unit becomes {@code %XXXX}.
	 * Injective, so two ids never share a key, and it never yields a brace, a colon or a
	 * byte a UTF-8 encoder would replace.
	 */
	public static String encode(String id) {
		StringBuilder out = null;
		for (int i = 0; i < id.length(); i++) {
			char c = id.charAt(i);
			boolean plain = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-'
					|| c == '_' || c == '.' || c == '@' || c == '+';
			if (plain && out == null) {
				continue;
			}
			if (out == null) {
				out = new StringBuilder(id.length() + 8).append(id, 0, i);
			}
			if (plain) {
				out.append(c);
			}
			else {
				out.append('%').append(String.format("%04X", (int) c));
			}
		}
		return out == null ? id : out.toString();
	}

	private static String require(String id, String name) {
		if (id == null || id.isEmpty()) {
			throw new IllegalArgumentException("A " + name + " is required");
		}
		return id;
	}

}
