package com.contactdecision.facts;

import java.util.List;

/**
 * Facts a caller knows now about where the consumer may be; merged with the stored
 * profile.
 */
public record ConsumerFacts(List<Address> addresses, String timeZone) {

	public ConsumerFacts {
		addresses = Lists.of(addresses);
	}

}
