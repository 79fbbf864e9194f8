package com.contactdecision.decision;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.contactdecision.facts.Collector;
import com.contactdecision.facts.Consent;
import com.contactdecision.facts.ConsumerProfile;
import com.contactdecision.facts.Debt;
import com.contactdecision.history.HistorySnapshot;

/**
 * Everything one decision reads from the stores, read together: on Redis this is one
 * round trip (one pipeline: a script over the consumer's slot plus the debts and the
 * collector), so a decision costs one round trip to read and one to reserve.
 * Implementations are thread-safe and may throw
 * {@link com.contactdecision.history.StoreUnavailableException}.
 */
public interface FactReader {

	/**
	 * What is on file.
	 *
	 * @param profile null when the consumer has no profile
	 * @param debts the requested debts that are on file, by id
	 * @param collector null when no collector was asked for or it is not on file
	 */
	record Facts(ConsumerProfile profile, List<Consent> consents, Map<String, Debt> debts, Collector collector,
			HistorySnapshot history) {

		public Facts {
			consents = List.copyOf(consents);
			debts = Map.copyOf(debts);
		}

	}

	/** What one decision asks for: the arguments of {@link #read}. */
	record Query(String consumerId, List<String> debtIds, String collectorId, Instant historySince) {

		public Query {
			debtIds = List.copyOf(debtIds);
		}

	}

	Facts read(String consumerId, List<String> debtIds, String collectorId, Instant historySince);

	/**
	 * The facts of many decisions at once, in the order asked: a batch reads all its
	 * consumers this way, on Redis in a few pipelined round trips rather than one each.
	 * The default reads one by one. All or nothing: a store failure throws, and the
	 * caller reads item by item instead.
	 */
	default List<Facts> readAll(List<Query> queries) {
		List<Facts> all = new ArrayList<>(queries.size());
		for (Query q : queries) {
			all.add(read(q.consumerId(), q.debtIds(), q.collectorId(), q.historySince()));
		}
		return all;
	}

}
