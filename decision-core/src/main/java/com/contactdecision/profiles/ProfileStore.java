package com.contactdecision.profiles;

import java.util.List;
import java.util.Optional;
import java.util.Set;

import com.contactdecision.facts.Collector;
import com.contactdecision.facts.Consent;
import com.contactdecision.facts.ConsumerProfile;
import com.contactdecision.facts.Debt;

/**
 * Profiles, consents, debts and collectors. Thread-safe; every method may throw
 * {@link com.contactdecision.history.StoreUnavailableException}.
 */
public interface ProfileStore {

	Optional<ConsumerProfile> profile(String consumerId);

	/** Replaces the profile; returns true when one existed before. */
	boolean putProfile(String consumerId, ConsumerProfile profile);

	/** Appends a consent record; records are never overwritten. */
	void addConsent(String consumerId, Consent consent);

	/** Every consent record of the consumer, in the order received. */
	List<Consent> consents(String consumerId);

	Optional<Debt> debt(String debtId);

	boolean putDebt(Debt debt);

	Optional<Collector> collector(String collectorId);

	boolean putCollector(Collector collector);

	/** Every consumer whose profile lists this phone number (inbound STOP replies). */
	Set<String> consumersWithPhone(String e164);

	/**
	 * What erasure kept of the consumer's profiles
	 * ({@link ConsumerRecords#suppressionsOf}): not a profile any more ({@link #profile}
	 * is empty), but still part of every decision about them.
	 */
	Optional<ConsumerProfile> kept(String consumerId);

	/**
	 * Erases the profile but for what stops contact
	 * ({@link ConsumerRecords#suppressionsOf}: cease, attorney, holds, opt-outs,
	 * inconvenient times and places), which is kept apart ({@link #kept}) with every
	 * number pseudonymised; consent records are kept pseudonymised as proof, as the law
	 * requires. Nothing else of the person is kept.
	 */
	void erase(String consumerId, java.util.function.UnaryOperator<String> pseudonym);

}
