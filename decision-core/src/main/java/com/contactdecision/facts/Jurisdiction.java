package com.contactdecision.facts;

/** The legal regime a consumer is under. Wire values. */
public enum Jurisdiction {

	US, UK, EU

}
