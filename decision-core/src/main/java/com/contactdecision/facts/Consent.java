package com.contactdecision.facts;

import java.time.Instant;
import java.util.List;

/**
 * One consent record, appended and never overwritten: for the same kind, channel and
 * destination the latest wins. {@code validFrom}/{@code validUntil} and {@code debtIds}
 * scope a DIRECT_CONTACT consent; a null channel or destination means any.
 */
public record Consent(ConsentKind kind, ConsentAction action, Channel channel, String destination, ConsentScope scope,
		String source, Instant at, Instant validFrom, Instant validUntil, List<String> debtIds) {

	public Consent {
		debtIds = Lists.of(debtIds);
		scope = scope == null ? ConsentScope.ALL : scope;
	}

	public boolean granted() {
		return action == ConsentAction.GRANTED;
	}

	/** Records about the same thing supersede each other. */
	public boolean sameSubjectAs(Consent other) {
		return kind == other.kind && channel == other.channel
				&& java.util.Objects.equals(norm(destination), norm(other.destination));
	}

	public boolean matches(Channel requested, String address) {
		return (channel == null || channel.sameMediumAs(requested))
				&& (destination == null || destination.equalsIgnoreCase(address));
	}

	/**
	 * Whether the record is about this address on any channel (no destination means any).
	 */
	public boolean isFor(String address) {
		return destination == null || destination.equalsIgnoreCase(address);
	}

	public boolean coversDebt(String debtId) {
		return debtIds.isEmpty() || debtIds.contains(debtId);
	}

	private static String norm(String s) {
		return s == null ? null : s.toLowerCase();
	}

}
