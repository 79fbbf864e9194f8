package com.contactdecision;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/**
 * The contact decision service. {@code java -jar decision-service.jar} serves the HTTP
 * contract; {@code java -jar decision-service.jar test-rules} runs the rule scenarios
 * instead, and
 * {@code java -jar decision-service.jar simulate --rules DIR --from ... --to ...} replays
 * recorded decisions under a candidate rule directory.
 */
@SpringBootApplication
@ConfigurationPropertiesScan
public class Application {

	public static void main(String[] args) {
		if (args.length > 0 && args[0].equals("test-rules")) {
			// The officers' scenario runner: the same engine, without starting the
			// server.
			quietLogging();
			System.exit(com.contactdecision.scenarios.ScenarioCommand
				.run(java.util.Arrays.copyOfRange(args, 1, args.length)));
		}
		if (args.length > 0 && args[0].equals("simulate")) {
			// What-if from the command line: a candidate rule directory against the audit
			// database.
			quietLogging();
			System.exit(
					com.contactdecision.audit.SimulateCommand.run(java.util.Arrays.copyOfRange(args, 1, args.length)));
		}
		if (args.length > 0 && args[0].equals("rules-catalogue")) {
			System.exit(rulesCatalogue(java.util.Arrays.copyOfRange(args, 1, args.length)));
		}
		SpringApplication.run(Application.class, args);
	}

	/**
	 * Outside Spring nothing configures logback, which then logs Drools at DEBUG over the
	 * report.
	 */
	private static void quietLogging() {
		if (org.slf4j.LoggerFactory
			.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME) instanceof ch.qos.logback.classic.Logger root) {
			root.setLevel(ch.qos.logback.classic.Level.ERROR);
		}
	}

	/**
	 * Prints the rule catalogue, or with {@code --write README.md} rewrites its section
	 * there.
	 */
	private static int rulesCatalogue(String[] args) {
		java.nio.file.Path rules = java.nio.file.Path.of(System.getProperty("rules.dir", "rules"));
		try {
			if (args.length == 2 && args[0].equals("--write")) {
				java.nio.file.Path readme = java.nio.file.Path.of(args[1]);
				java.nio.file.Files.writeString(readme, com.contactdecision.rules.RuleCatalogue
					.updateReadme(java.nio.file.Files.readString(readme), rules));
				return 0;
			}
			System.out.print(com.contactdecision.rules.RuleCatalogue.markdown(rules));
			return 0;
		}
		catch (java.io.IOException e) {
			System.err.println("cannot update the README: " + e.getMessage());
			return 1;
		}
	}

}
