/**
 * The vocabulary shared by the HTTP contract, the stores and the rule files: requests,
 * profiles, debts, consents, contact history and the facts a rule can match on.
 * <p>
 * The rule authors' vocabulary is all here: the facts, what a rule concludes
 * ({@link com.contactdecision.facts.Verdict},
 * {@link com.contactdecision.facts.ReasonCode},
 * {@link com.contactdecision.facts.Obligation},
 * {@link com.contactdecision.facts.Warning}), and the consumer's past as the global
 * {@code history} ({@link com.contactdecision.facts.PastContacts}) with one helper per
 * question asked of it ({@link com.contactdecision.facts.CapCounting},
 * {@link com.contactdecision.facts.Conversations},
 * {@link com.contactdecision.facts.DirectConsent},
 * {@link com.contactdecision.facts.RebuttalFactors},
 * {@link com.contactdecision.facts.Replies}).
 * <p>
 * These names are the contract with rule authors and API clients: enum constants are wire
 * values (CONTRACT.md) and are never renamed. Plain Java: nothing here imports Spring.
 */
package com.contactdecision.facts;
