package com.contactdecision.history;

import java.util.function.UnaryOperator;

import com.contactdecision.facts.ContactRecord;

/**
 * Erasure keeps the record (caps and proof of compliance need it) but not the address.
 */
public final class Pseudonyms {

	private Pseudonyms() {
	}

	public static ContactRecord apply(ContactRecord r, UnaryOperator<String> pseudonym) {
		return new ContactRecord(r.recordId(), r.consumerId(), r.collectorId(), r.debtIds(), r.channel(), r.direction(),
				r.phone() == null ? null : pseudonym.apply(r.phone()),
				r.email() == null ? null : pseudonym.apply(r.email()), r.lineType(), r.recipient(), r.dialMode(),
				r.purpose(), r.outcome(), r.at(), r.decisionId(), r.eventId(), r.inResponseTo(), r.requestId());
	}

}
