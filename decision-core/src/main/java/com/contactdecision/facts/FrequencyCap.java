package com.contactdecision.facts;

import java.util.Set;

/**
 * One row of a caps table ({@code *-caps.csv} in the rule directory): at most
 * {@code limit} counted communications on {@code windowDays} consecutive local calendar
 * days, the day of the contact included, per {@code unit}.
 *
 * @param jurisdiction {@code US} for every US consumer, {@code US-XX} for one with an
 * address in state XX, {@code UK} or {@code EU}
 * @param channels the channels of the contact being decided that the cap applies to
 * @param dialModes empty means every dial mode
 * @param lineTypes empty means every line; also restricts which past contacts count (a
 * contact's line is its {@link Contact#lineClass()}: WORK at the consumer's place of
 * employment)
 * @param exemptWithConsent a consent kind (e.g. {@code TCPA}) whose grant for the
 * destination lifts the cap, or empty
 */
public record FrequencyCap(String id, boolean enabled, String jurisdiction, Set<CollectorType> collectorTypes,
		Set<Channel> channels, Set<DialMode> dialModes, Set<LineType> lineTypes, Counting counts, CapUnit unit,
		int windowDays, int limit, String reasonCode, String citation, String exemptWithConsent) {

	public FrequencyCap {
		collectorTypes = Lists.of(collectorTypes);
		channels = Lists.of(channels);
		dialModes = Lists.of(dialModes);
		lineTypes = Lists.of(lineTypes);
		exemptWithConsent = exemptWithConsent == null ? "" : exemptWithConsent.strip();
		if (windowDays < 1) {
			throw new IllegalArgumentException("windowDays must be at least 1");
		}
		if (limit < 1) {
			throw new IllegalArgumentException("limit must be at least 1");
		}
		if (counts == null || unit == null) {
			throw new IllegalArgumentException("counts and unit are required");
		}
		try {
			ReasonCode.valueOf(reasonCode);
		}
		catch (RuntimeException e) {
			throw new IllegalArgumentException("reasonCode '" + reasonCode + "' is not a reason code");
		}
		if (!exemptWithConsent.isEmpty()) {
			try {
				ConsentKind.valueOf(exemptWithConsent.toUpperCase(java.util.Locale.ROOT));
			}
			catch (RuntimeException e) {
				throw new IllegalArgumentException("exemptWithConsent '" + exemptWithConsent
						+ "' is not a consent kind (TCPA, DIRECT_CONTACT, GDPR)");
			}
		}
	}

	/** The reason code a reached cap denies with. */
	public ReasonCode code() {
		return ReasonCode.valueOf(reasonCode);
	}

	/**
	 * Whether the contact is of the kind the cap limits: the row's jurisdiction,
	 * collector types, channels, dial modes and line types, and the contact is one its
	 * counting would count (e.g. a Reg F call cap does not bind a call to the consumer's
	 * attorney or to a third party).
	 */
	public boolean appliesTo(Contact c) {
		return enabled && counts.subjects(c) && Jurisdictions.matches(jurisdiction, c)
				&& collectorTypes.contains(c.collectorType()) && channels.contains(c.channel())
				&& (dialModes.isEmpty() || dialModes.contains(c.dialMode()))
				&& (lineTypes.isEmpty() || lineTypes.contains(c.lineClass()));
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
