/**
 * The audit trail: every decision as it was answered, retrievable by id, and the idempotency of
 * request ids. Decisions are also written as one JSON line each to the {@code decisions} log with
 * phone numbers and emails masked. Plain Java.
 */
package com.contactdecision.privacy;
