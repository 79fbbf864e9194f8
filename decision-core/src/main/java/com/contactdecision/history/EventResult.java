package com.contactdecision.history;

/** Whether an event was new, or a repeat of an eventId already recorded (idempotent). */
public enum EventResult {

	RECORDED, REPEATED

}
