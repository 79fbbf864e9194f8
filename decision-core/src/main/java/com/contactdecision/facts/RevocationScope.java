package com.contactdecision.facts;

import java.util.Set;

/**
 * One row of a revocation-scope table ({@code *-revocation-scopes.csv}): a revocation of
 * TCPA consent received on one of {@code channels} covers automated contact on every one
 * of them (e.g. a STOP reply to a text also revokes consent to autodialed and prerecorded
 * calls: the FCC's "revoke-all" provision of 47 CFR 64.1200(a)(10), in force from 31
 * January 2027). Without a row in force, a revocation covers the channel it was made for
 * only. Immutable.
 */
public record RevocationScope(String id, boolean enabled, Set<Channel> channels, String citation) {

	public RevocationScope {
		channels = channels == null ? Set.of() : Set.copyOf(channels);
		if (channels.size() < 2) {
			throw new IllegalArgumentException("column channels: a scope names at least two channels it joins");
		}
	}

	/**
	 * Whether a revocation made for {@code revoked} (null: any channel) covers a contact
	 * on {@code contact}.
	 */
	public boolean joins(Channel revoked, Channel contact) {
		return enabled && contact != null && covers(contact) && (revoked == null || covers(revoked));
	}

	private boolean covers(Channel c) {
		return channels.stream().anyMatch(x -> x.sameMediumAs(c));
	}

}
