package com.contactdecision.decision;

import com.contactdecision.validation.InvalidRequestException;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import com.contactdecision.facts.Address;
import com.contactdecision.facts.Channel;
import com.contactdecision.facts.Collector;
import com.contactdecision.facts.CollectorType;
import com.contactdecision.facts.Consent;
import com.contactdecision.facts.ContactRecord;
import com.contactdecision.facts.ConsumerProfile;
import com.contactdecision.facts.ConsumerZones;
import com.contactdecision.facts.Contact;
import com.contactdecision.facts.Debt;
import com.contactdecision.facts.Destination;
import com.contactdecision.facts.EmailAddress;
import com.contactdecision.facts.PastContacts;
import com.contactdecision.facts.Jurisdiction;
import com.contactdecision.facts.LineType;
import com.contactdecision.facts.Localities;
import com.contactdecision.facts.PhoneNumber;
import com.contactdecision.facts.Attorney;
import com.contactdecision.facts.MediumOptOut;
import com.contactdecision.history.HistorySnapshot;
import com.contactdecision.history.Pseudonyms;
import com.contactdecision.privacy.HmacPseudonymiser;
import com.contactdecision.privacy.Pseudonymiser;
import com.contactdecision.profiles.ProfileStore;
import com.contactdecision.rules.Situation;
import com.contactdecision.zones.TimeZoneResolver;

/**
 * Turns a request plus what is on file into the {@link Situation} the rules see: merges
 * the request's facts with the stored profile, resolves every zone the consumer may be
 * in, and keeps only the latest consent for each subject.
 */
public final class SituationFactory {

	/**
	 * With no location at all, a US consumer may be anywhere in the US: a time must then
	 * suit every US zone (regulations.md REGF-TIME, "convenient in all locations").
	 */
	static final Map<Jurisdiction, List<String>> ZONES_WHEN_UNKNOWN = Map.of(Jurisdiction.US,
			List.of("America/New_York", "America/Chicago", "America/Denver", "America/Phoenix", "America/Los_Angeles",
					"America/Anchorage", "Pacific/Honolulu"),
			Jurisdiction.UK, List.of("Europe/London"), Jurisdiction.EU,
			List.of("Europe/Lisbon", "Europe/Paris", "Europe/Helsinki"));

	private final ProfileStore profiles;

	private final TimeZoneResolver zoneResolver;

	private final String defaultCollectorId;

	private final Pseudonymiser pseudonyms;

	/**
	 * With pseudonyms under a secret of this process only (see
	 * {@link HmacPseudonymiser#ephemeral()}).
	 */
	public SituationFactory(ProfileStore profiles, TimeZoneResolver zoneResolver, String defaultCollectorId) {
		this(profiles, zoneResolver, defaultCollectorId, HmacPseudonymiser.ephemeral());
	}

	/**
	 * @param pseudonyms the pseudonyms erasure wrote, so that what it kept still decides
	 */
	public SituationFactory(ProfileStore profiles, TimeZoneResolver zoneResolver, String defaultCollectorId,
			Pseudonymiser pseudonyms) {
		this.profiles = profiles;
		this.zoneResolver = zoneResolver;
		this.defaultCollectorId = defaultCollectorId;
		this.pseudonyms = pseudonyms;
	}

	/** The store reads behind a default {@link StoreFactReader}. */
	ProfileStore profiles() {
		return profiles;
	}

	/**
	 * The collector id a request is decided for: the one it names, else the configured
	 * default.
	 */
	public String collectorIdFor(ContactRequest req) {
		return req.collectorId() != null ? req.collectorId() : defaultCollectorId;
	}

	private Collector collector(String requested, Collector onFile) {
		if (requested != null && onFile == null) {
			throw new InvalidRequestException("collectorId", "unknown collector " + requested);
		}
		return onFile != null ? onFile : Collector.anonymous(defaultCollectorId);
	}

	/**
	 * Builds the situation from what one {@link FactReader} read; a named unknown
	 * collector is a 400.
	 */
	public Situation build(ContactRequest req, Instant at, FactReader.Facts facts) {
		return build(req, at, facts, collector(req.collectorId(), facts.collector()));
	}

	/**
	 * The situation a recorded decision was made in, rebuilt from its record alone: the
	 * zones are the ones answered (its numbers are pseudonyms, whose area codes mean
	 * nothing), and the servicing siblings of its debts are the recorded ones, not
	 * today's.
	 */
	public Situation replay(DecisionRecord record) {
		FactReader.Facts facts = record.facts();
		ConsumerZones zones = new ConsumerZones(record.decision().timeZones().stream().map(ZoneId::of).toList());
		Collector collector = facts.collector() != null ? facts.collector() : Collector.anonymous(record.collectorId());
		return build(record.request(), record.decision().at(), facts, collector, zones, id -> facts.debts().get(id));
	}

	private Situation build(ContactRequest req, Instant at, FactReader.Facts facts, Collector collector) {
		return build(req, at, facts, collector, null, id -> profiles.debt(id).orElse(null));
	}

