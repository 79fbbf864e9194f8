package com.contactdecision.rules;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import com.contactdecision.facts.Collector;
import com.contactdecision.facts.Consent;
import com.contactdecision.facts.ConsumerProfile;
import com.contactdecision.facts.ConsumerZones;
import com.contactdecision.facts.Contact;
import com.contactdecision.facts.Debt;
import com.contactdecision.facts.PastContacts;
import com.contactdecision.facts.ZoneTime;

/**
 * Everything one evaluation sees: the contact, where the consumer may be, what is on
 * file, and the history. Immutable; {@link #at(Instant)} gives the same situation at
 * another instant, which is how the service searches for the next eligible instant
 * without reading anything again.
 *
 * @param consents the latest consent record for each kind, channel and destination
 */
public record Situation(Contact contact, ConsumerZones zones, ConsumerProfile profile, Collector collector,
		List<Debt> debts, List<Consent> consents, PastContacts history) {

	public Situation {
		debts = List.copyOf(debts);
		consents = List.copyOf(consents);
	}

	public Instant at() {
		return contact.at();
	}

	public Situation at(Instant instant) {
		return new Situation(contact.at(instant), zones, profile, collector, debts, consents, history.at(instant));
	}

	/** The facts inserted into the rule session, besides the parameter tables. */
	public List<Object> facts() {
		List<Object> facts = new ArrayList<>();
		facts.add(contact);
		facts.add(profile);
		facts.add(collector);
		zones.zones().forEach(z -> facts.add(ZoneTime.of(z, contact.at())));
		facts.addAll(debts);
		facts.addAll(consents);
		if (profile.attorney() != null) {
			facts.add(profile.attorney());
		}
		if (profile.ceaseCommunication() != null) {
			facts.add(profile.ceaseCommunication());
		}
		facts.addAll(profile.holds());
		facts.addAll(profile.inconvenientTimes());
		facts.addAll(profile.mediumOptOuts());
		return facts;
	}

}
