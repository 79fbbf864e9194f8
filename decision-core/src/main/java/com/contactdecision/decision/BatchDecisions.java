package com.contactdecision.decision;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.FutureTask;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.contactdecision.history.StoreUnavailableException;

/**
 * Decides a batch (CONTRACT section 1) as if each item had been sent alone, in fewer
 * round trips and on all cores:
 * <ul>
 * <li>the items are grouped by consumer, and a consumer's items are decided in request
 * order by one task, so two items of one batch for the same consumer see each other (a
 * RESERVE still goes through the history's compare-and-append, item by item);</li>
 * <li>the groups are cut into chunks of {@code chunk} consumers; a chunk's facts are read
 * with one {@link FactReader#readAll} (on Redis, one pipeline), then its items are
 * decided, so no more than a chunk's facts are held at once per task;</li>
 * <li>the chunks run on a bounded pool sized to the cores; answers land in request
 * order.</li>
 * </ul>
 * A read made for the batch serves an item's first read only while nothing in the batch
 * can have changed that consumer's history: after a RESERVE item of a consumer, its later
 * items read afresh. A reservation that loses a race reads afresh as it always does.
 */
public final class BatchDecisions implements AutoCloseable {

	private static final Logger log = LoggerFactory.getLogger(BatchDecisions.class);

	/**
	 * Consumers whose facts one pipeline reads: about 200 keep a pipeline reply small.
	 */
	public static final int DEFAULT_CHUNK = 200;

	/** Chunk tasks waiting for a thread, across all batches. */
	private static final int QUEUE = 1_000;

	/**
	 * One item's answer: a decision, or the conflict its request id met (nothing
	 * decided).
	 */
	public record Answer(Decision decision, RequestConflictException conflict) {

		public Answer {
			if ((decision == null) == (conflict == null)) {
				throw new IllegalArgumentException("an answer is a decision or a conflict");
			}
		}

	}

	private final DecisionService service;

	private final ThreadPoolExecutor executor;

	private final int chunk;

	/**
	 * @param threads the deciding threads, shared by every batch: the cores (deciding is
	 * mostly CPU, the reads are pipelined)
	 * @param chunk consumers per task and per batch read
	 */
	public BatchDecisions(DecisionService service, int threads, int chunk) {
		if (chunk < 1 || threads < 1) {
			throw new IllegalArgumentException("threads and chunk must be positive");
		}
		this.service = Objects.requireNonNull(service);
		this.chunk = chunk;
		AtomicInteger n = new AtomicInteger();
		// Bounded: when the queue is full (many large batches at once) the request thread
		// decides its chunk itself, which slows the callers rather than growing a queue.
		this.executor = new ThreadPoolExecutor(threads, threads, 0, TimeUnit.MILLISECONDS,
				new ArrayBlockingQueue<>(QUEUE), r -> {
					Thread t = new Thread(r, "batch-decide-" + n.incrementAndGet());
					t.setDaemon(true);
					return t;
				}, new ThreadPoolExecutor.CallerRunsPolicy());
	}

	/** The cores of this machine, the default number of deciding threads. */
	public static int cores() {
		return Runtime.getRuntime().availableProcessors();
	}

	@Override
	public void close() {
		executor.shutdownNow();
	}

	/**
	 * Decides every request (already validated) by {@code deadline} (a
	 * {@link System#nanoTime()} value), each also within its own
	 * {@link com.contactdecision.validation.Limits#DECISION_BUDGET}: items not reached in
	 * time fail closed.
	 * @return one answer per request, in request order
	 */
	public List<Answer> decide(List<ContactRequest> requests, long deadline) {
		Answer[] answers = new Answer[requests.size()];
		List<FutureTask<Void>> tasks = new ArrayList<>();
		List<List<Integer>> groups = new ArrayList<>(chunk);
		for (List<Integer> group : groups(requests)) {
			groups.add(group);
			if (groups.size() == chunk) {
				tasks.add(submit(requests, groups, answers, deadline));
				groups = new ArrayList<>(chunk);
			}
		}
		if (!groups.isEmpty()) {
			tasks.add(submit(requests, groups, answers, deadline));
		}
		for (FutureTask<Void> task : tasks) {
			await(task);
		}
		return List.of(answers);
	}

