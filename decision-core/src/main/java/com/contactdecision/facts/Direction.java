package com.contactdecision.facts;

/** Who started a recorded communication. Wire values. */
public enum Direction {

	OUTBOUND, INBOUND

}
