/**
 * The HTTP contract (shared/CONTRACT.md): thin, package-private controllers over the
 * core, and the mapping of every bad input to a 400 problem+json that names the field.
 */
package com.contactdecision.web;
