package com.contactdecision.profiles;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import java.util.UUID;
import java.util.function.UnaryOperator;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.contactdecision.validation.Limits;
import com.contactdecision.validation.Validation;
import com.contactdecision.facts.Channel;
import com.contactdecision.facts.Consent;
import com.contactdecision.facts.ConsentAction;
import com.contactdecision.facts.ConsentKind;
import com.contactdecision.facts.ConsentScope;
import com.contactdecision.facts.ConsumerProfile;
import com.contactdecision.facts.ContactRecord;
import com.contactdecision.facts.DialMode;
import com.contactdecision.facts.Direction;
import com.contactdecision.facts.EventOutcome;
import com.contactdecision.facts.InconvenientTime;
import com.contactdecision.facts.LineType;
import com.contactdecision.facts.MediumOptOut;
import com.contactdecision.facts.OptOutReply;
import com.contactdecision.facts.Recipient;
import com.contactdecision.facts.Attorney;
import com.contactdecision.history.ContactHistory;
import com.contactdecision.privacy.HmacPseudonymiser;
import com.contactdecision.privacy.Pseudonymiser;

/**
 * Keeps what the collection system and consumers say about a person: profiles, consents,
 * inbound opt-out keywords and erasure. Thread-safe.
 */
public final class ConsumerRecords {

	/** The source of a consent revoked by a clear opt-out reply. */
	public static final String KEYWORD_SOURCE = "SMS_KEYWORD";

	/** The source of a consent revoked by a reply whose meaning is unclear: to review. */
	public static final String NEEDS_REVIEW_SOURCE = "SMS_REPLY_NEEDS_REVIEW";

	private static final Logger log = LoggerFactory.getLogger(ConsumerRecords.class);

	/**
	 * The confirmation text may follow a revocation within five minutes (47 CFR
	 * 64.1200(a)(12)).
	 */
	static final Duration CLARIFICATION_WINDOW = Duration.ofMinutes(5);

	private final ProfileStore store;

	private final ContactHistory history;

	private final Clock clock;

	private final Function<Instant, List<OptOutReply>> replyTable;

	private final Pseudonymiser pseudonyms;

	private final List<PersonalRecords> others;

	/**
	 * @param replyTable the opt-out reply rows in force at an instant, from the active
	 * rule set (so a reload changes how replies are read)
	 * @param pseudonyms the keyed pseudonyms erasure writes; the decision's reader must
	 * know them too
	 * @param others further stores erasure must pseudonymise (the decision log, the audit
	 * records)
	 */
	public ConsumerRecords(ProfileStore store, ContactHistory history, Clock clock,
			Function<Instant, List<OptOutReply>> replyTable, Pseudonymiser pseudonyms, List<PersonalRecords> others) {
		this.store = store;
		this.history = history;
		this.clock = clock;
		this.replyTable = replyTable;
		this.pseudonyms = pseudonyms;
		this.others = List.copyOf(others);
	}

	/**
	 * Pseudonyms under a secret of this process only: for stores that live no longer than
	 * it.
	 */
	public ConsumerRecords(ProfileStore store, ContactHistory history, Clock clock,
			Function<Instant, List<OptOutReply>> replyTable) {
		this(store, history, clock, replyTable, HmacPseudonymiser.ephemeral(), List.of());
	}

	/** Replies read with the statutory words only ({@link OptOutReplies#STATUTORY}). */
	public ConsumerRecords(ProfileStore store, ContactHistory history, Clock clock) {
		this(store, history, clock, at -> OptOutReplies.STATUTORY);
	}

