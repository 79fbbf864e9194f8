package com.contactdecision.sipgate;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/**
 * sipp, both sides of the gate, with the scenarios of
 * {@code integrations/kamailio/test/}: a {@link Carrier} (the callee, answering 200) that
 * logs every INVITE the gate relayed, and {@link #dial} runs of the dialler scenario, one
 * log line per call. Tests assert on those lines, so a failure names the call and what
 * the gate answered. Every run is bounded: sipp's own {@code -timeout} and a hard wait
 * here.
 */
final class Sipp {

	private Sipp() {
	}

	/**
	 * What the dialler saw for one call: the final status and the gate's headers on it,
	 * trimmed, "" when absent.
	 */
	record Call(String status, String callId, String decision, String obligations, String reason, String next,
			String retry, String error) {

		static Call parse(String line) {
			Map<String, String> f = fields(line);
			return new Call(f.getOrDefault("status", ""), f.getOrDefault("callid", ""), f.getOrDefault("decision", ""),
					f.getOrDefault("obligations", ""), f.getOrDefault("reason", ""), f.getOrDefault("next", ""),
					f.getOrDefault("retry", ""), f.getOrDefault("error", ""));
		}

	}

	/** What the carrier received for one relayed INVITE. */
	record Relayed(String callId, String decision, String obligations, String spoofed, String accountHeaders) {

		static Relayed parse(String line) {
			Map<String, String> f = fields(line);
			return new Relayed(f.getOrDefault("callid", ""), f.getOrDefault("decision", ""),
					f.getOrDefault("obligations", ""), f.getOrDefault("spoofed", ""),
					f.getOrDefault("accountHeaders", ""));
		}

	}

	/**
	 * The call's headers, as the dialler sets them: every key is sent, "" leaves the
	 * header empty.
	 */
	record Dial(String phone, String consumer, String debts, String collector, String dialMode, String lineType) {

		static Dial of(String phone, String consumer, String debts, String collector) {
			return new Dial(phone, consumer, debts, collector, "", "");
		}

		Dial withDialMode(String mode) {
			return new Dial(phone, consumer, debts, collector, mode, lineType);
		}

		Dial withLineType(String type) {
			return new Dial(phone, consumer, debts, collector, dialMode, type);
		}

	}

	/**
	 * Places {@code calls} calls one after the other through the gate on
	 * {@code gatePort}, each with a Call-ID made from {@code callIdPattern} (sipp's
	 * -cid_str: %u is the call number), and returns what the dialler saw, in order. Fails
	 * when sipp does not end normally.
	 */
	static List<Call> dial(SipGate gate, Dial dial, int calls, String callIdPattern) {
		return run(gate, "dialler-call.xml", calls, callIdPattern, keys(dial));
	}

	/**
	 * A call the dialler cancels as soon as the gate answers 100, while the gate is still
	 * asking.
	 */
	static Call cancelled(SipGate gate, Dial dial, String callId) {
		return run(gate, "cancelled-call.xml", 1, callId, keys(dial)).get(0);
	}

	private static List<String> keys(Dial dial) {
		return List.of("-s", dial.phone(), "-key", "consumer", dial.consumer(), "-key", "debts", dial.debts(), "-key",
				"collector", dial.collector(), "-key", "dialmode", dial.dialMode(), "-key", "linetype",
				dial.lineType());
	}

	/**
	 * An INVITE with a To-tag and a Route through the gate to the carrier, of a dialog
	 * never set up.
	 */
	static List<Call> forgedInDialog(SipGate gate, int carrierPort, String phone, String callId) {
		return run(gate, "forged-in-dialog.xml", 1, callId,
				List.of("-s", phone, "-key", "carrier", SipGate.LOOPBACK + ":" + carrierPort));
	}

	/**
	 * A Call-ID pattern unique to this JVM and label: the calls of one test are told
	 * apart by it.
	 */
	static String callIds(String label) {
		return "sipgate-" + label + "-" + UUID.randomUUID().toString().substring(0, 8) + "-%u@dialler.test";
	}

