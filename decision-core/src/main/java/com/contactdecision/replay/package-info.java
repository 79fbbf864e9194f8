/**
 * What-if before a rule change goes live: recorded decisions evaluated again, under a
 * candidate rule set, with the facts each one saw
 * ({@link com.contactdecision.replay.Simulation}). Plain Java: the same engine and loader
 * the server decides with; the HTTP endpoint and the CLI are adapters.
 */
package com.contactdecision.replay;