	public static void validate(ConsumerProfile p) {
		Validation v = new Validation();
		v.zone("timeZone", p.timeZone());
		for (int i = 0; i < p.phones().size(); i++) {
			v.require("phones[" + i + "].number", p.phones().get(i).number())
				.phone("phones[" + i + "].number", p.phones().get(i).number());
		}
		for (int i = 0; i < p.emails().size(); i++) {
			v.require("emails[" + i + "].address", p.emails().get(i).address())
				.email("emails[" + i + "].address", p.emails().get(i).address());
		}
		for (int i = 0; i < p.inconvenientTimes().size(); i++) {
			InconvenientTime t = p.inconvenientTimes().get(i);
			v.timeOfDay("inconvenientTimes[" + i + "].from", t.from())
				.timeOfDay("inconvenientTimes[" + i + "].to", t.to());
		}
		for (int i = 0; i < p.mediumOptOuts().size(); i++) {
			v.require("mediumOptOuts[" + i + "].channel", p.mediumOptOuts().get(i).channel());
		}
		for (int i = 0; i < p.holds().size(); i++) {
			v.require("holds[" + i + "].type", p.holds().get(i).type());
		}
		if (p.attorney() != null) {
			v.phone("attorney.phone", p.attorney().phone())
				.ids("attorney.debtIds", p.attorney().debtIds(), Limits.MAX_DEBT_IDS)
				.maxLength("attorney.name", p.attorney().name(), Limits.MAX_TEXT);
		}
		if (p.ceaseCommunication() != null) {
			v.ids("ceaseCommunication.debtIds", p.ceaseCommunication().debtIds(), Limits.MAX_DEBT_IDS);
		}
		v.throwIfInvalid();
	}

	/** Replaces the profile; true when it replaced one. */
	public boolean putProfile(String consumerId, ConsumerProfile profile) {
		validate(profile);
		return store.putProfile(consumerId, profile);
	}

	public Consent addConsent(String consumerId, Consent c) {
		Validation v = new Validation();
		v.require("kind", c.kind())
			.require("action", c.action())
			.instant("at", c.at())
			.instant("validFrom", c.validFrom())
			.instant("validUntil", c.validUntil())
			.ids("debtIds", c.debtIds(), Limits.MAX_DEBT_IDS)
			.maxLength("destination", c.destination(), Limits.MAX_TEXT)
			.maxLength("source", c.source(), Limits.MAX_TEXT);
		if (c.destination() != null && c.destination().startsWith("+")) {
			v.phone("destination", c.destination());
		}
		v.throwIfInvalid();
		Consent stamped = c.at() != null ? c : new Consent(c.kind(), c.action(), c.channel(), c.destination(),
				c.scope(), c.source(), clock.instant(), c.validFrom(), c.validUntil(), c.debtIds());
		store.addConsent(consumerId, stamped);
		return stamped;
	}

	/**
	 * A reply read as a revocation ({@link OptOutReplies}, with the rule set's reply
	 * table in force at the reply's instant) revokes TCPA consent to texts from that
	 * number and opts the number out of texts (1006.14(h)), for every consumer who has
	 * it, at once (no 10-business-day grace). A reply to review is revoked all the same;
	 * its consent record's source says so ({@value #NEEDS_REVIEW_SOURCE}). Every inbound
	 * text is also recorded, so a reply can name it.
	 */
	public InboundResult inboundSms(InboundSms sms) {
		Validation v = new Validation();
		v.require("from", sms.from())
			.phone("from", sms.from())
			.phone("to", sms.to())
			.require("text", sms.text())
			.maxLength("text", sms.text(), Limits.MAX_TEXT)
			.id("eventId", sms.eventId())
			.instant("at", sms.at());
		v.throwIfInvalid();
		Instant at = sms.at() == null ? clock.instant() : sms.at();
		String eventId = sms.eventId() != null ? sms.eventId() : "in-" + UUID.randomUUID();
		OptOutReplies.Result read = OptOutReplies.read(sms.text(), replyTable.apply(at));
		boolean optOut = read.revokes();
		String source = read.reading() == OptOutReplies.Reading.REVOKED ? KEYWORD_SOURCE : NEEDS_REVIEW_SOURCE;
		List<String> consumers = List.copyOf(store.consumersWithPhone(sms.from()));
		for (String consumerId : consumers) {
			if (optOut) {
				store.addConsent(consumerId, new Consent(ConsentKind.TCPA, ConsentAction.REVOKED, Channel.SMS,
						sms.from(), ConsentScope.ALL, source, at, null, null, List.of()));
				store.profile(consumerId)
					.ifPresent(p -> store.putProfile(consumerId,
							p.withMediumOptOut(new MediumOptOut(Channel.SMS, sms.from(), at))));
			}
			history.record(new ContactRecord(eventId + ":" + consumerId, consumerId, null, List.of(), Channel.SMS,
					Direction.INBOUND, sms.from(), null, LineType.MOBILE, Recipient.CONSUMER, DialMode.MANUAL, null,
					EventOutcome.RECEIVED, at, null, eventId + (consumers.size() > 1 ? ":" + consumerId : ""), null));
		}
		if (read.reading() == OptOutReplies.Reading.REVOKED_NEEDS_REVIEW) {
			// For the reviewers' queue: the event and the words, never the number or the
			// text.
			log.info("inbound text {} revoked consent for {} consumer(s) and needs review: words {}, rows {}", eventId,
					consumers.size(), read.matched(), read.rows());
		}
		return new InboundResult(eventId, optOut, read.matched().isEmpty() ? null : read.matched().get(0), consumers,
				read.reading(), read.matched(), read.rows(),
				read.reading() == OptOutReplies.Reading.REVOKED_NEEDS_REVIEW ? at.plus(CLARIFICATION_WINDOW) : null);
	}

