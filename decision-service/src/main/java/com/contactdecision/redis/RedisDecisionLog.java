package com.contactdecision.redis;

import com.contactdecision.decision.DecisionLog;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.UnaryOperator;
import java.util.UUID;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Function;
import java.util.function.Supplier;

import com.contactdecision.decision.Decision;
import com.contactdecision.decision.RequestConflictException;
import com.contactdecision.decision.RequestFingerprint;
import com.contactdecision.redis.RedisClients;
import com.contactdecision.history.StoreUnavailableException;

import tools.jackson.core.JacksonException;
import redis.clients.jedis.AbstractPipeline;
import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.params.SetParams;

/**
 * Request-id idempotency in Redis. The decisions themselves are in the audit store (a
 * retry reads the first call's decision there, through {@code decisions}); no decision is
 * kept in Redis. Keys ({@code P} is the key prefix):
 * <ul>
 * <li>{@code Preq:{<collector>:<requestId>}} - {@code {"f":<fingerprint>,"p":<token>}}
 * (written {@code p|<fingerprint>|<token>}) while the first call decides (TTL: the
 * pending lease, 30 s by default), then {@code <fingerprint>|<decision id>} (TTL: the
 * idempotency retention, 8 days by default: a retry later than that decides afresh), 43
 * bytes ({@link #writeEntry}). The fingerprint is the first 64 bits of the request's
 * SHA-256 ({@link RequestFingerprint}), enough to tell a retry from another request
 * reusing its id.</li>
 * </ul>
 *
 * <p>
 * <b>What a retry needs, and why the answer is not kept here.</b> A retry needs to know
 * that the request was decided, by which fingerprint, and the answer. The answer is the
 * decision the audit store kept ({@code decisions}, which holds it before {@link #once}
 * returns), read by its id: so a request key holds no personal data (no reason message
 * naming a destination) and erasure has nothing to rewrite in it; the answer a retry gets
 * is the audit copy, numbers and addresses in its texts pseudonymised (as {@code GET
 * /v1/decisions/{id}} gives it). Earlier versions kept the whole answer as {@code "d"};
 * such a key is still honoured (its decision id looked up first, its {@code "d"} the
 * fallback) and expires within the retention. If the audit store has no such decision the
 * retry fails as the store being unavailable (retryable) rather than deciding twice.
 * </p>
 *
 * <p>
 * {@link #once}: the caller that wins {@code SET req <pending> NX PX <lease>} runs the
 * supplier, then writes the answer into the request key; the others read the request key:
 * another fingerprint is a {@link RequestConflictException} at once, the same one waits
 * (polling every 2 ms, up to 2 s by default) and answers the stored decision. If the
 * supplier throws, the winner deletes its own pending key (compare-and-delete, so it
 * never deletes another caller's) and rethrows, and the next call decides afresh. The
 * pending marker has a short lease rather than the full retention so that a winner that
 * died between deciding and answering blocks its request id for the lease only.
 */
public final class RedisDecisionLog implements DecisionLog {

	public static final Duration DEFAULT_RETENTION = Duration.ofDays(8);

	public static final Duration DEFAULT_PENDING_LEASE = Duration.ofSeconds(30);

	public static final Duration DEFAULT_WAIT = Duration.ofSeconds(2);

	private static final int FINGERPRINT_CHARS = 16;

	private static final long POLL_NANOS = Duration.ofMillis(2).toNanos();

	/** Deletes the key only if it still holds the token (redis/decision-release.lua). */
	private static final RedisClients.Script RELEASE = RedisClients.Script.load("decision-release.lua");

	private final UnifiedJedis redis;

	private final RedisKeys keys;

	private final Duration retention;

	private final Duration pendingLease;

	private final Duration wait;

	private final Function<String, Optional<Decision>> decisions;

	private final tools.jackson.databind.ObjectMapper json = RedisClients.json();

	/**
	 * @param decisions finds a decision in the audit store (which holds it before
	 * {@code once} returns)
	 */
	public RedisDecisionLog(UnifiedJedis redis, String keyPrefix, Duration retention,
			Function<String, Optional<Decision>> decisions) {
		this(redis, keyPrefix, retention, DEFAULT_PENDING_LEASE, DEFAULT_WAIT, decisions);
	}

	/**
	 * @param keyPrefix prepended to every key (e.g. {@code cds:}); must not contain
	 * braces
	 * @param retention how long decisions and request ids are kept (the idempotency
	 * retention)
	 * @param pendingLease how long a request id stays claimed by a caller that is still
	 * deciding
	 * @param wait how long a concurrent retry waits for the first call's decision
	 */
	public RedisDecisionLog(UnifiedJedis redis, String keyPrefix, Duration retention, Duration pendingLease,
			Duration wait, Function<String, Optional<Decision>> decisions) {
		this.decisions = decisions;
		this.redis = redis;
		this.keys = new RedisKeys(keyPrefix);
		this.retention = positive(retention, "retention");
		this.pendingLease = positive(pendingLease, "pendingLease");
		this.wait = positive(wait, "wait");
	}

	/**
	 * Nothing to do: Redis keeps no decision (the audit store keeps each record, with its
	 * numbers and addresses already pseudonymised when it was made), so erasure has
	 * nothing to rewrite here.
	 */
	@Override
	public void pseudonymise(String consumerId, UnaryOperator<String> pseudonym) {
	}

	/**
	 * Nothing to do: the audit store kept the record before the decision reached here.
	 */
	@Override
	public void save(Decision decision) {
	}

	@Override
	public Optional<Decision> find(String decisionId) {
		return decisions.apply(decisionId);
	}

