package com.contactdecision.system;

import java.nio.file.Path;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code rules.*}: where the rule directory is ({@code RULES_DIR} or
 * {@code --rules.dir=}), whether to watch it for changes, and the scenarios every
 * candidate rule set must pass before it answers ({@code RULES_SCENARIOS_DIR} or
 * {@code --rules.scenarios-dir=}).
 */
@ConfigurationProperties("rules")
record RulesProperties(String dir, Boolean watch, String scenariosDir) {

	RulesProperties {
		dir = dir == null || dir.isBlank() ? "rules" : dir;
		watch = watch == null || watch;
		scenariosDir = scenariosDir == null || scenariosDir.isBlank() ? "rule-tests/scenarios" : scenariosDir;
	}

	// Strings, not Paths: Spring would read a Path through a resource lookup, which turns
	// "../rules" into null and prefers a classpath folder of the same name.
	Path directory() {
		return Path.of(dir).toAbsolutePath().normalize();
	}

	Path scenariosDirectory() {
		return Path.of(scenariosDir).toAbsolutePath().normalize();
	}

}
