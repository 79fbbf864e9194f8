package com.contactdecision.profiles;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.UnaryOperator;

import com.contactdecision.facts.Collector;
import com.contactdecision.facts.Consent;
import com.contactdecision.facts.ConsumerProfile;
import com.contactdecision.facts.Debt;
import com.contactdecision.facts.PhoneNumber;

/** The embedded default: everything in concurrent maps. */
public final class InMemoryProfileStore implements ProfileStore {

	private final Map<String, ConsumerProfile> profiles = new ConcurrentHashMap<>();

	private final Map<String, ConsumerProfile> kept = new ConcurrentHashMap<>();

	private final Map<String, List<Consent>> consents = new ConcurrentHashMap<>();

	private final Map<String, Debt> debts = new ConcurrentHashMap<>();

	private final Map<String, Collector> collectors = new ConcurrentHashMap<>();

	@Override
	public Optional<ConsumerProfile> profile(String consumerId) {
		return Optional.ofNullable(profiles.get(consumerId));
	}

	@Override
	public Optional<ConsumerProfile> kept(String consumerId) {
		return Optional.ofNullable(kept.get(consumerId));
	}

	@Override
	public boolean putProfile(String consumerId, ConsumerProfile profile) {
		return profiles.put(consumerId, profile) != null;
	}

	@Override
	public void addConsent(String consumerId, Consent consent) {
		consents.computeIfAbsent(consumerId, id -> new CopyOnWriteArrayList<>()).add(consent);
	}

	@Override
	public List<Consent> consents(String consumerId) {
		return List.copyOf(consents.getOrDefault(consumerId, List.of()));
	}

	@Override
	public Optional<Debt> debt(String debtId) {
		return Optional.ofNullable(debts.get(debtId));
	}

	@Override
	public boolean putDebt(Debt debt) {
		return debts.put(debt.debtId(), debt) != null;
	}

	@Override
	public Optional<Collector> collector(String collectorId) {
		return Optional.ofNullable(collectors.get(collectorId));
	}

	@Override
	public boolean putCollector(Collector collector) {
		return collectors.put(collector.collectorId(), collector) != null;
	}

	@Override
	public Set<String> consumersWithPhone(String e164) {
		Set<String> result = new TreeSet<>();
		profiles.forEach((id, p) -> {
			if (p.phones().stream().map(PhoneNumber::number).anyMatch(e164::equals)) {
				result.add(id);
			}
		});
		return result;
	}

	@Override
	public void erase(String consumerId, UnaryOperator<String> pseudonym) {
		ConsumerProfile old = profiles.remove(consumerId);
		if (old != null) {
			kept.merge(consumerId, ConsumerRecords.suppressionsOf(old, pseudonym), ConsumerRecords::withKept);
		}
		consents.computeIfPresent(consumerId, (id, list) -> {
			List<Consent> kept = new ArrayList<>();
			for (Consent c : list) {
				kept.add(new Consent(c.kind(), c.action(), c.channel(),
						c.destination() == null ? null : pseudonym.apply(c.destination()), c.scope(), c.source(),
						c.at(), c.validFrom(), c.validUntil(), c.debtIds()));
			}
			return new CopyOnWriteArrayList<>(kept);
		});
	}

}
