package com.contactdecision.profiles;

import java.util.List;

/** What an inbound text did: whether it was an opt-out keyword, and whose records it changed. */
public record InboundResult(String eventId, boolean optOut, String keyword, List<String> affectedConsumers) {

}
