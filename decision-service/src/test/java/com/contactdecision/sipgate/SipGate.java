package com.contactdecision.sipgate;

import java.io.File;
import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * The kamailio of {@code integrations/kamailio/kamailio.cfg}, run in the foreground as a
 * child process on a free loopback UDP port, with its settings in its environment (as the
 * README tells an operator to) and its own runtime directory and pid file, so it never
 * meets a system kamailio. It is stopped by {@link #close()} or, at the latest, by a JVM
 * shutdown hook.
 */
final class SipGate implements AutoCloseable {

	static final String HOW_TO_INSTALL = "The SIP gate tests need kamailio 5.6 (modules tm, dialog, http_client, "
			+ "jansson) and sipp on the PATH: apt-get install kamailio kamailio-utils-modules "
			+ "kamailio-extra-modules sip-tester (.ci/run installs them when they are missing)";

	static final String LOOPBACK = "127.0.0.1";

	private static final Duration START = Duration.ofSeconds(15);

	private final Process process;

	private final Path dir;

	private final int port;

	private SipGate(Process process, Path dir, int port) {
		this.process = process;
		this.dir = dir;
		this.port = port;
	}

	/**
	 * Fails (never skips) when kamailio or sipp is missing, saying how to install them.
	 */
	static void requireBinaries() {
		for (String binary : List.of("kamailio", "sipp")) {
			if (onPath(binary) == null) {
				throw new IllegalStateException(binary + " not found on the PATH. " + HOW_TO_INSTALL);
			}
		}
	}

	/**
	 * {@code integrations/kamailio} of this repository, found upwards from the working
	 * directory.
	 */
	static Path integrationDir() {
		for (Path d = Path.of(System.getProperty("user.dir")).toAbsolutePath(); d != null; d = d.getParent()) {
			Path candidate = d.resolve("integrations/kamailio");
			if (Files.isRegularFile(candidate.resolve("kamailio.cfg"))) {
				return candidate;
			}
		}
		throw new IllegalStateException(
				"integrations/kamailio/kamailio.cfg not found above " + System.getProperty("user.dir"));
	}

	/**
	 * Starts the gate in front of {@code nextHopPort} (the carrier), asking
	 * {@code decisionUrl} with {@code apiKey} and waiting {@code timeoutSeconds} for each
	 * answer; returns once it answers an OPTIONS ping.
	 */
	static SipGate start(String decisionUrl, String apiKey, int nextHopPort, int timeoutSeconds) {
		requireBinaries();
		Path dir;
		try {
			dir = Files.createTempDirectory("sip-gate-");
		}
		catch (IOException e) {
			throw new IllegalStateException(e);
		}
		int port = freeUdpPort();
		List<String> cmd = new ArrayList<>(
				List.of(onPath("kamailio"), "-DD", "-E", "-f", integrationDir().resolve("kamailio.cfg").toString(),
						"-Y", dir.toString(), "-P", dir.resolve("kamailio.pid").toString(), "-m", "64", "-M", "8"));
		ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true)
			.redirectOutput(dir.resolve("kamailio.log").toFile());
		Map<String, String> env = pb.environment();
		env.put("GATE_LISTEN", "udp:" + LOOPBACK + ":" + port);
		env.put("GATE_NEXT_HOP", "sip:" + LOOPBACK + ":" + nextHopPort);
		env.put("DECISION_URL", decisionUrl);
		env.put("DECISION_API_KEY", apiKey);
		env.put("DECISION_TIMEOUT", Integer.toString(timeoutSeconds));
		env.put("GATE_RETRY_AFTER", "5");
		env.put("GATE_CHILDREN", "4");
		Process p;
		try {
			p = pb.start();
		}
		catch (IOException e) {
			throw new IllegalStateException("Could not start kamailio: " + e.getMessage() + ". " + HOW_TO_INSTALL, e);
		}
		SipGate gate = new SipGate(p, dir, port);
		Runtime.getRuntime().addShutdownHook(new Thread(gate::close, "sip-gate-stop"));
		long deadline = System.nanoTime() + START.toNanos();
		while (!gate.answersOptions()) {
			if (!p.isAlive() || System.nanoTime() > deadline) {
				String log = gate.log();
				gate.close();
				// A missing module (http_client, jansson) shows in the log: say how to
				// get it.
				throw new IllegalStateException(
						"kamailio did not come up on udp " + port + ". " + HOW_TO_INSTALL + ". Its log:\n" + log);
			}
		}
		return gate;
	}

	int port() {
		return port;
	}

	long pid() {
		return process.pid();
	}

	boolean isAlive() {
		return process.isAlive();
	}

	/** kamailio's own log (stderr), for failure messages. */
	String log() {
		try {
			String all = Files.readString(dir.resolve("kamailio.log"), StandardCharsets.UTF_8);
			return all.length() > 20_000 ? all.substring(all.length() - 20_000) : all;
		}
		catch (IOException e) {
			return "(no kamailio log: " + e.getMessage() + ")";
		}
	}

	/** A keepalive OPTIONS to the gate itself; true on a 200. */
	boolean answersOptions() {
		try (DatagramSocket s = new DatagramSocket(0, InetAddress.getByName(LOOPBACK))) {
			s.setSoTimeout(300);
			String callId = UUID.randomUUID() + "@ping";
			String msg = "OPTIONS sip:" + LOOPBACK + ":" + port + " SIP/2.0\r\n" + "Via: SIP/2.0/UDP " + LOOPBACK + ":"
					+ s.getLocalPort() + ";branch=z9hG4bK" + UUID.randomUUID().toString().replace("-", "") + "\r\n"
					+ "From: <sip:ping@" + LOOPBACK + ">;tag=ping\r\n" + "To: <sip:" + LOOPBACK + ":" + port + ">\r\n"
					+ "Call-ID: " + callId + "\r\n" + "CSeq: 1 OPTIONS\r\n" + "Max-Forwards: 70\r\n"
					+ "Content-Length: 0\r\n\r\n";
			byte[] out = msg.getBytes(StandardCharsets.US_ASCII);
			s.send(new DatagramPacket(out, out.length, InetAddress.getByName(LOOPBACK), port));
			byte[] in = new byte[4096];
			DatagramPacket reply = new DatagramPacket(in, in.length);
			s.receive(reply);
			return new String(in, 0, reply.getLength(), StandardCharsets.US_ASCII).startsWith("SIP/2.0 200");
		}
		catch (SocketTimeoutException e) {
			return false;
		}
		catch (IOException e) {
			sleep(100);
			return false;
		}
	}

	/** SIGTERM: kamailio's main process stops its children; SIGKILL after 5 s. */
	@Override
	public synchronized void close() {
		if (process.isAlive()) {
			process.destroy();
			try {
				if (!process.waitFor(5, TimeUnit.SECONDS)) {
					process.descendants().forEach(ProcessHandle::destroyForcibly);
					process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
				}
			}
			catch (InterruptedException e) {
				process.destroyForcibly();
				Thread.currentThread().interrupt();
			}
		}
		deleteQuietly(dir);
	}

	static int freeUdpPort() {
		try (DatagramSocket s = new DatagramSocket(0, InetAddress.getByName(LOOPBACK))) {
			return s.getLocalPort();
		}
		catch (IOException e) {
			throw new IllegalStateException("No free UDP port", e);
		}
	}

	static String onPath(String name) {
		String path = System.getenv("PATH");
		List<String> dirs = new ArrayList<>(path == null ? List.of() : List.of(path.split(File.pathSeparator)));
		// kamailio lives in /usr/sbin, which a non-root PATH may lack.
		dirs.addAll(List.of("/usr/sbin", "/usr/local/sbin", "/sbin"));
		for (String d : dirs) {
			File f = new File(d, name);
			if (f.isFile() && f.canExecute()) {
				return f.getAbsolutePath();
			}
		}
		return null;
	}

	static void deleteQuietly(Path dir) {
		if (dir == null || !Files.exists(dir)) {
			return;
		}
		try (Stream<Path> files = Files.walk(dir)) {
			files.sorted(Comparator.reverseOrder()).map(Path::toFile).forEach(File::delete);
		}
		catch (IOException e) {
			// A leftover temporary directory is harmless.
		}
	}

	static void sleep(long millis) {
		try {
			Thread.sleep(millis);
		}
		catch (InterruptedException e) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("Interrupted", e);
		}
	}

}
