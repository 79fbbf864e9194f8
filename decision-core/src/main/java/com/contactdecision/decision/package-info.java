/**
 * The capability itself: a {@link com.contactdecision.decision.ContactRequest} becomes a
 * {@link com.contactdecision.decision.Decision}.
 * {@link com.contactdecision.decision.DecisionService} gathers the facts, asks the rule
 * engine, searches forward for the next eligible instant, reserves the attempt atomically
 * and writes the audit record. Plain Java: no Spring.
 */
package com.contactdecision.decision;
