package com.contactdecision.facts;

import java.time.Instant;

/**
 * A request not to use a medium (1006.14(h)), optionally only at one address or number. A
 * null destination means the whole medium.
 */
public record MediumOptOut(Channel channel, String destination, Instant at) {

	public boolean covers(Channel requested, String address, Instant when) {
		return channel != null && channel.sameMediumAs(requested) && (at == null || !when.isBefore(at))
				&& (destination == null || destination.equalsIgnoreCase(address));
	}

}
