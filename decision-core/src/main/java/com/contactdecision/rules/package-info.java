/**
 * The rule engine: loads a rule directory (DRL files, decision tables and parameter
 * tables) into an immutable {@link com.contactdecision.rules.RuleSet}, and evaluates a
 * {@link com.contactdecision.rules.Situation} against it. Plain Java over the KIE API;
 * nothing here imports Spring, so the scenario runner uses exactly what the server uses.
 */
package com.contactdecision.rules;
