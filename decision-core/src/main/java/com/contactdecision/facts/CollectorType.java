package com.contactdecision.facts;

/** Regulation F binds only {@link #DEBT_COLLECTOR}s (15 U.S.C. 1692a(6)). Wire values. */
public enum CollectorType {

	DEBT_COLLECTOR, FIRST_PARTY_CREDITOR

}
