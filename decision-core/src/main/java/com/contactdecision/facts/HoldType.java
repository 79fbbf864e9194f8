package com.contactdecision.facts;

/** Why collection contact is on hold. Wire values. */
public enum HoldType {

	BANKRUPTCY, DECEASED, OTHER

}
