package com.contactdecision.web;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

import io.swagger.v3.oas.annotations.Hidden;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.annotation.PreDestroy;
import jakarta.servlet.http.HttpServletRequest;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.StreamingResponseBody;

import com.contactdecision.decision.Decision;
import com.contactdecision.decision.DecisionRecord;
import com.contactdecision.decision.DecisionRecords;
import com.contactdecision.decision.Outcome;
import com.contactdecision.facts.ReasonCode;
import com.contactdecision.replay.Simulation;
import com.contactdecision.rules.ActiveRules;
import com.contactdecision.rules.RuleProblem;
import com.contactdecision.rules.RuleSet;
import com.contactdecision.rules.RuleSetException;
import com.contactdecision.rules.RuleSetLoader;
import com.contactdecision.validation.FieldError;
import com.contactdecision.validation.InvalidRequestException;

/**
 * The audit record and what-if (CONTRACT section 8): decisions by consumer, debt,
 * collector, outcome, reason and time, newest first with a cursor; one consumer's or
 * debt's whole record as JSON Lines; and a candidate rule set replayed against recorded
 * decisions. A simulation runs on its own thread, one at a time, never on the request
 * threads that answer decisions.
 */
@Tag(name = "Audit", description = "The audit record and what-if (CONTRACT section 8)")
@RestController
class AuditController {

	private static final Logger log = LoggerFactory.getLogger(AuditController.class);

	static final int MAX_PAGE = 1000;

	static final int DEFAULT_PAGE = 100;

	/**
	 * A candidate rule directory: at most this many files, this many bytes once unzipped.
	 */
	static final int MAX_ZIP_ENTRIES = 2000;

	static final long MAX_UNZIPPED = 64L << 20;

	private final DecisionRecords records;

	private final Simulation simulation;

	private final ActiveRules rules;

	private final RuleSetLoader loader;

	private final ExecutorService simulations = Executors.newSingleThreadExecutor(r -> {
		Thread t = new Thread(r, "simulate");
		t.setDaemon(true);
		return t;
	});

	private final Semaphore oneAtATime = new Semaphore(1);

	AuditController(DecisionRecords records, Simulation simulation, ActiveRules rules, java.time.Clock clock) {
		this.records = records;
		this.simulation = simulation;
		this.rules = rules;
		this.loader = new RuleSetLoader(clock);
	}

	@PreDestroy
	void stop() {
		simulations.shutdownNow();
	}

	@Operation(summary = "Recorded decisions, newest first, filtered; follow nextCursor for the next page")
	@GetMapping("/v1/decisions")
	DecisionPage query(@RequestParam(required = false) String consumerId, @RequestParam(required = false) String debtId,
			@RequestParam(required = false) String collectorId, @RequestParam(required = false) String outcome,
			@RequestParam(required = false) String reason, @RequestParam(required = false) String from,
			@RequestParam(required = false) String to, @RequestParam(required = false) Integer limit,
			@RequestParam(required = false) String cursor) {
		int size = limit == null ? DEFAULT_PAGE : limit;
		if (size < 1 || size > MAX_PAGE) {
			throw new InvalidRequestException("limit", "must be between 1 and " + MAX_PAGE);
		}
		DecisionRecords.Query q = new DecisionRecords.Query(blank(consumerId), blank(debtId), blank(collectorId),
				enumValue("outcome", outcome, Outcome.class), enumValue("reason", reason, ReasonCode.class),
				instant("from", from), instant("to", to), size, blank(cursor));
		DecisionRecords.Page page = records.query(q);
		return new DecisionPage(page.records().stream().map(DecisionRecord::decision).toList(), page.nextCursor());
	}