	/**
	 * The items that must be decided one after another, each group in request order: a
	 * consumer's items (they read and write one history), joined with any other
	 * consumer's that reuse one of their request ids (the first in the batch decides, a
	 * later one gets its answer or a conflict, as if sent in order).
	 */
	static List<List<Integer>> groups(List<ContactRequest> requests) {
		int[] parent = new int[requests.size()];
		Map<String, Integer> firstOfConsumer = new HashMap<>();
		Map<String, Integer> firstOfRequestId = new HashMap<>();
		for (int i = 0; i < requests.size(); i++) {
			parent[i] = i;
			ContactRequest r = requests.get(i);
			Integer same = firstOfConsumer.putIfAbsent(r.consumerId(), i);
			if (same != null) {
				union(parent, same, i);
			}
			if (r.requestId() != null) {
				Integer reused = firstOfRequestId.putIfAbsent(r.requestId(), i);
				if (reused != null) {
					union(parent, reused, i);
				}
			}
		}
		Map<Integer, List<Integer>> byRoot = new LinkedHashMap<>();
		for (int i = 0; i < requests.size(); i++) {
			byRoot.computeIfAbsent(root(parent, i), k -> new ArrayList<>()).add(i);
		}
		return List.copyOf(byRoot.values());
	}

	private static int root(int[] parent, int i) {
		while (parent[i] != i) {
			parent[i] = parent[parent[i]];
			i = parent[i];
		}
		return i;
	}

	private static void union(int[] parent, int a, int b) {
		int ra = root(parent, a);
		int rb = root(parent, b);
		// The earlier item is the root, so groups come out in the order of their first
		// item.
		parent[Math.max(ra, rb)] = Math.min(ra, rb);
	}

	private FutureTask<Void> submit(List<ContactRequest> requests, List<List<Integer>> groups, Answer[] answers,
			long deadline) {
		FutureTask<Void> task = new FutureTask<>(() -> decideChunk(requests, groups, answers, deadline), null);
		executor.execute(task);
		return task;
	}

	private static void await(FutureTask<Void> task) {
		try {
			task.get();
		}
		catch (InterruptedException e) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("interrupted while deciding a batch", e);
		}
		catch (ExecutionException e) {
			if (e.getCause() instanceof RuntimeException r) {
				throw r;
			}
			throw new IllegalStateException(e.getCause());
		}
	}

	/** Reads the chunk's facts at once, then decides each consumer's items in order. */
	private void decideChunk(List<ContactRequest> requests, List<List<Integer>> groups, Answer[] answers,
			long deadline) {
		Map<FactReader.Query, Integer> asked = new LinkedHashMap<>();
		Map<Integer, FactReader.Query> queryOf = new LinkedHashMap<>();
		for (List<Integer> group : groups) {
			for (int i : group) {
				FactReader.Query q = service.query(requests.get(i));
				queryOf.put(i, q);
				asked.putIfAbsent(q, asked.size());
			}
		}
		List<FactReader.Facts> read = List.of();
		if (System.nanoTime() - deadline < 0) {
			try {
				read = service.reader().readAll(List.copyOf(asked.keySet()));
			}
			catch (StoreUnavailableException e) {
				// Each item reads for itself and fails closed alone if the store is still
				// down.
				log.warn("batch read of {} consumers failed; reading item by item: {}", groups.size(), e.getMessage());
			}
		}
		for (List<Integer> group : groups) {
			boolean fresh = !read.isEmpty();
			for (int i : group) {
				ContactRequest req = requests.get(i);
				FactReader source = service.reader();
				if (fresh) {
					FactReader.Query q = queryOf.get(i);
					source = new FirstReadFrom(q, read.get(asked.get(q)), service.reader());
				}
				long itemDeadline = System.nanoTime() + service.budget().toNanos();
				try {
					answers[i] = new Answer(
							service.decide(req, itemDeadline - deadline < 0 ? itemDeadline : deadline, source), null);
				}
				catch (RequestConflictException e) {
					answers[i] = new Answer(null, e);
				}
				if (req.modeOrDefault() == Mode.RESERVE) {
					// It may have changed the history the batch read: later items read
					// afresh.
					fresh = false;
				}
			}
		}
	}

	/**
	 * Answers the first read that asks for what the batch read, with what it read; every
	 * other read (a retry after a lost race, say) goes to the store.
	 */
	private static final class FirstReadFrom implements FactReader {

		private final Query query;

		private final FactReader store;

		private Facts facts;

		FirstReadFrom(Query query, Facts facts, FactReader store) {
			this.query = query;
			this.facts = facts;
			this.store = store;
		}

		@Override
		public Facts read(String consumerId, List<String> debtIds, String collectorId, java.time.Instant historySince) {
			Facts first = facts;
			facts = null;
			// A request without "at" is decided at the clock's instant, a little later
			// than
			// the batch read for it: a look-back that starts earlier holds every record
			// the
			// later one would.
			if (first != null && query.consumerId().equals(consumerId) && query.debtIds().equals(debtIds)
					&& Objects.equals(query.collectorId(), collectorId)
					&& !query.historySince().isAfter(historySince)) {
				return first;
			}
			return store.read(consumerId, debtIds, collectorId, historySince);
		}

	}

}