	/**
	 * Erases the person. What stops contact stays and still decides
	 * ({@link #suppressionsOf}), and the history and consents stay as proof; every number
	 * and address in them becomes a keyed pseudonym. Erasure that re-opened contact (a
	 * cease or a STOP forgotten) would break the law it serves.
	 */
	public void erase(String consumerId) {
		store.erase(consumerId, this::pseudonym);
		history.pseudonymise(consumerId, this::pseudonym);
		for (PersonalRecords r : others) {
			r.pseudonymise(consumerId, this::pseudonym);
		}
	}

	/** A second erasure leaves the first one's pseudonyms as they are. */
	private String pseudonym(String value) {
		return Pseudonymiser.isPseudonym(value) ? value : pseudonyms.pseudonym(value);
	}

	/**
	 * What of a profile must outlive erasure because it stops contact: the cease notice,
	 * the attorney (which debts; the name goes, the number becomes a pseudonym), holds,
	 * medium opt-outs (their destinations pseudonymised), inconvenient times and places,
	 * the workplace prohibition, and the jurisdiction whose law applies. Numbers, email
	 * addresses, postal addresses and the zone go.
	 */
	public static ConsumerProfile suppressionsOf(ConsumerProfile p, UnaryOperator<String> pseudonym) {
		Attorney attorney = p.attorney() == null ? null : new Attorney(p.attorney().debtIds(), null,
				p.attorney().phone() == null ? null : pseudonym.apply(p.attorney().phone()));
		List<MediumOptOut> optOuts = p.mediumOptOuts()
			.stream()
			.map(o -> o.destination() == null || Pseudonymiser.isPseudonym(o.destination()) ? o
					: new MediumOptOut(o.channel(), pseudonym.apply(o.destination()), o.at()))
			.toList();
		return new ConsumerProfile(p.jurisdiction(), List.of(), null, List.of(), List.of(), attorney,
				p.ceaseCommunication(), p.holds(), p.inconvenientTimes(), p.inconvenientPlaces(), optOuts,
				p.workplaceContactProhibited());
	}

	/**
	 * A profile with what an earlier erasure kept: a person erased and later on file
	 * again is still protected by the cease, the attorney, the holds and the opt-outs
	 * they had. Either may be null.
	 */
	public static ConsumerProfile withKept(ConsumerProfile profile, ConsumerProfile kept) {
		if (kept == null) {
			return profile;
		}
		if (profile == null) {
			return kept;
		}
		return new ConsumerProfile(profile.jurisdiction(), profile.addresses(), profile.timeZone(), profile.phones(),
				profile.emails(), profile.attorney() != null ? profile.attorney() : kept.attorney(),
				profile.ceaseCommunication() != null ? profile.ceaseCommunication() : kept.ceaseCommunication(),
				concat(profile.holds(), kept.holds()), concat(profile.inconvenientTimes(), kept.inconvenientTimes()),
				concat(profile.inconvenientPlaces(), kept.inconvenientPlaces()),
				concat(profile.mediumOptOuts(), kept.mediumOptOuts()),
				profile.workplaceContactProhibited() || kept.workplaceContactProhibited());
	}

	private static <T> List<T> concat(List<T> a, List<T> b) {
		if (b.isEmpty()) {
			return a;
		}
		List<T> all = new java.util.ArrayList<>(a);
		b.stream().filter(x -> !all.contains(x)).forEach(all::add);
		return all;
	}

}
