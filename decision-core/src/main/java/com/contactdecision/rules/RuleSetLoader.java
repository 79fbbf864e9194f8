package com.contactdecision.rules;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.kie.api.KieBase;
import org.kie.api.KieServices;
import org.kie.api.builder.KieBuilder;
import org.kie.api.builder.KieFileSystem;
import org.kie.api.builder.Message;
import org.kie.api.builder.ReleaseId;
import org.kie.api.definition.KiePackage;
import org.kie.api.runtime.KieContainer;

/**
 * Compiles a rule directory into a {@link RuleSet} with the KIE API. Rule files are data
 * read at run time, never compiled into the service jar. A file that does not compile is
 * refused with its path, line and message. Thread-safe.
 */
public final class RuleSetLoader {

	private static final Pattern PACKAGE = Pattern.compile("^\\s*package\\s+([\\w.]+)\\s*;?", Pattern.MULTILINE);

	private static final Pattern RULE_NAME = Pattern.compile("^\\s*rule\\s+\"([^\"]+)\"", Pattern.MULTILINE);

	private static final AtomicLong BUILDS = new AtomicLong();

	private final Clock clock;

	public RuleSetLoader(Clock clock) {
		this.clock = clock;
	}

	public RuleSet load(Path dir) throws RuleSetException {
		if (!Files.isDirectory(dir)) {
			throw new RuleSetException(
					List.of(new RuleProblem(dir.toString(), 0, "the rule directory does not exist")));
		}
		List<Path> paths = list(dir);
		List<RuleProblem> problems = new ArrayList<>();
		List<RuleSet.RuleFile> files = new ArrayList<>();
		List<ParameterRow> parameters = new ArrayList<>();
		KieServices ks = KieServices.Factory.get();
		KieFileSystem kfs = ks.newKieFileSystem();
		MessageDigest setDigest = sha256();
		List<String> kiePaths = new ArrayList<>();
		List<String> relPaths = new ArrayList<>();
		Map<String, RuleProblem> ruleFiles = new HashMap<>();
		for (Path path : paths) {
			String rel = dir.relativize(path).toString().replace('\\', '/');
			byte[] bytes = read(path);
			setDigest.update(rel.getBytes(StandardCharsets.UTF_8));
			setDigest.update((byte) 0);
			setDigest.update(bytes);
			setDigest.update((byte) 0);
			files.add(new RuleSet.RuleFile(rel, "sha256:" + HexFormat.of().formatHex(sha256().digest(bytes))));
			String name = path.getFileName().toString();
			if (name.endsWith(".drl")) {
				String drl = new String(bytes, StandardCharsets.UTF_8);
				String kiePath = "src/main/resources/" + packagePath(drl, name);
				Matcher pkg = PACKAGE.matcher(drl);
				String packageName = pkg.find() ? pkg.group(1) : "";
				for (Matcher rule = RULE_NAME.matcher(drl); rule.find();) {
					int line = (int) drl.substring(0, rule.start(1)).lines().count();
					ruleFiles.put(packageName + "/" + rule.group(1), new RuleProblem(rel, line, ""));
				}
				kfs.write(kiePath, bytes);
				kiePaths.add(kiePath);
				relPaths.add(rel);
			}
			else if (name.endsWith(".drl.csv") || name.endsWith(".drl.xls") || name.endsWith(".drl.xlsx")) {
				// Drools decision tables would bring Apache POI into the core for a form
				// no rule uses:
				// parameters live in the plain CSV tables below, read by one reader.
				problems.add(new RuleProblem(rel, 0, "decision tables are not supported: put the rule in a .drl file"
						+ " and its parameters in a parameter table (" + ParameterTables.KINDS + ")"));
			}
			else if (ParameterTables.isParameterTable(name)) {
				parameters.addAll(ParameterTables.rows(rel, new String(bytes, StandardCharsets.UTF_8), problems));
			}
		}
		if (kiePaths.isEmpty()) {
			problems.add(new RuleProblem(dir.toString(), 0, "no rule files (*.drl) found"));
		}
		if (!problems.isEmpty()) {
			throw new RuleSetException(problems);
		}
		ReleaseId releaseId = ks.newReleaseId("com.contactdecision", "rules", "1.0." + BUILDS.incrementAndGet());
		kfs.generateAndWritePomXML(releaseId);
		KieBuilder builder = ks.newKieBuilder(kfs).buildAll();
		for (Message m : builder.getResults().getMessages(Message.Level.ERROR)) {
			problems.add(new RuleProblem(relative(m.getPath(), kiePaths, relPaths), m.getLine(), m.getText().strip()));
		}
		if (!problems.isEmpty()) {
			throw new RuleSetException(problems);
		}
		KieContainer container = ks.newKieContainer(releaseId);
		KieBase kieBase = container.getKieBase();
		// The repository caches every module by release id; this one is held by its
		// container now.
		ks.getRepository().removeKieModule(releaseId);
		problems.addAll(RuleMetadata.check(kieBase,
				(pkg, rule) -> ruleFiles.getOrDefault(pkg + "/" + rule, new RuleProblem(pkg, 0, ""))));
		if (!problems.isEmpty()) {
			throw new RuleSetException(problems);
		}
		int ruleCount = kieBase.getKiePackages().stream().mapToInt(p -> p.getRules().size()).sum();
		if (ruleCount == 0) {
			throw new RuleSetException(
					List.of(new RuleProblem(dir.toString(), 0, "the rule files compiled to no rules")));
		}
		Set<String> globals = new HashSet<>();
		for (KiePackage p : kieBase.getKiePackages()) {
			p.getGlobalVariables().forEach(g -> globals.add(g.getName()));
		}
		String version = "sha256:" + HexFormat.of().formatHex(setDigest.digest());
		return new RuleSet(version, clock.instant(), List.copyOf(files), ruleCount, kieBase, List.copyOf(parameters),
				Set.copyOf(globals));
	}

