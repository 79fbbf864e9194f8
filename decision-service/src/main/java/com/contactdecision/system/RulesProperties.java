package com.contactdecision.system;

import java.nio.file.Path;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code rules.*}: where the rule directory is ({@code RULES_DIR} or {@code --rules.dir=}) and
 * whether to watch it for changes.
 */
@ConfigurationProperties("rules")
record RulesProperties(Path dir, Boolean watch) {

	RulesProperties {
		dir = dir == null ? Path.of("rules") : dir;
		watch = watch == null || watch;
	}

}
