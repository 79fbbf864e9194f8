package com.contactdecision.facts;

import java.util.List;
import java.util.Optional;

/**
 * What the collection system knows of a person (CONTRACT section 3). A consumer with no
 * profile is decided on the request's facts alone, as {@link #EMPTY}.
 */
public record ConsumerProfile(Jurisdiction jurisdiction, List<Address> addresses, String timeZone,
		List<PhoneNumber> phones, List<EmailAddress> emails, Attorney attorney, CeaseNotice ceaseCommunication,
		List<Hold> holds, List<InconvenientTime> inconvenientTimes, List<Place> inconvenientPlaces,
		List<MediumOptOut> mediumOptOuts, boolean workplaceContactProhibited) {

	public static final ConsumerProfile EMPTY = new ConsumerProfile(null, null, null, null, null, null, null, null,
			null, null, null, false);

	public ConsumerProfile {
		jurisdiction = jurisdiction == null ? Jurisdiction.US : jurisdiction;
		addresses = Lists.of(addresses);
		phones = Lists.of(phones);
		emails = Lists.of(emails);
		holds = Lists.of(holds);
		inconvenientTimes = Lists.of(inconvenientTimes);
		inconvenientPlaces = Lists.of(inconvenientPlaces);
		mediumOptOuts = Lists.of(mediumOptOuts);
	}

	public Optional<PhoneNumber> phone(String number) {
		return number == null ? Optional.empty() : phones.stream().filter(p -> number.equals(p.number())).findFirst();
	}

	public Optional<EmailAddress> email(String address) {
		return address == null ? Optional.empty()
				: emails.stream().filter(e -> address.equalsIgnoreCase(e.address())).findFirst();
	}

	public ConsumerProfile withMediumOptOut(MediumOptOut optOut) {
		List<MediumOptOut> all = new java.util.ArrayList<>(mediumOptOuts);
		all.add(optOut);
		return new ConsumerProfile(jurisdiction, addresses, timeZone, phones, emails, attorney, ceaseCommunication,
				holds, inconvenientTimes, inconvenientPlaces, all, workplaceContactProhibited);
	}

}
