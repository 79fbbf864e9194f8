package com.contactdecision.system;

import java.nio.file.Path;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code rules.*}: where the rule directory is ({@code RULES_DIR} or {@code --rules.dir=}), whether
 * to watch it for changes, and the scenarios every candidate rule set must pass before it answers
 * ({@code RULES_SCENARIOS_DIR} or {@code --rules.scenarios-dir=}).
 */
@ConfigurationProperties("rules")
record RulesProperties(Path dir, Boolean watch, Path scenariosDir) {

	RulesProperties {
		dir = dir == null ? Path.of("rules") : dir;
		watch = watch == null || watch;
		scenariosDir = scenariosDir == null ? Path.of("rule-tests/scenarios") : scenariosDir;
	}

}
