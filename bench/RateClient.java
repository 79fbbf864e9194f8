import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * An open-loop client at a fixed rate (wrk2 is not at hand; wrk's Lua cannot fix a rate), for
 * bench/scale.sh, on wrk2's model: CONNECTIONS keep-alive connections, request i is due at
 * start + i / rate and goes on connection i mod CONNECTIONS as soon as that connection is free, and
 * its latency counts from the instant it was due, so a stall is not hidden by fewer requests being
 * sent (no coordinated omission). Loopback only.
 *
 * <pre>
 *   java bench/RateClient.java URL RATE SECONDS [BODY_FILE]   # POST the file, else GET
 * </pre>
 *
 * Environment: API_KEY (sent as X-Api-Key when set), CONNECTIONS (default 16). Prints one RESULT line
 * like bench/http-load.lua; the first second (the client's own warm-up) is not in the percentiles.
 */
public class RateClient {

	public static void main(String[] args) throws Exception {
		URI uri = URI.create(args[0]);
		if (!"127.0.0.1".equals(uri.getHost())) {
			throw new IllegalArgumentException("loopback only: " + uri);
		}
		int rate = Integer.parseInt(args[1]);
		int seconds = Integer.parseInt(args[2]);
		byte[] body = args.length > 3 ? Files.readAllBytes(Path.of(args[3])) : null;
		String key = System.getenv("API_KEY");
		int connections = Integer.parseInt(System.getenv().getOrDefault("CONNECTIONS", "16"));
		StringBuilder head = new StringBuilder();
		head.append(body == null ? "GET " : "POST ").append(uri.getRawPath()).append(" HTTP/1.1\r\n");
		head.append("Host: 127.0.0.1:").append(uri.getPort()).append("\r\n");
		if (key != null && !key.isEmpty()) {
			head.append("X-Api-Key: ").append(key).append("\r\n");
		}
		if (body != null) {
			head.append("Content-Type: application/json\r\nContent-Length: ").append(body.length).append("\r\n");
		}
		head.append("\r\n");
		byte[] request = concat(head.toString().getBytes(StandardCharsets.US_ASCII), body == null ? new byte[0] : body);
		int total = rate * seconds;
		long[] latencies = new long[total];
		AtomicLong errors = new AtomicLong();
		AtomicLong non2xx = new AtomicLong();
		long start = System.nanoTime() + 50_000_000L;
		Thread[] threads = new Thread[connections];
		for (int c = 0; c < connections; c++) {
			int first = c;
			threads[c] = new Thread(() -> {
				Socket socket = null;
				InputStream in = null;
				for (int i = first; i < total; i += connections) {
					long due = start + (long) (i * (1e9 / rate));
					long wait = due - System.nanoTime();
					try {
						if (wait > 0) {
							TimeUnit.NANOSECONDS.sleep(wait);
						}
						if (socket == null) {
							socket = new Socket();
							socket.setTcpNoDelay(true);
							socket.setSoTimeout(5000);
							socket.connect(new InetSocketAddress("127.0.0.1", uri.getPort()), 2000);
							in = new BufferedInputStream(socket.getInputStream(), 65536);
						}
						OutputStream out = socket.getOutputStream();
						out.write(request);
						out.flush();
						int answer = readResponse(in);
						if (Math.abs(answer) / 100 != 2) {
							non2xx.incrementAndGet();
						}
						if (answer < 0) {
							// "Connection: close" (Tomcat closes a keep-alive connection after
							// 100 requests): open a new one for the next request, no error.
							socket.close();
							socket = null;
						}
					}
					catch (InterruptedException e) {
						Thread.currentThread().interrupt();
						return;
					}
					catch (IOException e) {
						if (errors.incrementAndGet() == 1) {
							System.err.println("# first error: " + e);
						}
						try {
							if (socket != null) {
								socket.close();
							}
						}
						catch (IOException ignored) {
							// the connection is dropped either way; the error is counted above
						}
						socket = null;
					}
					latencies[i] = System.nanoTime() - due;
				}
				try {
					if (socket != null) {
						socket.close();
					}
				}
				catch (IOException ignored) {
					// closing at the end: nothing left to measure
				}
			});
			threads[c].start();
		}
		for (Thread t : threads) {
			t.join();
		}
		double elapsed = (System.nanoTime() - start) / 1e9;
		long[] measured = Arrays.copyOfRange(latencies, Math.min(total, rate), total);
		Arrays.sort(measured);
		System.out.printf(
				"RESULT label=rate%d requests=%d seconds=%.1f rps=%.0f p50_us=%d p90_us=%d p99_us=%d p999_us=%d max_us=%d non2xx=%d errors=%d%n",
				rate, total, elapsed, total / elapsed, pct(measured, 50), pct(measured, 90), pct(measured, 99),
				pct(measured, 99.9), measured.length == 0 ? 0 : measured[measured.length - 1] / 1000, non2xx.get(),
				errors.get());
	}

	/**
	 * Reads one HTTP/1.1 response (Content-Length or chunked); returns its status, negated
	 * when the server closes the connection after it.
	 */
	private static int readResponse(InputStream in) throws IOException {
		String status = line(in);
		if (!status.startsWith("HTTP/1.1 ")) {
			throw new IOException("not an HTTP/1.1 answer: " + status);
		}
		int code = Integer.parseInt(status.substring(9, 12));
		long length = -1;
		boolean chunked = false;
		boolean close = false;
		for (String h = line(in); !h.isEmpty(); h = line(in)) {
			String lower = h.toLowerCase();
			if (lower.startsWith("content-length:")) {
				length = Long.parseLong(h.substring(15).trim());
			}
			else if (lower.startsWith("transfer-encoding:") && lower.contains("chunked")) {
				chunked = true;
			}
			else if (lower.startsWith("connection:") && lower.contains("close")) {
				close = true;
			}
		}
		if (chunked) {
			for (long size = Long.parseLong(line(in).split(";")[0].trim(), 16); size > 0;
					size = Long.parseLong(line(in).split(";")[0].trim(), 16)) {
				skip(in, size);
				line(in);
			}
			line(in);
		}
		else if (length > 0) {
			skip(in, length);
		}
		return close ? -code : code;
	}

	private static String line(InputStream in) throws IOException {
		ByteArrayOutputStream b = new ByteArrayOutputStream();
		for (int c = in.read(); c != '\n'; c = in.read()) {
			if (c < 0) {
				throw new IOException("connection closed");
			}
			if (c != '\r') {
				b.write(c);
			}
		}
		return b.toString(StandardCharsets.US_ASCII);
	}

	private static void skip(InputStream in, long n) throws IOException {
		for (long i = 0; i < n; i++) {
			if (in.read() < 0) {
				throw new IOException("connection closed");
			}
		}
	}

	private static byte[] concat(byte[] a, byte[] b) {
		byte[] all = Arrays.copyOf(a, a.length + b.length);
		System.arraycopy(b, 0, all, a.length, b.length);
		return all;
	}

	private static long pct(long[] sorted, double p) {
		if (sorted.length == 0) {
			return 0;
		}
		return sorted[Math.min(sorted.length - 1, (int) (sorted.length * p / 100))] / 1000;
	}

}
