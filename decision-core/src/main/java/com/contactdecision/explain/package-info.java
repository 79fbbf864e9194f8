/**
 * Explanations for compliance officers: why a contact would be refused now, with the
 * facts that decided it, and when it will be allowed over the coming days. Evaluates
 * exactly as a CHECK does (the same reader, situation and engine) and records nothing.
 * Plain Java.
 */
package com.contactdecision.explain;
