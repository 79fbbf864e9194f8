/**
 * Wiring only: configuration properties, the beans that assemble the plain-Java core,
 * metrics, health and the rule directory watcher. The only Spring-aware package besides
 * {@code web}.
 */
package com.contactdecision.system;
