package com.contactdecision.facts;

import java.util.Locale;
import java.util.Set;

/**
 * One row of a state content-requirement table ({@code *-content-requirements.csv}): a
 * message of these channels, to a consumer under this jurisdiction, from a collector of
 * these types, must show an element (e.g. the collector's licence number); a message
 * whose text lacks it is refused with {@code reasonCode}, and an allowed one carries
 * {@code obligation}.
 *
 * @param jurisdiction a state ({@code US-CA}); a {@link RequiredElement#LICENCE_NUMBER}
 * is that state's licence
 */
public record ContentRequirement(String id, boolean enabled, String jurisdiction, Set<CollectorType> collectorTypes,
		Set<Channel> channels, RequiredElement element, Obligation obligation, ReasonCode reasonCode, String citation) {

	public ContentRequirement {
		collectorTypes = Lists.of(collectorTypes);
		channels = Lists.of(channels);
		if (id == null || id.isBlank()) {
			throw new IllegalArgumentException("column id: a requirement needs an id");
		}
		if (element == null || reasonCode == null) {
			throw new IllegalArgumentException("columns element and reasonCode are required");
		}
		if (element == RequiredElement.LICENCE_NUMBER && Jurisdictions.usState(jurisdiction) == null) {
			throw new IllegalArgumentException(
					"column jurisdiction: a LICENCE_NUMBER requirement names one US state (US-XX), not '" + jurisdiction
							+ "'");
		}
	}

	/**
	 * Whether the requirement binds this message from this collector: the row's
	 * jurisdiction, collector types and channels, a message to the consumer, and the
	 * element exists (the collector has a licence for the state).
	 */
	public boolean appliesTo(Contact c, Collector collector) {
		return enabled && Jurisdictions.matches(jurisdiction, c) && collectorTypes.contains(c.collectorType())
				&& channels.contains(c.channel()) && c.recipient() == Recipient.CONSUMER && value(collector) != null;
	}

	/**
	 * What the message must show, e.g. the licence number; null when the collector has
	 * none.
	 */
	public String value(Collector collector) {
		return switch (element) {
			case LICENCE_NUMBER -> {
				String licence = collector == null ? null
						: collector.licences().get(Jurisdictions.usState(jurisdiction));
				yield licence == null || licence.isBlank() ? null : licence.strip();
			}
		};
	}

	/**
	 * Whether the message has words to check (text or subject) and they do not show the
	 * element.
	 */
	public boolean missingFrom(Contact c, Collector collector) {
		String value = value(collector);
		if (value == null || (!c.hasText() && (c.subject() == null || c.subject().isBlank()))) {
			return false;
		}
		String wanted = squeeze(value);
		return !squeeze(c.text()).contains(wanted) && !squeeze(c.subject()).contains(wanted);
	}

	private static String squeeze(String s) {
		return s == null ? "" : s.replaceAll("\\s+", "").toLowerCase(Locale.ROOT);
	}

}
