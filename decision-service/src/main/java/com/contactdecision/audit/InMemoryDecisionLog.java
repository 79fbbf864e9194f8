package com.contactdecision.audit;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

import com.contactdecision.decision.Decision;

/**
 * The embedded default. Entries live for the idempotency retention (8 days by default), expired
 * lazily on write, as Redis keys expire by TTL.
 */
public final class InMemoryDecisionLog implements DecisionLog {

	private record Entry<T>(T value, Instant expiresAt) {
	}

	private final Map<String, Entry<Decision>> decisions = new ConcurrentHashMap<>();

	private final Map<String, Entry<CompletableFuture<Decision>>> requests = new ConcurrentHashMap<>();

	private final Clock clock;

	private final Duration retention;

	public InMemoryDecisionLog(Clock clock, Duration retention) {
		this.clock = clock;
		this.retention = retention;
	}

	@Override
	public void save(Decision decision) {
		Instant now = clock.instant();
		decisions.put(decision.decisionId(), new Entry<>(decision, now.plus(retention)));
		if (decisions.size() % 1024 == 0) {
			decisions.values().removeIf(e -> e.expiresAt().isBefore(now));
			requests.values().removeIf(e -> e.expiresAt().isBefore(now));
		}
	}

	@Override
	public Optional<Decision> find(String decisionId) {
		Entry<Decision> e = decisions.get(decisionId);
		return e == null ? Optional.empty() : Optional.of(e.value());
	}

	@Override
	public Decision once(String requestId, Supplier<Decision> decide) {
		CompletableFuture<Decision> mine = new CompletableFuture<>();
		Entry<CompletableFuture<Decision>> existing = requests.putIfAbsent(requestId,
				new Entry<>(mine, clock.instant().plus(retention)));
		if (existing != null) {
			return existing.value().join();
		}
		try {
			Decision d = decide.get();
			mine.complete(d);
			return d;
		}
		catch (RuntimeException e) {
			// A failed first attempt must not poison the key: the retry decides afresh.
			requests.remove(requestId);
			mine.completeExceptionally(e);
			throw e;
		}
	}

}
