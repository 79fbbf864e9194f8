package com.contactdecision.facts;

/**
 * An email address on file; employer-provided addresses are restricted by 1006.22(f)(3).
 */
public record EmailAddress(String address, boolean employerProvided) {

}
