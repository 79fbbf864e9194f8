/**
 * The compliance console at {@code /console}: server-rendered pages (Thymeleaf, a little
 * plain JavaScript, nothing from a CDN) that show the rules in force, explain a decision,
 * lay out when a consumer may be contacted, and reload the rules. Reads the core; decides
 * nothing of its own.
 */
package com.contactdecision.console;
