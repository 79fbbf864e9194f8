package com.contactdecision.validation;

/** One thing wrong with a request: the JSON path of the field and what is wrong. */
public record FieldError(String field, String message) {

}
