package com.contactdecision.web;

/** A resource the path names is not on file: a 404 problem+json, never an empty body. */
final class NotFoundException extends RuntimeException {

	NotFoundException(String what) {
		super("no " + what + " is on file with this id");
	}

}
