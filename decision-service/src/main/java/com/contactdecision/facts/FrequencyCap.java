package com.contactdecision.facts;

import java.util.Set;

/**
 * One row of a caps table ({@code *-caps.csv} in the rule directory): at most {@code limit}
 * counted communications on {@code windowDays} consecutive local calendar days, the day of the
 * contact included, per {@code unit}.
 *
 * @param jurisdiction {@code US} for every US consumer, {@code US-XX} for one with an address in
 * state XX, {@code UK} or {@code EU}
 * @param channels the channels of the contact being decided that the cap applies to
 * @param dialModes empty means every dial mode
 * @param lineTypes empty means every line; also restricts which past contacts count
 * @param exemptWithConsent a consent kind (e.g. {@code TCPA}) whose grant for the destination lifts the cap, or empty
 */
public record FrequencyCap(String id, boolean enabled, String jurisdiction, Set<CollectorType> collectorTypes,
		Set<Channel> channels, Set<DialMode> dialModes, Set<LineType> lineTypes, Counting counts, CapUnit unit,
		int windowDays, int limit, String reasonCode, String citation, String exemptWithConsent) {

	public FrequencyCap {
		collectorTypes = Lists.of(collectorTypes);
		channels = Lists.of(channels);
		dialModes = Lists.of(dialModes);
		lineTypes = Lists.of(lineTypes);
		exemptWithConsent = exemptWithConsent == null ? "" : exemptWithConsent;
	}

	public boolean appliesTo(Contact c) {
		return enabled && Jurisdictions.matches(jurisdiction, c) && collectorTypes.contains(c.collectorType())
				&& channels.contains(c.channel()) && (dialModes.isEmpty() || dialModes.contains(c.dialMode()))
				&& (lineTypes.isEmpty() || lineTypes.contains(lineOf(c.lineType())));
	}

	public boolean countsLine(LineType type) {
		return lineTypes.isEmpty() || lineTypes.contains(lineOf(type));
	}

	public boolean hasConsentExemption() {
		return !exemptWithConsent.isBlank();
	}

	private static LineType lineOf(LineType type) {
		return type == null ? LineType.UNKNOWN : type;
	}

}
