package com.contactdecision.history;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.UnaryOperator;

import com.contactdecision.facts.ContactRecord;
import com.contactdecision.facts.EventOutcome;

/**
 * The embedded default: history in memory, one lock per consumer. Same semantics as the
 * Redis store. Records older than the retention, counted back from now, are trimmed on
 * write, as Redis trims them.
 */
public final class InMemoryContactHistory implements ContactHistory {

	private final Map<String, Timeline> timelines = new ConcurrentHashMap<>();

	/**
	 * eventIds seen, per consumer: as in Redis, where each consumer's eventIds live under
	 * its hash tag.
	 */
	private final Map<String, Boolean> events = new ConcurrentHashMap<>();

	private final Duration retention;

	/**
	 * Trimming counts back from now, so a record dated in the future cannot erase today's
	 * history.
	 */
	private final Clock clock;

	public InMemoryContactHistory(Duration retention, Clock clock) {
		this.retention = retention;
		this.clock = clock;
	}

	@Override
	public HistorySnapshot load(String consumerId, Instant since) {
		Timeline t = timeline(consumerId);
		synchronized (t) {
			return new HistorySnapshot(t.records.stream().filter(r -> !r.at().isBefore(since)).toList(), t.version);
		}
	}

	@Override
	public boolean appendIfUnchanged(String consumerId, long expectedVersion, ContactRecord reservation) {
		Timeline t = timeline(consumerId);
		synchronized (t) {
			if (t.version != expectedVersion) {
				return false;
			}
			t.add(reservation, now(), retention);
			return true;
		}
	}

	@Override
	public EventResult record(ContactRecord event) {
		// A length prefix keeps the pair unambiguous whatever characters the ids hold.
		String key = event.consumerId().length() + ":" + event.consumerId() + ":" + event.eventId();
		if (events.putIfAbsent(key, Boolean.TRUE) != null) {
			return EventResult.REPEATED;
		}
		Timeline t = timeline(event.consumerId());
		synchronized (t) {
			int reserved = t.indexOfReservationSettledBy(event);
			if (reserved >= 0) {
				ContactRecord settled = t.records.get(reserved).settledBy(event.eventId(), event.outcome());
				t.records.set(reserved, settled);
				t.version++;
			}
			else {
				t.add(event, now(), retention);
			}
		}
		return EventResult.RECORDED;
	}

	@Override
	public boolean release(String consumerId, String decisionId) {
		Timeline t = timeline(consumerId);
		synchronized (t) {
			int reserved = t.indexOfReservation(decisionId);
			if (reserved < 0) {
				return false;
			}
			t.records.set(reserved, t.records.get(reserved).settledBy(null, EventOutcome.NOT_PLACED));
			t.version++;
			return true;
		}
	}

	@Override
	public List<ContactRecord> list(String consumerId, Instant from, Instant to) {
		Timeline t = timeline(consumerId);
		synchronized (t) {
			return t.records.stream()
				.filter(r -> (from == null || !r.at().isBefore(from)) && (to == null || r.at().isBefore(to)))
				.toList();
		}
	}

	@Override
	public void pseudonymise(String consumerId, UnaryOperator<String> pseudonym) {
		Timeline t = timeline(consumerId);
		synchronized (t) {
			t.records.replaceAll(r -> Pseudonyms.apply(r, pseudonym));
			t.version++;
		}
	}

	/** Records before the cutoff are trimmed: the retention counted back from now. */
	private Instant now() {
		return clock.instant();
	}

	private Timeline timeline(String consumerId) {
		return timelines.computeIfAbsent(consumerId, id -> new Timeline());
	}

	private static final class Timeline {

		private final List<ContactRecord> records = new ArrayList<>();

		private long version;

		void add(ContactRecord r, Instant now, Duration retention) {
			records.add(r);
			records.sort(Comparator.comparing(ContactRecord::at));
			// As in Redis: from the earlier of now and the newest record, so a record
			// dated in the
			// future cannot erase the history that counts today.
			Instant newest = records.get(records.size() - 1).at();
			Instant cutoff = (newest.isBefore(now) ? newest : now).minus(retention);
			records.removeIf(old -> old.at().isBefore(cutoff));
			version++;
		}

		/**
		 * By the event's decisionId when it names one, else by its requestId within its
		 * collector.
		 */
		int indexOfReservationSettledBy(ContactRecord event) {
			if (event.decisionId() != null) {
				return indexOfReservation(event.decisionId());
			}
			if (event.requestId() == null) {
				return -1;
			}
			for (int i = 0; i < records.size(); i++) {
				ContactRecord r = records.get(i);
				if (r.isReservation() && event.requestId().equals(r.requestId())
						&& Objects.equals(event.collectorId(), r.collectorId())) {
					return i;
				}
			}
			return -1;
		}

		int indexOfReservation(String decisionId) {
			for (int i = 0; i < records.size(); i++) {
				ContactRecord r = records.get(i);
				if (r.isReservation() && decisionId.equals(r.decisionId())) {
					return i;
				}
			}
			return -1;
		}

	}

}
