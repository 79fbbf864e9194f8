package com.contactdecision.decision;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

import com.contactdecision.decision.Decision;

/**
 * The embedded default. Decisions and request ids live for the idempotency retention (8
 * days by default), as Redis keys expire by TTL, and at most {@code capacity} of each are
 * kept: past that the oldest go first, so a busy embedded instance cannot run out of
 * memory. Expiry walks a queue in insertion order, so a save costs O(1) amortised.
 */
public final class InMemoryDecisionLog implements DecisionLog {

	/**
	 * Enough for a day of a busy dialler on one instance; Redis is the store for more.
	 */
	public static final int DEFAULT_CAPACITY = 1_000_000;

	private record Expiry(String key, Instant at) {
	}

	private final Map<String, Decision> decisions = new ConcurrentHashMap<>();

	/**
	 * A claimed request id: the fingerprint it is bound to and the answer, once there is
	 * one.
	 */
	private record Claim(String fingerprint, CompletableFuture<Decision> answer) {
	}

	private final Map<String, Claim> requests = new ConcurrentHashMap<>();

	private final Queue<Expiry> decisionOrder = new ConcurrentLinkedQueue<>();

	private final Queue<Expiry> requestOrder = new ConcurrentLinkedQueue<>();

	private final AtomicInteger decisionCount = new AtomicInteger();

	private final AtomicInteger requestCount = new AtomicInteger();

	private final Clock clock;

	private final Duration retention;

	private final int capacity;

	public InMemoryDecisionLog(Clock clock, Duration retention) {
		this(clock, retention, DEFAULT_CAPACITY);
	}

	public InMemoryDecisionLog(Clock clock, Duration retention, int capacity) {
		this.clock = clock;
		this.retention = retention;
		this.capacity = capacity;
	}

	@Override
	public void save(Decision decision) {
		Instant now = clock.instant();
		if (decisions.put(decision.decisionId(), decision) == null) {
			decisionOrder.add(new Expiry(decision.decisionId(), now.plus(retention)));
			decisionCount.incrementAndGet();
		}
		evict(decisions, decisionOrder, decisionCount, now);
	}

	@Override
	public Optional<Decision> find(String decisionId) {
		return Optional.ofNullable(decisions.get(decisionId));
	}

	@Override
	public Decision once(String scope, String requestId, String fingerprint, Supplier<Decision> decide) {
		// Length-prefixed, so no (scope, requestId) pair can spell another pair's key.
		String key = scope.length() + ":" + scope + ":" + requestId;
		while (true) {
			Claim mine = new Claim(fingerprint, new CompletableFuture<>());
			Claim existing = requests.putIfAbsent(key, mine);
			if (existing != null) {
				if (!existing.fingerprint().equals(fingerprint)) {
					throw new RequestConflictException(requestId);
				}
				try {
					return existing.answer().join();
				}
				catch (java.util.concurrent.CompletionException | java.util.concurrent.CancellationException e) {
					// The first call failed and released the key: claim it again and
					// decide afresh.
					continue;
				}
			}
			Instant now = clock.instant();
			requestOrder.add(new Expiry(key, now.plus(retention)));
			requestCount.incrementAndGet();
			try {
				Decision d = decide.get();
				mine.answer().complete(d);
				evict(requests, requestOrder, requestCount, now);
				return d;
			}
			catch (RuntimeException e) {
				// A failed first attempt must not poison the key: the retry decides
				// afresh.
				requests.remove(key, mine);
				mine.answer().completeExceptionally(e);
				throw e;
			}
		}
	}

	/**
	 * Walks every kept decision: erasure is rare, and the embedded store holds one
	 * instance's worth.
	 */
	@Override
	public void pseudonymise(String consumerId, java.util.function.UnaryOperator<String> pseudonym) {
		decisions.replaceAll((id, d) -> consumerId.equals(d.consumerId()) ? d.pseudonymised(pseudonym) : d);
	}

	/** Drops entries whose time is up, then the oldest while over capacity. */
	private <V> void evict(Map<String, V> map, Queue<Expiry> order, AtomicInteger count, Instant now) {
		Expiry head;
		while ((head = order.peek()) != null && (head.at().isBefore(now) || count.get() > capacity)) {
			if (order.remove(head)) {
				map.remove(head.key());
				count.decrementAndGet();
			}
		}
	}

}
