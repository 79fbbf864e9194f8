package com.contactdecision.facts;

import java.time.Instant;
import java.time.LocalDate;

/** A telephone conversation about a debt, and when the block it starts ends. */
public record Conversation(String debtKey, LocalDate date, Instant blockEndsAt) {

}
