package com.contactdecision.decision;

import com.contactdecision.facts.ReasonCode;

/** One reason a contact is refused, as answered: field names are API. */
public record Reason(ReasonCode code, String rule, String message, String citation) {

}
