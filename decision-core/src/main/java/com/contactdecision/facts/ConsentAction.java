package com.contactdecision.facts;

/** Wire values. */
public enum ConsentAction {

	GRANTED, REVOKED

}
