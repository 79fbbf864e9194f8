package com.contactdecision.facts;

import java.util.Set;

/**
 * One row of an hours table ({@code *-hours.csv}): contact is permitted from {@code from}
 * until before {@code to}, local time, in every zone the consumer may be in (convention
 * C2: [08:00, 21:00)).
 */
public record PermittedHours(String id, boolean enabled, String jurisdiction, Set<CollectorType> collectorTypes,
		Set<Channel> channels, String from, String to, ReasonCode reasonCode, String citation) {

	public PermittedHours {
		collectorTypes = Lists.of(collectorTypes);
		channels = Lists.of(channels);
		TimeOfDay.minutes(from, 0);
		TimeOfDay.minutes(to, 0);
	}

	public boolean appliesTo(Contact c) {
		return enabled && Jurisdictions.matches(jurisdiction, c) && collectorTypes.contains(c.collectorType())
				&& channels.contains(c.channel());
	}

}
