package com.contactdecision.profiles;

import java.time.Instant;

/** A text the consumer sent (CONTRACT section 3, {@code POST /v1/inbound/sms}). */
public record InboundSms(String from, String to, String text, Instant at, String eventId) {

}
