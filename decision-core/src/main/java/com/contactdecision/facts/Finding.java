package com.contactdecision.facts;

import java.time.Instant;

/**
 * One blocking reason a rule found.
 *
 * @param notBefore the earliest instant this block could lift by the passage of time
 * alone, or null when time alone cannot lift it (attorney, cease, opt-out, content, a
 * hold)
 */
public record Finding(ReasonCode code, String rule, String message, String citation, Instant notBefore) {

}
