package com.contactdecision.decision;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

import com.contactdecision.facts.Consent;
import com.contactdecision.facts.Attorney;
import com.contactdecision.facts.ConsumerProfile;
import com.contactdecision.facts.Destination;
import com.contactdecision.facts.EmailAddress;
import com.contactdecision.facts.MediumOptOut;
import com.contactdecision.facts.PhoneNumber;
import com.contactdecision.history.HistorySnapshot;
import com.contactdecision.history.Pseudonyms;
import com.contactdecision.privacy.Pii;

/**
 * Replaces every phone number and email address in a record by its pseudonym, through the
 * one pseudonym function the service is configured with. The same value always gets the
 * same pseudonym, so the record still evaluates as it did: the destination still matches
 * the consent, the opt-out and the history kept for it. Zones, which the number's area
 * code gave, are kept in the decision ({@code timeZones}) and a replay uses those.
 * Addresses (country, state, postal code) stay: the state and city rules need them. The
 * message text stays verbatim: the content rules read it, and what was said is itself the
 * evidence; numbers and addresses in reason messages are replaced.
 */
public final class RecordPseudonyms {

	private RecordPseudonyms() {
	}

	public static DecisionRecord apply(DecisionRecord r, UnaryOperator<String> pseudonym) {
		// One record names the same number many times (the destination, every history
		// record, consents, the profile); each pseudonym is an HMAC, so each value is
		// keyed once per record.
		Map<String, String> seen = new HashMap<>();
		UnaryOperator<String> p = v -> v == null ? null : seen.computeIfAbsent(v, pseudonym);
		return new DecisionRecord(decision(r.decision(), p), r.collectorId(), r.debtIds(), r.channel(),
				r.latencyMicros(), request(r.request(), p), facts(r.facts(), p));
	}

	private static Decision decision(Decision d, UnaryOperator<String> p) {
		return new Decision(d.decisionId(), d.outcome(),
				d.reasons()
					.stream()
					.map(x -> new Reason(x.code(), x.rule(), Pii.replace(x.message(), p), x.citation()))
					.toList(),
				d.obligations(), d.warnings().stream().map(w -> Pii.replace(w, p)).toList(), d.nextEligibleAt(),
				d.timeZones(), d.reserved(), d.ruleSetVersion(), d.at(), d.requestId(), d.consumerId(), d.mode());
	}

	private static ContactRequest request(ContactRequest q, UnaryOperator<String> p) {
		Destination d = q.destination() == null ? null
				: new Destination(p.apply(q.destination().phone()), p.apply(q.destination().email()),
						q.destination().type(), q.destination().workplace(), q.destination().employerProvided());
		// The message stays verbatim: the content rules read it (a limited-content
		// message must give
		// a number to call back), and the words sent are themselves what a collector must
		// keep.
		return new ContactRequest(q.requestId(), q.collectorId(), q.consumerId(), q.debtIds(), q.channel(), d,
				q.recipient(), q.dialMode(), q.purpose(), q.message(), q.inResponseTo(), q.consumer(), q.mode(),
				q.at());
	}

	private static FactReader.Facts facts(FactReader.Facts f, UnaryOperator<String> p) {
		HistorySnapshot h = f.history() == null ? null : new HistorySnapshot(
				f.history().records().stream().map(r -> Pseudonyms.apply(r, p)).toList(), f.history().version());
		List<Consent> consents = f.consents()
			.stream()
			.map(c -> new Consent(c.kind(), c.action(), c.channel(), p.apply(c.destination()), c.scope(), c.source(),
					c.at(), c.validFrom(), c.validUntil(), c.debtIds()))
			.toList();
		return new FactReader.Facts(profile(f.profile(), p), consents, Map.copyOf(f.debts()), f.collector(), h);
	}

	private static ConsumerProfile profile(ConsumerProfile c, UnaryOperator<String> p) {
		if (c == null) {
			return null;
		}
		return new ConsumerProfile(c.jurisdiction(), c.addresses(), c.timeZone(),
				c.phones().stream().map(x -> new PhoneNumber(p.apply(x.number()), x.type(), x.workplace())).toList(),
				c.emails().stream().map(x -> new EmailAddress(p.apply(x.address()), x.employerProvided())).toList(),
				c.attorney() == null ? null
						: new Attorney(c.attorney().debtIds(), c.attorney().name(), p.apply(c.attorney().phone())),
				c.ceaseCommunication(), c.holds(), c.inconvenientTimes(), c.inconvenientPlaces(),
				c.mediumOptOuts().stream().map(o -> optOut(o, p)).toList(), c.workplaceContactProhibited());
	}

	private static MediumOptOut optOut(MediumOptOut o, UnaryOperator<String> p) {
		return new MediumOptOut(o.channel(), p.apply(o.destination()), o.at());
	}

}