	@Operation(summary = "One consumer's or debt's every recorded decision, with the facts each saw, as JSON Lines")
	@GetMapping(value = "/v1/decisions:export", produces = "application/x-ndjson")
	ResponseEntity<StreamingResponseBody> export(@RequestParam(required = false) String consumerId,
			@RequestParam(required = false) String debtId, @RequestParam(required = false) String from,
			@RequestParam(required = false) String to) {
		if (blank(consumerId) == null && blank(debtId) == null) {
			throw new InvalidRequestException(List.of(new FieldError("consumerId", "consumerId or debtId is required"),
					new FieldError("debtId", "consumerId or debtId is required")));
		}
		DecisionRecords.Query q = new DecisionRecords.Query(blank(consumerId), blank(debtId), null, null, null,
				instant("from", from), instant("to", to), 0, null);
		StreamingResponseBody body = out -> records.forEach(q, r -> line(out, r));
		return ResponseEntity.ok()
			.contentType(MediaType.parseMediaType("application/x-ndjson"))
			.header("Content-Disposition",
					"attachment; filename=\"decisions-" + (consumerId != null ? "consumer" : "debt") + ".jsonl\"")
			.body(body);
	}

	private static void line(OutputStream out, DecisionRecord r) {
		try {
			out.write(r.toJson().getBytes(StandardCharsets.UTF_8));
			out.write('\n');
		}
		catch (IOException e) {
			throw new java.io.UncheckedIOException(e);
		}
	}

	@Operation(summary = "Replay recorded decisions under a candidate rule directory (a zip); count what would flip")
	@PostMapping(value = "/v1/rules:simulate", consumes = { "application/zip", "application/octet-stream" })
	CompletableFuture<ResponseEntity<Object>> simulate(@RequestParam(required = false) String from,
			@RequestParam(required = false) String to, @RequestParam(required = false) Integer limit,
			HttpServletRequest request) throws IOException {
		Instant start = instant("from", from);
		Instant end = instant("to", to);
		if (start == null && end == null && limit == null) {
			throw new InvalidRequestException("from",
					"give a time range (from, to) or a number of recent decisions (limit)");
		}
		if (limit != null && limit < 1) {
			throw new InvalidRequestException("limit", "must be at least 1");
		}
		Path dir = unzip(request.getInputStream());
		if (!oneAtATime.tryAcquire()) {
			delete(dir);
			return CompletableFuture.completedFuture(ResponseEntity.status(HttpStatus.TOO_MANY_REQUESTS)
				.header("Retry-After", "30")
				.body(java.util.Map.of("detail", "a simulation is already running; retry when it is done")));
		}
		DecisionRecords.Query range = DecisionRecords.Query.between(start, end, limit == null ? 0 : limit);
		String active = rules.current().map(RuleSet::version).orElse(null);
		try {
			return CompletableFuture.supplyAsync(() -> run(dir, range, active), simulations).whenComplete((r, e) -> {
				oneAtATime.release();
				delete(dir);
			});
		}
		catch (RuntimeException e) {
			oneAtATime.release();
			delete(dir);
			throw e;
		}
	}

	/**
	 * The same replay for the console's what-if page, which posts here within its
	 * signed-in session and with its CSRF token: the API beside it takes no session. Not
	 * part of the API (hidden from its description); the console's chain guards it.
	 */
	@Hidden
	@PostMapping(value = "/console/what-if/simulate", consumes = { "application/zip", "application/octet-stream" })
	CompletableFuture<ResponseEntity<Object>> simulateForConsole(@RequestParam(required = false) String from,
			@RequestParam(required = false) String to, @RequestParam(required = false) Integer limit,
			HttpServletRequest request) throws IOException {
		return simulate(from, to, limit, request);
	}

	private ResponseEntity<Object> run(Path dir, DecisionRecords.Query range, String active) {
		RuleSet candidate;
		try {
			candidate = loader.load(rulesRoot(dir));
		}
		catch (RuleSetException e) {
			return ResponseEntity.status(HttpStatus.UNPROCESSABLE_CONTENT).body(new Rejected(e.problems()));
		}
		long started = System.nanoTime();
		Simulation.Report report = simulation.run(candidate, active, records, range);
		log.info("simulated {} against {} recorded decisions in {} ms: {} flip", candidate.version(), report.replayed(),
				(System.nanoTime() - started) / 1_000_000, report.flipped());
		return ResponseEntity.ok(report);
	}