	/**
	 * Every regular file under the directory but documentation, in a stable order (the
	 * hash depends on it).
	 */
	static List<Path> list(Path dir) {
		// The real path: Files.walk does not follow a symlinked root (a mounted rule
		// directory).
		try {
			Path real = dir.toRealPath();
			try (Stream<Path> s = Files.walk(real)) {
				return s.filter(Files::isRegularFile)
					.filter(p -> !p.getFileName().toString().startsWith("."))
					.filter(p -> !p.getFileName().toString().endsWith(".md"))
					.map(p -> dir.resolve(real.relativize(p).toString()))
					.sorted()
					.toList();
			}
		}
		catch (IOException e) {
			throw new UncheckedIOException("cannot list the rule directory " + dir, e);
		}
	}

	/** Drools warns unless a DRL file sits at the path of its package. */
	private static String packagePath(String drl, String fileName) {
		Matcher m = PACKAGE.matcher(drl);
		return (m.find() ? m.group(1).replace('.', '/') + "/" : "") + fileName;
	}

	private static String relative(String kiePath, List<String> kiePaths, List<String> relPaths) {
		if (kiePath == null) {
			return "(rule set)";
		}
		for (int i = 0; i < kiePaths.size(); i++) {
			if (kiePaths.get(i).endsWith(kiePath)
					|| kiePath.endsWith(kiePaths.get(i).substring("src/main/resources/".length()))) {
				return relPaths.get(i);
			}
		}
		return kiePath;
	}

	private static byte[] read(Path path) {
		try {
			return Files.readAllBytes(path);
		}
		catch (IOException e) {
			throw new UncheckedIOException("cannot read rule file " + path, e);
		}
	}

	private static MessageDigest sha256() {
		try {
			return MessageDigest.getInstance("SHA-256");
		}
		catch (NoSuchAlgorithmException e) {
			throw new IllegalStateException("SHA-256 is required of every JVM", e);
		}
	}

}
