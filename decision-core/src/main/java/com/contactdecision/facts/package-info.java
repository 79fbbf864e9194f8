/**
 * The vocabulary shared by the HTTP contract, the stores and the rule files: requests, profiles,
 * debts, consents, contact history and the facts a rule can match on.
 * <p>
 * These names are the contract with rule authors and API clients: enum constants are wire values
 * (CONTRACT.md) and are never renamed. Plain Java: nothing here imports Spring.
 */
package com.contactdecision.facts;