	private Situation build(ContactRequest req, Instant at, FactReader.Facts read, Collector collector,
			ConsumerZones knownZones, java.util.function.Function<String, Debt> debtOnFile) {
		FactReader.Facts facts = reveal(req, read);
		ConsumerProfile profile = facts.profile() != null ? facts.profile() : ConsumerProfile.EMPTY;
		Map<String, Debt> debts = new LinkedHashMap<>();
		for (String id : req.debtIds()) {
			debts.put(id, facts.debts().getOrDefault(id, Debt.unknown(id)));
		}
		List<Consent> allConsents = facts.consents();
		HistorySnapshot history = facts.history();
		List<Address> addresses = new ArrayList<>(profile.addresses());
		if (req.consumer() != null) {
			addresses.addAll(req.consumer().addresses());
		}
		ConsumerZones zones = knownZones != null ? knownZones : zones(req, profile, addresses);
		Contact contact = contact(req, at, profile, collector, addresses);
		PastContacts view = new PastContacts(withLineClasses(history.records(), profile), allConsents,
				countingDebts(debts, history, debtOnFile), zones, at);
		return new Situation(contact, zones, profile, collector, List.copyOf(debts.values()), latest(allConsents, at),
				view);
	}

	/**
	 * After erasure the suppressions, revocations and history that were kept name numbers
	 * and addresses only by pseudonym. Where one is the pseudonym of the destination
	 * asked about, the rules must see that destination, or an opt-out from it would stop
	 * matching and contact re-open. Only revocations are revealed: a consent granted
	 * before erasure grants nothing after it.
	 */
	private FactReader.Facts reveal(ContactRequest req, FactReader.Facts f) {
		if (!holdsPseudonyms(f)) {
			return f;
		}
		Map<String, String> clear = new java.util.HashMap<>();
		Destination d = req.destinationOrNone();
		for (String value : new String[] { d.phone(), d.email() }) {
			if (value != null) {
				pseudonyms.pseudonyms(value).forEach(p -> clear.put(p, value));
			}
		}
		java.util.function.UnaryOperator<String> back = v -> v == null ? null : clear.getOrDefault(v, v);
		ConsumerProfile p = f.profile();
		if (p != null) {
			Attorney a = p.attorney() == null ? null
					: new Attorney(p.attorney().debtIds(), p.attorney().name(), back.apply(p.attorney().phone()));
			p = new ConsumerProfile(p.jurisdiction(), p.addresses(), p.timeZone(), p.phones(), p.emails(), a,
					p.ceaseCommunication(), p.holds(), p.inconvenientTimes(), p.inconvenientPlaces(),
					p.mediumOptOuts()
						.stream()
						.map(o -> new MediumOptOut(o.channel(), back.apply(o.destination()), o.at()))
						.toList(),
					p.workplaceContactProhibited());
		}
		List<Consent> consents = f.consents()
			.stream()
			.map(c -> c.granted() || !clear.containsKey(c.destination()) ? c
					: new Consent(c.kind(), c.action(), c.channel(), back.apply(c.destination()), c.scope(), c.source(),
							c.at(), c.validFrom(), c.validUntil(), c.debtIds()))
			.toList();
		List<ContactRecord> records = f.history().records().stream().map(r -> Pseudonyms.apply(r, back)).toList();
		return new FactReader.Facts(p, consents, f.debts(), f.collector(),
				new HistorySnapshot(records, f.history().version()));
	}

	private static boolean holdsPseudonyms(FactReader.Facts f) {
		ConsumerProfile p = f.profile();
		if (p != null && ((p.attorney() != null && Pseudonymiser.isPseudonym(p.attorney().phone()))
				|| p.mediumOptOuts().stream().anyMatch(o -> Pseudonymiser.isPseudonym(o.destination())))) {
			return true;
		}
		return f.consents().stream().anyMatch(c -> Pseudonymiser.isPseudonym(c.destination())) || f.history()
			.records()
			.stream()
			.anyMatch(r -> Pseudonymiser.isPseudonym(r.phone()) || Pseudonymiser.isPseudonym(r.email()));
	}

	/**
	 * The debts the history must be counted against. Student loans serviced under one
	 * account are one debt (1006.14(b)(4)): when a requested debt has a servicing
	 * account, calls recorded about its siblings count too, so their accounts must be
	 * known. Only then are they read.
	 */
	private static Map<String, Debt> countingDebts(Map<String, Debt> requested, HistorySnapshot history,
			java.util.function.Function<String, Debt> debtOnFile) {
		boolean anyAccount = requested.values()
			.stream()
			.anyMatch(d -> d.servicingAccount() != null && !d.servicingAccount().isBlank());
		if (!anyAccount) {
			return requested;
		}
		Map<String, Debt> all = new LinkedHashMap<>(requested);
		history.records().forEach(r -> r.debtIds().forEach(id -> all.computeIfAbsent(id, k -> {
			Debt d = debtOnFile.apply(k);
			return d != null ? d : Debt.unknown(k);
		})));
		return all;
	}

