package com.contactdecision.facts;

/** What a communication is for. Wire values. */
public enum Purpose {

	COLLECTION, INITIAL_COMMUNICATION, VALIDATION_NOTICE, LIMITED_CONTENT, CEASE_EXCEPTION_TERMINATION,
	CEASE_EXCEPTION_REMEDY, DISPUTE_VERIFICATION, OPT_OUT_CONFIRMATION, LOCATION_INQUIRY, TRANSACTIONAL;

	/** The notices 12 CFR 1006.6(c)(2) still permits after a written cease. */
	public boolean isCeaseException() {
		return this == CEASE_EXCEPTION_TERMINATION || this == CEASE_EXCEPTION_REMEDY;
	}

}
