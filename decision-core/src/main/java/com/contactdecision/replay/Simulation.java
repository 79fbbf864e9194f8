package com.contactdecision.replay;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

import com.contactdecision.decision.DecisionRecord;
import com.contactdecision.decision.DecisionRecords;
import com.contactdecision.decision.Outcome;
import com.contactdecision.decision.Reason;
import com.contactdecision.decision.SituationFactory;
import com.contactdecision.facts.ReasonCode;
import com.contactdecision.rules.DroolsRuleEngine;
import com.contactdecision.facts.Finding;
import com.contactdecision.rules.RuleSet;
import com.contactdecision.facts.Verdict;

/**
 * Evaluates recorded decisions again under a candidate rule set, each with the facts it
 * saw, and counts the ones whose outcome flips, grouped by direction, reason and rule
 * (CONTRACT section 8). An ALLOW that becomes a DENY is counted under each reason the
 * candidate gives; a DENY that becomes an ALLOW under each reason it was denied for. The
 * records are read on the calling thread and evaluated on a fixed pool of
 * {@code threads}, at most {@code 4 × threads} batches in flight, so a replay of any size
 * holds a bounded number of records in memory. Thread-safe; one replay per call.
 */
public final class Simulation {

	/** Example decision ids kept per flip group. */
	public static final int EXAMPLES = 5;

	private static final int BATCH = 500;

	private final DroolsRuleEngine engine;

	private final SituationFactory situations;

	private final int threads;

	/**
	 * @param situations rebuilds a recorded situation ({@link SituationFactory#replay});
	 * reads no store
	 */
	public Simulation(DroolsRuleEngine engine, SituationFactory situations, int threads) {
		if (threads < 1) {
			throw new IllegalArgumentException("threads must be at least 1");
		}
		this.engine = engine;
		this.situations = situations;
		this.threads = threads;
	}

	/** One group of flips. */
	public record Flip(Outcome from, Outcome to, ReasonCode reason, String rule, long count, List<String> examples) {
	}

	/**
	 * @param replayed recorded decisions evaluated again
	 * @param unchanged of those, how many the candidate decides the same way
	 * @param flipped how many change outcome (each counted once, however many reasons it
	 * has)
	 */
	public record Report(String candidateVersion, String activeVersion, long replayed, long unchanged, long flipped,
			List<Flip> flips) {
	}

	private record Key(Outcome from, Outcome to, ReasonCode reason, String rule) {
	}

	private static final class Group {

		final AtomicLong count = new AtomicLong();

		final List<String> examples = new ArrayList<>();

		void add(String decisionId) {
			count.incrementAndGet();
			synchronized (examples) {
				if (examples.size() < EXAMPLES) {
					examples.add(decisionId);
				}
			}
		}

	}

	/**
	 * Replays every record {@code range} matches (newest first, at most
	 * {@code range.limit()}).
	 * @param activeVersion the version answered today, for the report
	 */
	public Report run(RuleSet candidate, String activeVersion, DecisionRecords records, DecisionRecords.Query range) {
		Map<Key, Group> groups = new ConcurrentHashMap<>();
		AtomicLong replayed = new AtomicLong();
		AtomicLong flipped = new AtomicLong();
		ExecutorService pool = Executors.newFixedThreadPool(threads, r -> {
			Thread t = new Thread(r, "simulation");
			t.setDaemon(true);
			return t;
		});
		Semaphore inFlight = new Semaphore(threads * 4);
		List<Future<?>> futures = new ArrayList<>();
		List<Supplier<DecisionRecord>> batch = new ArrayList<>(BATCH);
		try {
			// Read on this thread, parsed and evaluated on the pool's.
			records.forEachUnread(range, r -> {
				batch.add(r);
				if (batch.size() == BATCH) {
					futures.add(submit(pool, inFlight, List.copyOf(batch), candidate, groups, replayed, flipped));
					batch.clear();
				}
			});
			if (!batch.isEmpty()) {
				futures.add(submit(pool, inFlight, List.copyOf(batch), candidate, groups, replayed, flipped));
			}
			for (Future<?> f : futures) {
				f.get();
			}
		}
		catch (InterruptedException e) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("the simulation was interrupted", e);
		}
		catch (ExecutionException e) {
			throw new IllegalStateException("a recorded decision could not be replayed: " + e.getCause().getMessage(),
					e.getCause());
		}
		finally {
			pool.shutdownNow();
		}
		List<Flip> flips = groups.entrySet()
			.stream()
			.map(e -> new Flip(e.getKey().from(), e.getKey().to(), e.getKey().reason(), e.getKey().rule(),
					e.getValue().count.get(), List.copyOf(e.getValue().examples)))
			.sorted(Comparator.comparingLong(Flip::count)
				.reversed()
				.thenComparing(f -> f.from().name())
				.thenComparing(f -> f.reason().name())
				.thenComparing(f -> String.valueOf(f.rule())))
			.toList();
		return new Report(candidate.version(), activeVersion, replayed.get(), replayed.get() - flipped.get(),
				flipped.get(), flips);
	}

	private Future<?> submit(ExecutorService pool, Semaphore inFlight, List<Supplier<DecisionRecord>> batch,
			RuleSet candidate, Map<Key, Group> groups, AtomicLong replayed, AtomicLong flipped) {
		inFlight.acquireUninterruptibly();
		return pool.submit(() -> {
			try {
				for (Supplier<DecisionRecord> r : batch) {
					replay(r.get(), candidate, groups, flipped);
					replayed.incrementAndGet();
				}
			}
			finally {
				inFlight.release();
			}
		});
	}

	private void replay(DecisionRecord r, RuleSet candidate, Map<Key, Group> groups, AtomicLong flipped) {
		Verdict verdict = engine.evaluate(candidate, situations.replay(r));
		Outcome was = r.decision().outcome();
		Outcome now = verdict.allows() ? Outcome.ALLOW : Outcome.DENY;
		if (was == now) {
			return;
		}
		flipped.incrementAndGet();
		if (now == Outcome.DENY) {
			for (Finding f : verdict.findings()) {
				groups.computeIfAbsent(new Key(was, now, f.code(), f.rule()), k -> new Group()).add(r.decisionId());
			}
		}
		else {
			for (Reason reason : r.decision().reasons()) {
				groups.computeIfAbsent(new Key(was, now, reason.code(), reason.rule()), k -> new Group())
					.add(r.decisionId());
			}
		}
	}

}
