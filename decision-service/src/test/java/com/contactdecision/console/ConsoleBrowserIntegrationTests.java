package com.contactdecision.console;

import com.contactdecision.support.TestKeys;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.TakesScreenshot;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The console in a real browser: Debian's headless Chromium through chromium-driver
 * (`.ci/run` installs both). Signs in through the sign-in form (and out), is refused with
 * a dialler's key, reloads the rules, explains a refused call, reads the calendar. The
 * screenshots in docs/ are taken here.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "rules.dir=${user.dir}/../rules", "rules.watch=false", "decisioning.redis-url=" })
class ConsoleBrowserIntegrationTests {

	static final Path CHROMIUM = Path.of("/usr/bin/chromium");

	static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");

	static final Path SCREENSHOTS = Path.of("../docs");

	/** 06:00 in Chicago on a Wednesday: outside the permitted hours. */
	static final String EARLY = "2026-11-25T12:00:00Z";

	static WebDriver browser;

	@LocalServerPort
	int port;

	@BeforeAll
	static void startBrowser() {
		browser = headlessChromium();
	}

	/**
	 * Debian's Chromium, headless, through chromium-driver on a free port: the one way
	 * every console browser test starts its browser.
	 */
	static WebDriver headlessChromium() {
		assertThat(CHROMIUM).as("Chromium is required for the console tests: apt-get install chromium chromium-driver")
			.isExecutable();
		assertThat(CHROMEDRIVER).as("chromedriver is required: apt-get install chromium-driver").isExecutable();
		ChromeOptions options = new ChromeOptions();
		options.setBinary(CHROMIUM.toFile());
		// The flags the machine's notes give for a closed network, as root, headless.
		options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
				"--disable-background-networking", "--disable-component-update", "--disable-sync",
				"--disable-dev-shm-usage", "--window-size=1366,900");
		ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile())
			.usingAnyFreePort()
			.build();
		WebDriver chromium = new ChromeDriver(service, options);
		chromium.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(30));
		// A page that fills itself in after load (explain) is not there the instant the
		// click returns on a busy machine: wait for elements rather than fail.
		chromium.manage().timeouts().implicitlyWait(Duration.ofSeconds(10));
		return chromium;
	}

	@AfterAll
	static void stopBrowser() {
		if (browser != null) {
			browser.quit();
		}
	}

	/**
	 * Each test starts signed in as an officer would: the sign-in page, an API key pasted
	 * into its form (a server-side session from then on).
	 */
	@BeforeEach
	void signIn() {
		signInWith(TestKeys.ADMIN);
		assertThat(browser.getCurrentUrl()).endsWith("/console/rules");
	}

	private void signInWith(String key) {
		browser.manage().deleteAllCookies();
		browser.get(url("/console/sign-in"));
		fill("apiKey", key);
		browser.findElement(By.id("sign-in")).click();
		leftTheSignInPage();
	}

	/** A form's answer is a redirect the click does not wait for on a busy machine. */
	private static void leftTheSignInPage() {
		new org.openqa.selenium.support.ui.WebDriverWait(browser, Duration.ofSeconds(30))
			.until(d -> !d.getCurrentUrl().endsWith("/console/sign-in"));
	}

	@Test
	void anOfficerSignsInWithAKeyAndSignsOut() throws Exception {
		browser.manage().deleteAllCookies();
		browser.get(url("/console/calendar"));
		assertThat(browser.getCurrentUrl()).as("a page asked for without a session").endsWith("/console/sign-in");
		assertThat(browser.findElement(By.cssSelector("label[for=apiKey]")).getText()).isEqualTo("API key");
		screenshot("console-sign-in");

		fill("apiKey", "cdk_0000000000000000_not-a-key");
		browser.findElement(By.id("sign-in")).click();
		leftTheSignInPage();
		assertThat(browser.findElement(By.cssSelector(".alert")).getText()).contains("Not signed in");

		// Keyboard only: type the key and press Enter; the page first asked for opens.
		browser.get(url("/console/calendar"));
		browser.findElement(By.id("apiKey")).sendKeys(createKey("COMPLIANCE", null), org.openqa.selenium.Keys.ENTER);
		leftTheSignInPage();
		assertThat(browser.getCurrentUrl()).contains("/console/calendar");
		assertThat(browser.findElement(By.id("show-calendar")).isDisplayed()).isTrue();

		browser.findElement(By.id("sign-out")).click();
		new org.openqa.selenium.support.ui.WebDriverWait(browser, Duration.ofSeconds(30))
			.until(d -> d.getCurrentUrl().endsWith("?signed-out"));
		assertThat(browser.findElement(By.cssSelector(".notice")).getText()).isEqualTo("Signed out.");
		browser.get(url("/console/rules"));
		assertThat(browser.getCurrentUrl()).endsWith("/console/sign-in");
	}

	@Test
	void aDiallersKeyIsRefused() throws Exception {
		String collector = "col-console-" + System.nanoTime();
		put("/v1/collectors/" + collector, "{\"type\":\"DEBT_COLLECTOR\"}");

		signInWith(createKey("DIALLER", collector));

		assertThat(browser.getCurrentUrl()).endsWith("/console/sign-in?refused");
		assertThat(browser.findElement(By.cssSelector(".alert")).getText()).contains("COMPLIANCE and ADMIN");
		browser.get(url("/console/rules"));
		assertThat(browser.getCurrentUrl()).as("no session was kept").endsWith("/console/sign-in");
	}

	/** A new key with this role (POST /v1/api-keys as the admin). */
	private String createKey(String role, String collectorId) throws Exception {
		HttpResponse<String> r = HttpClient.newHttpClient()
			.send(TestKeys.admin(HttpRequest.newBuilder(URI.create(url("/v1/api-keys"))))
				.header("Content-Type", "application/json")
				.POST(HttpRequest.BodyPublishers.ofString("""
						{ "name": "console %s", "role": "%s", "collectorId": %s }""".formatted(role, role,
						collectorId == null ? "null" : "\"" + collectorId + "\"")))
				.build(), HttpResponse.BodyHandlers.ofString());
		assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
		return com.contactdecision.json.Json.mapper().readTree(r.body()).get("key").asString();
	}

	@Test
	void theRulesInForceShowTheirVersionSourcesAndReload() throws IOException {
		browser.get(url("/console/rules"));
		String version = browser.findElement(By.id("rule-version")).getText();
		assertThat(version).startsWith("sha256:");
		assertThat(browser.findElement(By.id("rule-files")).getText()).contains("12 CFR 1006.14");

		browser.findElement(By.id("reload")).click();

		assertThat(browser.findElement(By.cssSelector(".notice")).getText()).contains("Reloaded").contains(version);
		screenshot("console-rules");
	}

	@Test
	void anEarlyCallIsExplainedWithItsReasonCitationAndLocalTime() throws Exception {
		String consumer = "c-console-" + System.nanoTime();
		put("/v1/consumers/" + consumer + "/profile", """
				{ "addresses": [ { "country": "US", "state": "IL", "postalCode": "60601" } ],
				  "phones": [ { "number": "+13125550100", "type": "LANDLINE" } ] }""");

		browser.get(url("/console/explain"));
		fill("consumerId", consumer);
		fill("debtId", "d-1");
		fill("phone", "+13125550100");
		fill("at", EARLY);
		browser.findElement(By.id("explain")).click();

		assertThat(browser.findElement(By.id("outcome")).getText()).isEqualTo("DENY");
		String reasons = browser.findElement(By.id("reasons")).getText();
		assertThat(reasons).contains("INCONVENIENT_TIME").contains("Outside permitted hours").contains("1006.6(b)(1)");
		assertThat(browser.findElement(By.id("zones")).getText()).contains("America/Chicago").contains("06:00");
		assertThat(Instant.parse(browser.findElement(By.id("next-eligible")).getText()))
			.isEqualTo(Instant.parse("2026-11-25T14:00:00Z"));
		screenshot("console-explain");
	}

	@Test
	void theCalendarShowsPermittedHoursAndLabelledBlocks() throws Exception {
		String consumer = "c-console-" + System.nanoTime();
		put("/v1/consumers/" + consumer + "/profile", """
				{ "addresses": [ { "country": "US", "state": "IL", "postalCode": "60601" } ],
				  "phones": [ { "number": "+13125550100", "type": "LANDLINE" } ],
				  "emails": [ { "address": "pat@example.com" } ] }""");
		// Seven calls about d-1 from 19 to 25 November: the 25th is at the cap, the 26th
		// is not.
		for (int day = 19; day <= 25; day++) {
			post("/v1/contact-events", """
					{ "eventId": "evt-%s-%d", "consumerId": "%s", "debtIds": ["d-1"], "channel": "CALL",
					  "direction": "OUTBOUND", "destination": { "phone": "+13125550100" },
					  "outcome": "NO_ANSWER", "at": "2026-11-%dT%s" }""".formatted(consumer, day, consumer, day,
					day == 25 ? "11:00:00Z" : "15:00:00Z"));
		}

		browser.get(url("/console/calendar"));
		fill("consumerId", consumer);
		fill("debtId", "d-1");
		fill("phone", "+13125550100");
		fill("email", "pat@example.com");
		fill("at", EARLY);
		browser.findElement(By.id("show-calendar")).click();

		assertThat(browser.findElement(By.id("display-zone")).getText()).isEqualTo("America/Chicago");
		WebElement calls = browser.findElement(By.id("calendar-CALL"));
		List<WebElement> days = calls.findElements(By.cssSelector(".day"));
		assertThat(days).hasSize(ConsoleController.CALENDAR_DAYS);
		List<String> firstDay = days.get(0)
			.findElements(By.cssSelector(".seg"))
			.stream()
			.map(e -> e.getAttribute("title"))
			.toList();
		assertThat(firstDay).containsExactly(
				"00:00–08:00 Outside permitted hours (INCONVENIENT_TIME, CALL_FREQUENCY_CAP)",
				"08:00–21:00 Frequency cap (CALL_FREQUENCY_CAP)",
				"21:00–24:00 Outside permitted hours (INCONVENIENT_TIME, CALL_FREQUENCY_CAP)");
		List<String> secondDay = days.get(1)
			.findElements(By.cssSelector(".seg"))
			.stream()
			.map(e -> e.getAttribute("title"))
			.toList();
		assertThat(secondDay).contains("08:00–21:00 Permitted");
		assertThat(browser.findElement(By.id("calendar-SMS")).findElements(By.cssSelector(".seg.permitted")))
			.isNotEmpty();
		assertThat(browser.findElement(By.id("calendar-EMAIL"))).isNotNull();
		screenshot("console-calendar");
	}

	@Test
	void recordedDecisionsAreSearchedAndOpenWithTheirFacts() throws Exception {
		String consumer = "c-console-" + System.nanoTime();
		String early = decide(consumer, "2026-11-25T12:00:00Z");
		decide(consumer, "2026-11-25T15:00:00Z");

		browser.get(url("/console/decisions"));
		fill("consumerId", consumer);
		new org.openqa.selenium.support.ui.Select(browser.findElement(By.id("outcome"))).selectByValue("DENY");
		browser.findElement(By.id("search")).click();

		List<WebElement> rows = browser.findElements(By.cssSelector("#records tbody tr"));
		assertThat(rows).hasSize(1);
		assertThat(rows.get(0).getText()).contains("DENY").contains("INCONVENIENT_TIME").contains(early);
		screenshot("console-decisions");

		rows.get(0).findElement(By.linkText(early)).click();

		assertThat(browser.findElement(By.id("outcome")).getText()).isEqualTo("DENY");
		assertThat(browser.findElement(By.id("reasons")).getText()).contains("Outside permitted hours")
			.contains("1006.6(b)(1)");
		// The explain form's "a decision already answered" opens the same page.
		browser.get(url("/console/explain?decisionId=" + early));
		assertThat(browser.getCurrentUrl()).endsWith("/console/decisions/" + early);
		assertThat(browser.findElement(By.id("outcome")).getText()).isEqualTo("DENY");
	}

	@Test
	void aWhatIfShowsTheDecisionsACandidateWouldFlip() throws Exception {
		String consumer = "c-console-" + System.nanoTime();
		// 08:30 in Chicago: allowed today, refused by a candidate that opens at 09:00.
		String allowed = decide(consumer, "2026-11-25T14:30:00Z");
		Path candidate = candidateOpeningAtNine();

		browser.get(url("/console/what-if"));
		browser.findElement(By.id("candidate")).sendKeys(candidate.toAbsolutePath().toString());
		fill("limit", "1000");
		browser.findElement(By.id("simulate")).click();

		new org.openqa.selenium.support.ui.WebDriverWait(browser, Duration.ofSeconds(60))
			.until(d -> d.findElement(By.id("what-if-result")).isDisplayed());
		String flips = browser.findElement(By.id("flips")).getText();
		assertThat(flips).contains("ALLOW").contains("DENY").contains("INCONVENIENT_TIME").contains(allowed);
		screenshot("console-what-if");
	}

	/**
	 * The shipped rules with the federal window opening at 09:00 instead of 08:00,
	 * zipped.
	 */
	private static Path candidateOpeningAtNine() throws IOException {
		Path rules = Path.of("../rules");
		Path zip = Files.createTempFile("candidate-rules", ".zip");
		try (java.util.zip.ZipOutputStream out = new java.util.zip.ZipOutputStream(Files.newOutputStream(zip));
				java.util.stream.Stream<Path> files = Files.walk(rules)) {
			for (Path f : files.filter(Files::isRegularFile).sorted().toList()) {
				String name = rules.relativize(f).toString().replace('\\', '/');
				byte[] bytes = Files.readAllBytes(f);
				if (name.equals("hours/permitted-hours.csv")) {
					bytes = new String(bytes, java.nio.charset.StandardCharsets.UTF_8)
						.replace(",08:00,21:00,", ",09:00,21:00,")
						.getBytes(java.nio.charset.StandardCharsets.UTF_8);
				}
				out.putNextEntry(new java.util.zip.ZipEntry(name));
				out.write(bytes);
				out.closeEntry();
			}
		}
		return zip;
	}

	/**
	 * A CHECK call to the consumer's Chicago landline at the instant; answers its
	 * decision id.
	 */
	private String decide(String consumer, String at) throws Exception {
		HttpResponse<String> r = HttpClient.newHttpClient()
			.send(TestKeys.admin(HttpRequest.newBuilder(URI.create(url("/v1/decisions"))))
				.header("Content-Type", "application/json")
				.POST(HttpRequest.BodyPublishers.ofString("""
						{ "consumerId": "%s", "debtIds": ["d-1"], "channel": "CALL",
						  "destination": { "phone": "+13125550100", "type": "LANDLINE" },
						  "consumer": { "addresses": [ { "country": "US", "state": "IL", "postalCode": "60601" } ] },
						  "mode": "CHECK", "at": "%s" }""".formatted(consumer, at)))
				.build(), HttpResponse.BodyHandlers.ofString());
		assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
		return com.contactdecision.json.Json.mapper().readTree(r.body()).get("decisionId").asString();
	}

	private void fill(String id, String value) {
		WebElement input = browser.findElement(By.id(id));
		input.clear();
		input.sendKeys(value);
	}

	private String url(String path) {
		return "http://127.0.0.1:" + port + path;
	}

	private void put(String path, String json) throws IOException, InterruptedException {
		send(HttpRequest.newBuilder(URI.create(url(path))).PUT(HttpRequest.BodyPublishers.ofString(json)));
	}

	private void post(String path, String json) throws IOException, InterruptedException {
		send(HttpRequest.newBuilder(URI.create(url(path))).POST(HttpRequest.BodyPublishers.ofString(json)));
	}

	private static void send(HttpRequest.Builder request) throws IOException, InterruptedException {
		HttpResponse<String> r = HttpClient.newHttpClient()
			.send(TestKeys.admin(request).header("Content-Type", "application/json").build(),
					HttpResponse.BodyHandlers.ofString());
		assertThat(r.statusCode()).as(r.body()).isBetween(200, 299);
	}

	/** The README's pictures: taken at a laptop's size, the whole page. */
	private static void screenshot(String name) throws IOException {
		screenshot(browser, name);
	}

	static void screenshot(WebDriver browser, String name) {
		try {
			Files.createDirectories(SCREENSHOTS);
		}
		catch (IOException e) {
			throw new java.io.UncheckedIOException(e);
		}
		long height = (Long) ((org.openqa.selenium.JavascriptExecutor) browser)
			.executeScript("return document.body.scrollHeight");
		browser.manage().window().setSize(new Dimension(1366, (int) Math.min(Math.max(height, 900), 3000)));
		byte[] png = ((TakesScreenshot) browser).getScreenshotAs(OutputType.BYTES);
		try {
			Files.write(SCREENSHOTS.resolve(name + ".png"), png);
		}
		catch (IOException e) {
			throw new java.io.UncheckedIOException(e);
		}
		browser.manage().window().setSize(new Dimension(1366, 900));
	}

}
