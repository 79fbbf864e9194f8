/**
 * Who may call what (CONTRACT section 7): API keys (kept only as keyed hashes, in memory
 * or Redis), OAuth2 bearer JWTs, the one endpoint-to-role map, per-key rate limits, the
 * bootstrap admin key, and the secrets behind pseudonyms and encryption at rest. Spring
 * Security does the filtering.
 */
package com.contactdecision.security;
