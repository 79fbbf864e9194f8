package com.contactdecision.rules;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicReferenceArray;

import org.kie.api.KieBase;

/**
 * When the rows of a rule set change: the instants at which a dated row comes into force
 * or ends cut time into periods, and within one period the rows in force do not change.
 * Each period has its own {@link SessionPool} holding exactly its rows, created on first
 * use, so a decision at any instant is evaluated on sessions that hold the law of that
 * instant and nothing else, at the same cost as an undated rule set. A rule set with no
 * dated row has one period and one pool. Thread-safe.
 */
public final class Schedule {

	private final KieBase kieBase;

	private final List<ParameterRow> rows;

	private final Set<String> globals;

	private final String version;

	/** The instants at which the rows in force change, ascending. */
	private final List<Instant> boundaries;

	/**
	 * The rows in force in each period: period i starts at boundaries[i-1] (period 0 at
	 * the beginning of time).
	 */
	private final List<List<Object>> periods;

	private final AtomicReferenceArray<SessionPool> pools;

	Schedule(KieBase kieBase, List<ParameterRow> rows, Set<String> globals, String version) {
		this.kieBase = kieBase;
		this.rows = rows;
		this.globals = globals;
		this.version = version;
		TreeSet<Instant> cuts = new TreeSet<>();
		for (ParameterRow r : rows) {
			if (r.effectiveFrom() != null) {
				cuts.add(r.effectiveFrom());
			}
			if (r.effectiveUntil() != null) {
				cuts.add(r.effectiveUntil());
			}
		}
		this.boundaries = List.copyOf(cuts);
		List<List<Object>> inForce = new ArrayList<>();
		inForce.add(valuesAt(rows, Instant.MIN));
		for (Instant b : boundaries) {
			inForce.add(valuesAt(rows, b));
		}
		this.periods = List.copyOf(inForce);
		this.pools = new AtomicReferenceArray<>(periods.size());
	}

	private static List<Object> valuesAt(List<ParameterRow> rows, Instant at) {
		return rows.stream().filter(r -> r.inForceAt(at)).map(ParameterRow::value).toList();
	}

	/**
	 * Whether this schedule serves exactly this KieBase and these rows (a copied rule set
	 * keeps its pools).
	 */
	boolean belongsTo(KieBase kieBase, List<ParameterRow> rows) {
		return this.kieBase == kieBase && this.rows.equals(rows);
	}

	private int period(Instant at) {
		int i = Collections.binarySearch(boundaries, at);
		// at a boundary the new period has begun (effectiveFrom is inclusive,
		// effectiveUntil exclusive)
		return i >= 0 ? i + 1 : -i - 1;
	}

	/** The values of the rows in force at the instant. */
	public List<Object> rowsAt(Instant at) {
		return periods.get(period(at));
	}

	/**
	 * The reusable sessions for decisions at the instant: they hold exactly the rows in
	 * force then.
	 */
	public SessionPool sessionsAt(Instant at) {
		int p = period(at);
		SessionPool pool = pools.get(p);
		if (pool == null) {
			pools.compareAndSet(p, null, new SessionPool(kieBase, periods.get(p), globals, version));
			pool = pools.get(p);
		}
		return pool;
	}

	/**
	 * The first instant after {@code t} at which the rows in force change, or null when
	 * none does.
	 */
	public Instant nextChangeAfter(Instant t) {
		int i = Collections.binarySearch(boundaries, t);
		int next = i >= 0 ? i + 1 : -i - 1;
		return next < boundaries.size() ? boundaries.get(next) : null;
	}

	/** Every instant at which the rows in force change, ascending. */
	public List<Instant> boundaries() {
		return boundaries;
	}

	/**
	 * The changes of law after an instant: rows coming into force or ending, in order of
	 * their instant.
	 */
	public List<Change> changesAfter(Instant t) {
		List<Change> changes = new ArrayList<>();
		for (ParameterRow r : rows) {
			if (r.effectiveFrom() != null && r.effectiveFrom().isAfter(t)) {
				changes.add(new Change(r.effectiveFrom(), Change.Kind.IN_FORCE, r.file(), r.line(), r.id()));
			}
			if (r.effectiveUntil() != null && r.effectiveUntil().isAfter(t)) {
				changes.add(new Change(r.effectiveUntil(), Change.Kind.ENDS, r.file(), r.line(), r.id()));
			}
		}
		changes.sort(java.util.Comparator.comparing(Change::at)
			.thenComparing(c -> String.valueOf(c.file()))
			.thenComparingInt(Change::line));
		return changes;
	}

	/**
	 * A row coming into force or ending.
	 *
	 * @param kind {@code IN_FORCE}: the row applies from {@code at}; {@code ENDS}: it no
	 * longer applies from {@code at}
	 */
	public record Change(Instant at, Kind kind, String file, int line, String id) {

		/** Wire values. */
		public enum Kind {

			IN_FORCE, ENDS

		}

	}

}
