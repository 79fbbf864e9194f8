package com.contactdecision.facts;

/** A number on file for the consumer. */
public record PhoneNumber(String number, LineType type, boolean workplace) {

}
