/**
 * Rule scenarios: data files that say "given this profile, these debts, consents and
 * events, at this instant, expect this outcome, these reasons and this next eligible
 * instant". The runner decides each through the same
 * {@link com.contactdecision.decision.DecisionService} and rule engine the server uses,
 * on fresh in-memory stores and a fixed clock, like OPA's {@code opa test}. Plain Java.
 */
package com.contactdecision.scenarios;
