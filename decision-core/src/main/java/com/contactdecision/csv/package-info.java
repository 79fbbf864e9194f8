/**
 * The one CSV reader, shared by the rule engine's parameter tables and the time-zone
 * tables. Plain Java; depends on nothing in the project.
 */
package com.contactdecision.csv;
