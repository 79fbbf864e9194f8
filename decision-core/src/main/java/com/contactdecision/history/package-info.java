/**
 * Contact history: reserved attempts and reported events, per consumer, with the atomic
 * compare-and-append that makes a RESERVE safe under concurrent callers.
 * {@link com.contactdecision.history.ContactHistory} is the port; the in-memory store is
 * the embedded default and Redis the store of record when configured. Plain Java.
 */
package com.contactdecision.history;
