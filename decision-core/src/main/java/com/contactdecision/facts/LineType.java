package com.contactdecision.facts;

/** The kind of line or address a destination is. Wire values. */
public enum LineType {

	MOBILE, LANDLINE, WORK, PERSONAL, UNKNOWN

}
