package com.contactdecision.decision;

/** Wire values. */
public enum Outcome {

	ALLOW, DENY

}
