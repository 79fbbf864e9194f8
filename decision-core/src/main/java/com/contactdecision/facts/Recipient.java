package com.contactdecision.facts;

/** Who the communication is addressed to. Wire values. */
public enum Recipient {

	CONSUMER, ATTORNEY, THIRD_PARTY

}
