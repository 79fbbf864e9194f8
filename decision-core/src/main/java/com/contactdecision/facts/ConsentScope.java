package com.contactdecision.facts;

/** Which technology a TCPA consent covers. Wire values. */
public enum ConsentScope {

	AUTODIALED, PRERECORDED, ALL;

	public boolean covers(DialMode mode) {
		return this == ALL || (this == AUTODIALED && mode == DialMode.AUTODIALED)
				|| (this == PRERECORDED && mode == DialMode.PRERECORDED);
	}

}
