package com.contactdecision.facts;

/** The words that will be sent or spoken, held to the content rules. */
public record Message(String text, String subject) {

}