	/** The candidate's directory: the zip's root, or its one top-level folder. */
	static Path rulesRoot(Path dir) {
		try (Stream<Path> children = Files.list(dir)) {
			List<Path> all = children.toList();
			if (all.size() == 1 && Files.isDirectory(all.get(0))) {
				return all.get(0);
			}
			return dir;
		}
		catch (IOException e) {
			throw new java.io.UncheckedIOException(e);
		}
	}

	/**
	 * Unzips into a fresh temporary directory; a path leaving it or an oversized zip is a
	 * 400.
	 */
	static Path unzip(InputStream body) throws IOException {
		Path dir = Files.createTempDirectory("candidate-rules");
		long total = 0;
		int entries = 0;
		try (ZipInputStream zip = new ZipInputStream(body)) {
			ZipEntry e;
			while ((e = zip.getNextEntry()) != null) {
				if (++entries > MAX_ZIP_ENTRIES) {
					throw new InvalidRequestException("body",
							"a rule directory of at most " + MAX_ZIP_ENTRIES + " files");
				}
				Path target = dir.resolve(e.getName()).normalize();
				if (!target.startsWith(dir) || e.getName().startsWith("/")) {
					throw new InvalidRequestException("body", "a zip entry leaves the directory: " + e.getName());
				}
				if (e.isDirectory()) {
					Files.createDirectories(target);
					continue;
				}
				Files.createDirectories(target.getParent());
				try (OutputStream out = Files.newOutputStream(target)) {
					byte[] buf = new byte[8192];
					int n;
					while ((n = zip.read(buf)) > 0) {
						total += n;
						if (total > MAX_UNZIPPED) {
							throw new InvalidRequestException("body",
									"the rule directory exceeds " + (MAX_UNZIPPED >> 20) + " MiB unzipped");
						}
						out.write(buf, 0, n);
					}
				}
			}
		}
		catch (InvalidRequestException e) {
			delete(dir);
			throw e;
		}
		catch (java.util.zip.ZipException e) {
			delete(dir);
			throw new InvalidRequestException("body", "not a zip file: " + e.getMessage());
		}
		if (entries == 0) {
			delete(dir);
			throw new InvalidRequestException("body", "a zip of the candidate rule directory is required");
		}
		return dir;
	}

	private static void delete(Path dir) {
		try (Stream<Path> all = Files.walk(dir)) {
			all.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
		}
		catch (IOException e) {
			log.warn("could not delete the candidate directory {}: {}", dir, e.getMessage());
		}
	}

	private static String blank(String s) {
		return s == null || s.isBlank() ? null : s;
	}

	static Instant instant(String field, String value) {
		if (blank(value) == null) {
			return null;
		}
		try {
			return OffsetDateTime.parse(value.trim()).toInstant();
		}
		catch (DateTimeParseException e) {
			throw new InvalidRequestException(field, "not an ISO-8601 instant with an offset");
		}
	}

	static <E extends Enum<E>> E enumValue(String field, String value, Class<E> type) {
		if (blank(value) == null) {
			return null;
		}
		try {
			return Enum.valueOf(type, value.trim().toUpperCase(Locale.ROOT));
		}
		catch (IllegalArgumentException e) {
			throw new InvalidRequestException(field,
					"not one of " + java.util.Arrays.toString(type.getEnumConstants()));
		}
	}

	/** CONTRACT section 8: the answer of {@code GET /v1/decisions}. */
	record DecisionPage(List<Decision> decisions, String nextCursor) {
	}

	/** A candidate that does not compile: its problems, as a reload reports them. */
	record Rejected(List<RuleProblem> problems) {
	}

}
