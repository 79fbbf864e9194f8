package com.contactdecision.ruletests;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;

import com.contactdecision.rules.RuleCatalogue;

/**
 * The README's rule list is generated from the rule files' headers; this fails when it
 * drifts.
 */
class ReadmeCatalogueTests {

	@Test
	void readmeListsEveryRuleFileWithItsLegalSource() throws Exception {
		Path readme = RuleScenarioTests.RULES.resolve("../README.md");
		String text = Files.readString(readme);
		assertThat(RuleCatalogue.updateReadme(text, RuleScenarioTests.RULES))
			.as("README.md rule catalogue is stale: run `java -jar decision-service/target/decision-service.jar rules-catalogue --write README.md`")
			.isEqualTo(text);
	}

	@Test
	void everyRuleFileNamesItsLegalSource() {
		assertThat(RuleCatalogue.read(RuleScenarioTests.RULES)).isNotEmpty()
			.allSatisfy(e -> assertThat(e.source()).as(e.file()).isNotEqualTo("(none given)"));
	}

}
