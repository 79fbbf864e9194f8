package com.contactdecision.facts;

/** A place a consumer may rule out (Reg F 1006.6(b)(1)). Wire values. */
public enum Place {

	WORK, HOME, SCHOOL

}
