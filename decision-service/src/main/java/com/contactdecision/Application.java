package com.contactdecision;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/**
 * The contact decision service. {@code java -jar decision-service.jar} serves the HTTP contract;
 * {@code java -jar decision-service.jar test-rules} runs the rule scenarios instead.
 */
@SpringBootApplication
@ConfigurationPropertiesScan
public class Application {

	public static void main(String[] args) {
		if (args.length > 0 && args[0].equals("test-rules")) {
			// The officers' scenario runner: the same engine, without starting the server.
			System.exit(com.contactdecision.scenarios.ScenarioCommand.run(java.util.Arrays.copyOfRange(args, 1, args.length)));
		}
		SpringApplication.run(Application.class, args);
	}

}
