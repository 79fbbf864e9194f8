package com.contactdecision.decision;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.contactdecision.facts.Debt;
import com.contactdecision.history.ContactHistory;
import com.contactdecision.profiles.ConsumerRecords;
import com.contactdecision.profiles.ProfileStore;

/** Reads the facts through the store ports one by one: right for the in-memory stores. */
public final class StoreFactReader implements FactReader {

	private final ProfileStore profiles;

	private final ContactHistory history;

	public StoreFactReader(ProfileStore profiles, ContactHistory history) {
		this.profiles = profiles;
		this.history = history;
	}

	@Override
	public Facts read(String consumerId, List<String> debtIds, String collectorId, Instant historySince) {
		Map<String, Debt> debts = new LinkedHashMap<>();
		for (String id : debtIds) {
			profiles.debt(id).ifPresent(d -> debts.put(id, d));
		}
		return new Facts(
				ConsumerRecords.withKept(profiles.profile(consumerId).orElse(null),
						profiles.kept(consumerId).orElse(null)),
				profiles.consents(consumerId), debts,
				collectorId == null ? null : profiles.collector(collectorId).orElse(null),
				history.load(consumerId, historySince));
	}

}