	private Contact contact(ContactRequest req, Instant at, ConsumerProfile profile, Collector collector,
			List<Address> addresses) {
		Destination d = req.destinationOrNone();
		PhoneNumber onFile = profile.phone(d.phone()).orElse(null);
		EmailAddress emailOnFile = profile.email(d.email()).orElse(null);
		LineType type = d.type() != null ? d.type()
				: onFile != null && onFile.type() != null ? onFile.type() : LineType.UNKNOWN;
		boolean workplace = Boolean.TRUE.equals(d.workplace()) || (onFile != null && onFile.workplace())
				|| type == LineType.WORK;
		boolean employerProvided = Boolean.TRUE.equals(d.employerProvided())
				|| (emailOnFile != null && emailOnFile.employerProvided());
		Set<String> states = new TreeSet<>();
		for (Address a : addresses) {
			if (a.countryOrUs().equals("US") && a.state() != null) {
				states.add(a.state().toUpperCase());
			}
		}
		String text = req.message() == null ? null : req.message().text();
		String subject = req.message() == null ? null : req.message().subject();
		// Regulation F is US law: a UK or EU consumer is held to CONC / GDPR rules, not
		// Reg F's.
		boolean regulationF = collector.type() == CollectorType.DEBT_COLLECTOR
				&& profile.jurisdiction() == Jurisdiction.US;
		return new Contact(req.consumerId(), collector.collectorId(), collector.type(), regulationF,
				profile.jurisdiction(), states, Localities.of(addresses), req.channel(), req.dialModeOrDefault(),
				req.recipientOrDefault(), req.purposeOrDefault(),
				req.channel() == Channel.EMAIL || req.channel() == Channel.LETTER ? null : d.phone(), d.email(), type,
				workplace, employerProvided, req.debtIds(), text, subject, req.inResponseTo(), at);
	}

	/**
	 * Past contacts with the line class the caps compare (FrequencyCap.lineTypes,
	 * Contact.lineClass): a record to a number or address the profile marks as at the
	 * workplace (a workplace number, an employer-provided email) is WORK, and a record
	 * with no line type takes the profile's type for the same number. So a state cap that
	 * counts per class of number (Massachusetts: residence and cell 2 in 7 days, other
	 * numbers 2 in 30) counts past contacts in the same class as the contact being
	 * decided.
	 */
	static List<ContactRecord> withLineClasses(List<ContactRecord> records, ConsumerProfile profile) {
		if (profile.phones().isEmpty() && profile.emails().isEmpty()) {
			return records;
		}
		List<ContactRecord> result = new ArrayList<>(records.size());
		for (ContactRecord r : records) {
			LineType type = r.lineType();
			PhoneNumber phone = r.phone() == null ? null : profile.phone(r.phone()).orElse(null);
			EmailAddress email = r.email() == null ? null : profile.email(r.email()).orElse(null);
			if ((phone != null && phone.workplace()) || (email != null && email.employerProvided())) {
				type = LineType.WORK;
			}
			else if (type == null && phone != null) {
				type = phone.type();
			}
			result.add(type == r.lineType() ? r
					: new ContactRecord(r.recordId(), r.consumerId(), r.collectorId(), r.debtIds(), r.channel(),
							r.direction(), r.phone(), r.email(), type, r.recipient(), r.dialMode(), r.purpose(),
							r.outcome(), r.at(), r.decisionId(), r.eventId(), r.inResponseTo(), r.requestId()));
		}
		return result;
	}

	/**
	 * Every zone the consumer may be in: the dialled number's area code, every known
	 * address, the profile's zone and the request's (CONTRACT section 1,
	 * {@code timeZones}).
	 */
	ConsumerZones zones(ContactRequest req, ConsumerProfile profile, List<Address> addresses) {
		Set<ZoneId> zones = new TreeSet<>(Comparator.comparing(ZoneId::getId));
		Destination d = req.destinationOrNone();
		if (d.phone() != null && req.channel() != Channel.EMAIL && req.channel() != Channel.LETTER) {
			zones.addAll(zoneResolver.zonesForPhone(d.phone()));
		}
		for (Address a : addresses) {
			zones.addAll(zoneResolver.zonesForAddress(a.countryOrUs(), a.state(), a.postalCode()));
		}
		if (profile.timeZone() != null && TimeZoneResolver.isIanaZone(profile.timeZone())) {
			zones.add(ZoneId.of(profile.timeZone()));
		}
		if (req.consumer() != null && req.consumer().timeZone() != null) {
			zones.add(ZoneId.of(req.consumer().timeZone()));
		}
		if (zones.isEmpty()) {
			ZONES_WHEN_UNKNOWN.get(profile.jurisdiction()).forEach(z -> zones.add(ZoneId.of(z)));
		}
		return new ConsumerZones(List.copyOf(zones));
	}

	/**
	 * For each kind, channel and destination the latest record received by {@code at}
	 * wins.
	 */
	static List<Consent> latest(List<Consent> consents, Instant at) {
		List<Consent> result = new ArrayList<>();
		consents.stream()
			.filter(c -> c.at() == null || !c.at().isAfter(at))
			.sorted(Comparator.comparing(c -> c.at() == null ? Instant.MIN : c.at()))
			.forEach(c -> {
				result.removeIf(c::sameSubjectAs);
				result.add(c);
			});
		return result;
	}

}
