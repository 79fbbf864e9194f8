import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * An open-loop client at a fixed rate (wrk2 is not at hand; wrk's Lua cannot fix a rate), for
 * bench/scale.sh: sends request i at start + i / rate whether or not earlier answers have come, and
 * measures each latency from the instant it was due, so a stall is not hidden by fewer requests
 * being sent (no coordinated omission). Loopback only.
 *
 * <pre>
 *   java bench/RateClient.java URL RATE SECONDS [BODY_FILE]   # POST the file, else GET
 * </pre>
 *
 * Environment: API_KEY (sent as X-Api-Key when set). Prints one RESULT line like bench/http-load.lua.
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
		ExecutorService pool = Executors.newFixedThreadPool(4);
		HttpClient http = HttpClient.newBuilder()
			.version(HttpClient.Version.HTTP_1_1)
			.executor(pool)
			.connectTimeout(Duration.ofSeconds(2))
			.build();
		HttpRequest.Builder b = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(5));
		if (key != null && !key.isEmpty()) {
			b.header("X-Api-Key", key);
		}
		HttpRequest request = body == null ? b.GET().build()
				: b.header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofByteArray(body)).build();
		int total = rate * seconds;
		long[] latencies = new long[total];
		AtomicLong errors = new AtomicLong();
		AtomicLong non2xx = new AtomicLong();
		CompletableFuture<?>[] all = new CompletableFuture<?>[total];
		long start = System.nanoTime();
		for (int i = 0; i < total; i++) {
			long due = start + (long) (i * (1e9 / rate));
			long wait = due - System.nanoTime();
			if (wait > 0) {
				TimeUnit.NANOSECONDS.sleep(wait);
			}
			int n = i;
			all[i] = http.sendAsync(request, HttpResponse.BodyHandlers.discarding()).handle((res, err) -> {
				latencies[n] = System.nanoTime() - due;
				if (err != null) {
					if (errors.incrementAndGet() == 1) {
						System.err.println("# first error: " + err);
					}
				}
				else if (res.statusCode() / 100 != 2) {
					non2xx.incrementAndGet();
				}
				return null;
			});
		}
		CompletableFuture.allOf(all).get(30, TimeUnit.SECONDS);
		double elapsed = (System.nanoTime() - start) / 1e9;
		pool.shutdownNow();
		// The first second is the client's own warm-up (JIT, connections): not reported.
		long[] measured = Arrays.copyOfRange(latencies, Math.min(total, rate), total);
		Arrays.sort(measured);
		System.out.printf(
				"RESULT label=rate%d requests=%d seconds=%.1f rps=%.0f p50_us=%d p90_us=%d p99_us=%d p999_us=%d max_us=%d non2xx=%d errors=%d%n",
				rate, total, elapsed, total / elapsed, pct(measured, 50), pct(measured, 90), pct(measured, 99),
				pct(measured, 99.9), measured.length == 0 ? 0 : measured[measured.length - 1] / 1000, non2xx.get(),
				errors.get());
	}

	private static long pct(long[] sorted, double p) {
		if (sorted.length == 0) {
			return 0;
		}
		return sorted[Math.min(sorted.length - 1, (int) (sorted.length * p / 100))] / 1000;
	}

}