	@Override
	public Decision once(String scope, String requestId, String fingerprint, Supplier<Decision> decide) {
		if (requestId == null || requestId.isEmpty()) {
			return decide.get();
		}
		String key = keys.request(scope, requestId);
		String pending = writeEntry(
				new RequestEntry(shortFingerprint(fingerprint), UUID.randomUUID().toString(), null, null));
		long deadline = System.nanoTime() + wait.toNanos();
		while (true) {
			String claimed = RedisClients.call("request claim",
					() -> redis.set(key, pending, SetParams.setParams().nx().px(pendingLease.toMillis())));
			if ("OK".equals(claimed)) {
				return decideOnce(key, pending, fingerprint, decide);
			}
			String held = RedisClients.call("request get", () -> redis.get(key));
			if (held == null) {
				// The first call failed and released the key (or it expired): claim it
				// again.
				continue;
			}
			RequestEntry entry = readEntry(held);
			if (!shortFingerprint(fingerprint).equals(shortFingerprint(entry.f()))) {
				throw new RequestConflictException(requestId);
			}
			if (entry.i() != null || entry.d() != null) {
				return answer(entry);
			}
			if (System.nanoTime() - deadline > 0) {
				throw new StoreUnavailableException(
						"Redis request idempotency: the first call with this requestId " + "is still deciding, retry",
						null);
			}
			LockSupport.parkNanos(POLL_NANOS);
			if (Thread.currentThread().isInterrupted()) {
				throw new StoreUnavailableException("Redis request idempotency: interrupted while waiting", null);
			}
		}
	}

	private Decision decideOnce(String key, String pending, String fingerprint, Supplier<Decision> decide) {
		Decision d;
		try {
			d = decide.get();
			String answered = writeEntry(new RequestEntry(shortFingerprint(fingerprint), null, null, d.decisionId()));
			RedisClients.call("request done",
					() -> redis.set(key, answered, SetParams.setParams().px(retention.toMillis())));
		}
		catch (RuntimeException | Error e) {
			// A failed first attempt must not poison the key: the retry decides afresh.
			// The caller
			// releases what the decision reserved, since no one was told of it.
			try {
				RedisClients.call("request release", () -> RELEASE.run(redis, List.of(key), List.of(pending)));
			}
			catch (StoreUnavailableException release) {
				e.addSuppressed(release);
			}
			throw e;
		}
		return d;
	}

	/**
	 * The first call's answer, from the audit store; the answer a key of an earlier
	 * version kept when the audit store has none.
	 */
	private Decision answer(RequestEntry entry) {
		String id = entry.i() != null ? entry.i() : entry.d().decisionId();
		Optional<Decision> kept = decisions.apply(id);
		if (kept.isPresent()) {
			return kept.get();
		}
		if (entry.d() != null) {
			return entry.d();
		}
		throw new StoreUnavailableException(
				"Redis request idempotency: the first call's decision is not in the audit store, retry", null);
	}

	/**
	 * The first 64 bits of a hex fingerprint: enough to tell a retry from another request
	 * reusing its requestId, and short enough that an answered key's value fits Redis's
	 * embedded string (44 bytes). A shorter one, or one an earlier version kept whole,
	 * compares by the same rule.
	 */
	static String shortFingerprint(String fingerprint) {
		return fingerprint == null || fingerprint.length() <= FINGERPRINT_CHARS ? String.valueOf(fingerprint)
				: fingerprint.substring(0, FINGERPRINT_CHARS);
	}

	/**
	 * What a request key holds: the fingerprint, and either the pending token or the
	 * answer's decision id ({@code d}, the whole answer, only in keys of earlier
	 * versions).
	 */
	record RequestEntry(String f, String p, Decision d, String i) {
	}

	/**
	 * {@code p|<fingerprint>|<token>} while pending, {@code <fingerprint>|<decision id>}
	 * once answered (the id without its {@code dec-} prefix, or {@code !} and the id):
	 * e.g. {@code 9f86d081884c7d65|0KQ3ZV8M2A7XG4TB9D5NPR6W1Y}, 43 bytes.
	 */
	private static String writeEntry(RequestEntry e) {
		if (e.p() != null) {
			return "p|" + e.f() + "|" + e.p();
		}
		String id = e.i();
		return e.f() + "|" + (id.startsWith("dec-") && id.length() > 4 ? id.substring(4) : "!" + id);
	}

	private RequestEntry readEntry(String value) {
		if (value.startsWith("{")) {
			// The JSON of earlier versions ({"f":..,"p":..} or {"f":..,"d":<the
			// answer>}).
			try {
				return json.readValue(value, RequestEntry.class);
			}
			catch (JacksonException e) {
				throw new IllegalStateException("Unreadable request entry in Redis", e);
			}
		}
		if (value.startsWith("p|")) {
			int bar = value.indexOf('|', 2);
			if (bar < 0) {
				throw new IllegalStateException("Unreadable request entry in Redis");
			}
			return new RequestEntry(value.substring(2, bar), value.substring(bar + 1), null, null);
		}
		int bar = value.indexOf('|');
		if (bar < 0 || bar + 1 == value.length()) {
			throw new IllegalStateException("Unreadable request entry in Redis");
		}
		String id = value.substring(bar + 1);
		return new RequestEntry(value.substring(0, bar), null, null,
				id.startsWith("!") ? id.substring(1) : "dec-" + id);
	}

	private static String require(String id, String name) {
		if (id == null || id.isEmpty()) {
			throw new IllegalArgumentException("A " + name + " is required");
		}
		return id;
	}

	private static Duration positive(Duration d, String name) {
		if (d == null || d.isNegative() || d.toMillis() <= 0) {
			throw new IllegalArgumentException(name + " must be positive");
		}
		return d;
	}

}
