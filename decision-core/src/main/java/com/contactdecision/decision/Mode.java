package com.contactdecision.decision;

/** RESERVE records an allowed attempt atomically; CHECK only evaluates. Wire values. */
public enum Mode {

	RESERVE, CHECK

}
