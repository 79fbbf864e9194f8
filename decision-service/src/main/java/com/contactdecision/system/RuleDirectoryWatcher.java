package com.contactdecision.system;

import java.io.IOException;
import java.nio.file.ClosedWatchServiceException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

import com.contactdecision.rules.ActiveRules;

/**
 * Reloads the rule set when a file in the rule directory or the scenario directory
 * changes: a rule change refused because a scenario failed goes live once the officer
 * fixes the scenario. Changes are debounced (an editor writes a file in several steps),
 * then compiled and gated in the background; the active rule set answers throughout, and
 * a refused candidate leaves it in place.
 */
@Component
class RuleDirectoryWatcher implements DisposableBean {

	private static final Logger log = LoggerFactory.getLogger(RuleDirectoryWatcher.class);

	/**
	 * Quiet time after the last change before compiling: short enough to stay well inside
	 * 2 s.
	 */
	static final long DEBOUNCE_MILLIS = 150;

	private final ActiveRules rules;

	private final RulesProperties properties;

	private volatile WatchService watcher;

	private Thread thread;

	RuleDirectoryWatcher(ActiveRules rules, RulesProperties properties) {
		this.rules = rules;
		this.properties = properties;
	}

	@EventListener(ApplicationReadyEvent.class)
	void start() throws IOException {
		if (!properties.watch()) {
			return;
		}
		watcher = FileSystems.getDefault().newWatchService();
		registerAll();
		thread = new Thread(this::loop, "rule-directory-watcher");
		thread.setDaemon(true);
		thread.start();
		log.info("watching {} and {} for rule changes", rules.directory(), properties.scenariosDirectory());
	}

	private void loop() {
		try {
			while (!Thread.currentThread().isInterrupted()) {
				WatchKey key = watcher.take();
				drain(key);
				// Debounce: keep absorbing events until the directory has been quiet for
				// a moment.
				WatchKey more;
				while ((more = watcher.poll(DEBOUNCE_MILLIS, TimeUnit.MILLISECONDS)) != null) {
					drain(more);
				}
				registerAll();
				try {
					rules.reload();
				}
				catch (ActiveRules.RejectedException e) {
					// Already logged with its problems by ActiveRules; the previous set
					// keeps answering.
				}
			}
		}
		catch (InterruptedException | ClosedWatchServiceException e) {
			Thread.currentThread().interrupt();
		}
		catch (IOException | RuntimeException e) {
			log.error("the rule directory watcher stopped: {}", e.toString(), e);
		}
	}

	private static void drain(WatchKey key) {
		key.pollEvents();
		key.reset();
	}

	/** New sub-folders (a new state, say) must be watched too. */
	private void registerAll() throws IOException {
		registerAll(rules.directory());
		if (Files.isDirectory(properties.scenariosDirectory())) {
			registerAll(properties.scenariosDirectory());
		}
	}

	private void registerAll(Path dir) throws IOException {
		try (Stream<Path> s = Files.walk(dir)) {
			for (Path p : s.filter(Files::isDirectory).toList()) {
				p.register(watcher, StandardWatchEventKinds.ENTRY_CREATE, StandardWatchEventKinds.ENTRY_MODIFY,
						StandardWatchEventKinds.ENTRY_DELETE);
			}
		}
	}

	@Override
	public void destroy() throws IOException {
		if (thread != null) {
			thread.interrupt();
		}
		if (watcher != null) {
			watcher.close();
		}
	}

}