	private static List<Call> run(SipGate gate, String scenario, int calls, String callIdPattern, List<String> args) {
		Path dir = tempDir("sipp-uac-");
		try {
			Path log = dir.resolve("calls.log");
			Path out = dir.resolve("sipp.out");
			List<String> cmd = new ArrayList<>(List.of(SipGate.onPath("sipp"), SipGate.LOOPBACK + ":" + gate.port(),
					"-sf", SipGate.integrationDir().resolve("test").resolve(scenario).toString(), "-i",
					SipGate.LOOPBACK, "-p", Integer.toString(SipGate.freeUdpPort()), "-m", Integer.toString(calls),
					"-l", "1", "-r", "50", "-cid_str", callIdPattern, "-nostdin", "-trace_logs", "-log_file",
					log.toString(), "-trace_err", "-error_file", dir.resolve("errors.log").toString(), "-timeout",
					"15s", "-timeout_error"));
			cmd.addAll(args);
			Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(out.toFile()).start();
			boolean ended = p.waitFor(30, TimeUnit.SECONDS);
			if (!ended) {
				p.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
			}
			List<Call> result = new ArrayList<>();
			for (String line : readLines(log)) {
				if (line.startsWith("RESULT|")) {
					result.add(Call.parse(line));
				}
			}
			if (!ended || p.exitValue() != 0 || result.size() != calls) {
				throw new AssertionError("sipp " + scenario + " " + args + " did not end normally (exit "
						+ (ended ? p.exitValue() : "none: killed after 30 s") + ", " + result.size() + " of " + calls
						+ " calls logged)\nresults: " + result + "\nsipp errors:\n" + tail(dir.resolve("errors.log"))
						+ "\nsipp:\n" + tail(out) + "\nkamailio:\n" + gate.log());
			}
			return result;
		}
		catch (IOException e) {
			throw new IllegalStateException("Could not run sipp: " + e.getMessage() + ". " + SipGate.HOW_TO_INSTALL, e);
		}
		catch (InterruptedException e) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("Interrupted", e);
		}
		finally {
			SipGate.deleteQuietly(dir);
		}
	}

	/**
	 * The callee behind the gate: answers every INVITE with 200 and logs it. Runs at most
	 * 5 minutes.
	 */
	static final class Carrier implements AutoCloseable {

		private final Process process;

		private final Path dir;

		private final int port;

		private Carrier(Process process, Path dir, int port) {
			this.process = process;
			this.dir = dir;
			this.port = port;
		}

		static Carrier start() {
			SipGate.requireBinaries();
			Path dir = tempDir("sipp-carrier-");
			int port = SipGate.freeUdpPort();
			List<String> cmd = List.of(SipGate.onPath("sipp"), "-sf",
					SipGate.integrationDir().resolve("test/carrier.xml").toString(), "-i", SipGate.LOOPBACK, "-p",
					Integer.toString(port), "-nostdin", "-trace_logs", "-log_file",
					dir.resolve("relayed.log").toString(), "-timeout", "300s");
			try {
				Process p = new ProcessBuilder(cmd).redirectErrorStream(true)
					.redirectOutput(dir.resolve("sipp.out").toFile())
					.start();
				Carrier c = new Carrier(p, dir, port);
				Runtime.getRuntime().addShutdownHook(new Thread(c::close, "sipp-carrier-stop"));
				SipGate.sleep(200);
				if (!p.isAlive()) {
					throw new IllegalStateException("sipp (carrier) exited at once:\n" + tail(dir.resolve("sipp.out")));
				}
				return c;
			}
			catch (IOException e) {
				throw new IllegalStateException(
						"Could not start sipp: " + e.getMessage() + ". " + SipGate.HOW_TO_INSTALL, e);
			}
		}

		int port() {
			return port;
		}

		/**
		 * Every INVITE relayed to the carrier so far (sipp writes each line as it
		 * happens).
		 */
		List<Relayed> relayed() {
			List<Relayed> result = new ArrayList<>();
			for (String line : readLines(dir.resolve("relayed.log"))) {
				if (line.startsWith("RELAYED|")) {
					result.add(Relayed.parse(line));
				}
			}
			return result;
		}

		/** The relayed INVITEs whose Call-ID starts with the given prefix. */
		List<Relayed> relayed(String callIdPrefix) {
			return relayed().stream().filter(r -> r.callId().startsWith(callIdPrefix)).toList();
		}

		@Override
		public synchronized void close() {
			if (process.isAlive()) {
				process.destroy();
				try {
					if (!process.waitFor(5, TimeUnit.SECONDS)) {
						process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
					}
				}
				catch (InterruptedException e) {
					process.destroyForcibly();
					Thread.currentThread().interrupt();
				}
			}
			SipGate.deleteQuietly(dir);
		}

	}

	/** The part of a Call-ID pattern before its call number, to find that run's calls. */
	static String prefixOf(String callIdPattern) {
		int i = callIdPattern.indexOf('%');
		return i < 0 ? callIdPattern : callIdPattern.substring(0, i);
	}

	private static Map<String, String> fields(String line) {
		Map<String, String> f = new LinkedHashMap<>();
		String[] parts = line.split("\\|");
		for (int i = 1; i < parts.length; i++) {
			int eq = parts[i].indexOf('=');
			if (eq > 0) {
				f.put(parts[i].substring(0, eq), parts[i].substring(eq + 1).trim());
			}
		}
		return f;
	}

	private static List<String> readLines(Path file) {
		try {
			return Files.exists(file) ? Files.readAllLines(file, StandardCharsets.UTF_8) : List.of();
		}
		catch (IOException e) {
			throw new IllegalStateException(e);
		}
	}

	private static String tail(Path file) {
		List<String> lines = readLines(file);
		return String.join("\n", lines.subList(Math.max(0, lines.size() - 60), lines.size()));
	}

	private static Path tempDir(String prefix) {
		try {
			return Files.createTempDirectory(prefix);
		}
		catch (IOException e) {
			throw new IllegalStateException(e);
		}
	}

}
