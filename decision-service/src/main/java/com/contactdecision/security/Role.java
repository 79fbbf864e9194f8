package com.contactdecision.security;

/**
 * What a key or token may do (CONTRACT section 7). The names are API: keys are created
 * with them and tokens carry them in a claim; never rename. {@code MONITORING} is an
 * extension: it reads metrics only, so a Prometheus scraper needs no broader key.
 */
public enum Role {

	/** Decisions, batches, contact events and inbound texts, for its own collector. */
	DIALLER,
	/**
	 * Profiles, consents, debts, collectors, contact events, inbound texts and history
	 * reads.
	 */
	INTEGRATION,
	/** Rules, reloads, simulations, and decision and audit reads. */
	COMPLIANCE,
	/** Everything, including erasure and API keys. */
	ADMIN,
	/** {@code /actuator/prometheus} and {@code /actuator/info}. */
	MONITORING;

	/** The Spring Security authority. */
	String authority() {
		return "ROLE_" + name();
	}

}
