package com.contactdecision.decision;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/**
 * Records in memory, for tests and tools that decide without a database (the scenario
 * runner, the JMH fixtures). The service never uses it: its embedded default is a
 * database file. At most {@code capacity} records are kept, the oldest going first, so a
 * benchmark deciding millions of times does not fill the heap. Thread-safe.
 */
public final class InMemoryDecisionRecords implements DecisionRecords {

	public static final int DEFAULT_CAPACITY = 100_000;

	/** Newest first: by instant, then id. */
	static final Comparator<DecisionRecord> NEWEST_FIRST = Comparator.comparing((DecisionRecord r) -> r.decision().at())
		.thenComparing(DecisionRecord::decisionId)
		.reversed();

	private final Map<String, DecisionRecord> records = new ConcurrentHashMap<>();

	private final java.util.Queue<String> order = new java.util.concurrent.ConcurrentLinkedQueue<>();

	private final java.util.concurrent.atomic.AtomicInteger size = new java.util.concurrent.atomic.AtomicInteger();

	private final int capacity;

	public InMemoryDecisionRecords() {
		this(DEFAULT_CAPACITY);
	}

	public InMemoryDecisionRecords(int capacity) {
		this.capacity = capacity;
	}

	@Override
	public void keep(DecisionRecord record) {
		if (records.putIfAbsent(record.decisionId(), record) == null) {
			order.add(record.decisionId());
			if (size.incrementAndGet() > capacity) {
				String oldest = order.poll();
				if (oldest != null) {
					records.remove(oldest);
					size.decrementAndGet();
				}
			}
		}
	}

	@Override
	public Optional<DecisionRecord> find(String decisionId) {
		return Optional.ofNullable(records.get(decisionId));
	}

	@Override
	public Page query(Query query) {
		RecordCursor after = query.cursor() == null ? null : RecordCursor.decode(query.cursor());
		List<DecisionRecord> all = matching(query).stream().filter(r -> after == null || after.before(r)).toList();
		int limit = query.limit() > 0 ? query.limit() : all.size();
		List<DecisionRecord> page = all.subList(0, Math.min(limit, all.size()));
		DecisionRecord last = page.isEmpty() ? null : page.get(page.size() - 1);
		return new Page(page, all.size() > page.size() && last != null
				? new RecordCursor(last.decision().at(), last.decisionId()).encode() : null);
	}

	@Override
	public void forEach(Query query, Consumer<DecisionRecord> each) {
		List<DecisionRecord> all = matching(query);
		all.subList(0, query.limit() > 0 ? Math.min(query.limit(), all.size()) : all.size()).forEach(each);
	}

	private List<DecisionRecord> matching(Query query) {
		List<DecisionRecord> all = new ArrayList<>(records.values().stream().filter(query::matches).toList());
		all.sort(NEWEST_FIRST);
		return all;
	}

}
