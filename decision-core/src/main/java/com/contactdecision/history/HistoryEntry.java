package com.contactdecision.history;

import com.fasterxml.jackson.annotation.JsonUnwrapped;

import com.contactdecision.facts.ContactRecord;

/**
 * One line of {@code GET /v1/consumers/{id}/history}: the record as stored, and whether
 * it is a reservation that no event settled within the settle time. An unsettled
 * reservation keeps counting against the caps (the attempt may have been made); the flag
 * is there so an operator can see it and settle it.
 */
public record HistoryEntry(@JsonUnwrapped ContactRecord record, boolean unsettled) {

}
