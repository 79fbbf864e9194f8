package com.contactdecision.console;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import org.springframework.web.util.UriUtils;

import com.contactdecision.decision.ContactRequest;
import com.contactdecision.decision.Mode;
import com.contactdecision.explain.ContactCalendar;
import com.contactdecision.explain.Explainer;
import com.contactdecision.explain.Explanation;
import com.contactdecision.facts.Channel;
import com.contactdecision.facts.Destination;
import com.contactdecision.facts.ReasonCode;
import com.contactdecision.rules.ActiveRules;
import com.contactdecision.rules.RuleCatalogue;
import com.contactdecision.rules.RuleSet;
import com.contactdecision.validation.InvalidRequestException;

/**
 * The compliance console's pages. Each page reads the core directly (no HTTP round trip
 * to the service's own API) and renders on the server; forms use GET so an explanation or
 * a calendar is a link an officer can share.
 */
@Controller
@RequestMapping("/console")
class ConsoleController {

	private static final Logger log = LoggerFactory.getLogger(ConsoleController.class);

	static final int CALENDAR_DAYS = 14;

	/** Fine enough for half-hour rules (07:30 in Washington) and designated times. */
	static final Duration CALENDAR_STEP = Duration.ofMinutes(15);

	private static final DateTimeFormatter HM = DateTimeFormatter.ofPattern("HH:mm");

	private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("EEE d MMM");

	private final ActiveRules rules;

	private final Explainer explainer;

	private final Clock clock;

	ConsoleController(ActiveRules rules, Explainer explainer, Clock clock) {
		this.rules = rules;
		this.explainer = explainer;
		this.clock = clock;
	}

	@GetMapping({ "", "/" })
	String home() {
		return "redirect:/console/rules";
	}

	/** Files with their legal sources, from the rule files' own headers. */
	record RuleFileView(String path, String sha256, String title, String source, List<String> rules) {
	}

	@GetMapping("/rules")
	String rules(Model model) {
		Optional<RuleSet> current = rules.current();
		Map<String, RuleCatalogue.Entry> catalogue = RuleCatalogue.read(rules.directory())
			.stream()
			.collect(Collectors.toMap(RuleCatalogue.Entry::file, Function.identity(), (a, b) -> a, LinkedHashMap::new));
		List<RuleFileView> files = current.map(r -> r.files().stream().map(f -> {
			RuleCatalogue.Entry e = catalogue.get(f.path());
			return new RuleFileView(f.path(), f.sha256(), e == null ? null : e.title(), e == null ? null : e.source(),
					e == null ? List.of() : e.rules());
		}).toList()).orElse(List.of());
		model.addAttribute("page", "rules");
		model.addAttribute("ruleSet", current.orElse(null));
		model.addAttribute("files", files);
		model.addAttribute("lastError", rules.lastError().orElse(null));
		model.addAttribute("directory", rules.directory().toString());
		return "console/rules";
	}

	@PostMapping("/rules/reload")
	String reload(RedirectAttributes redirect) {
		try {
			RuleSet loaded = rules.reload();
			redirect.addFlashAttribute("notice", "Reloaded: version " + loaded.version() + " is in force.");
		}
		catch (ActiveRules.RejectedException e) {
			// Logged by ActiveRules with its file and line; the page shows the same
			// failure.
			redirect.addFlashAttribute("alert",
					"Refused: the previous rule set stays in force. See the last refused load below.");
		}
		return "redirect:/console/rules";
	}

	/** The form's fields, echoed back so the officer sees what was asked. */
	record Query(String consumerId, String debtId, String channel, String phone, String email, String at,
			String decisionId) {

		boolean asked() {
			return notBlank(consumerId) || notBlank(decisionId);
		}

	}

	@GetMapping("/explain")
	String explain(@RequestParam(required = false) String consumerId, @RequestParam(required = false) String debtId,
			@RequestParam(required = false) String channel, @RequestParam(required = false) String phone,
			@RequestParam(required = false) String email, @RequestParam(required = false) String at,
			@RequestParam(required = false) String decisionId, Model model) {
		Query q = new Query(consumerId, debtId, channel == null ? "CALL" : channel, phone, email, at, decisionId);
		model.addAttribute("page", "explain");
		model.addAttribute("q", q);
		model.addAttribute("channels", Channel.values());
		if (notBlank(decisionId)) {
			// One page shows a decision by id, with the facts it saw: the decisions page.
			return "redirect:/console/decisions/"
					+ UriUtils.encodePathSegment(decisionId.strip(), StandardCharsets.UTF_8);
		}
		else if (q.asked()) {
			try {
				Explanation e = explainer.explain(request(q, parseInstant(at)));
				model.addAttribute("explanation", e);
				model.addAttribute("words", ReasonWords.sentences(e.reasons()));
			}
			catch (InvalidRequestException | IllegalArgumentException e) {
				model.addAttribute("alert", e.getMessage());
			}
		}
		return "console/explain";
	}

	/**
	 * One bar of the calendar: a span clipped to one local day, placed as a share of 24
	 * hours.
	 */
	record Segment(double left, double width, String css, String label, String title) {
	}

	record Day(String label, List<Segment> segments) {
	}

	record ChannelCalendar(Channel channel, List<Day> days, List<ContactCalendar.Span> spans) {
	}

	@GetMapping("/calendar")
	String calendar(@RequestParam(required = false) String consumerId, @RequestParam(required = false) String debtId,
			@RequestParam(required = false) String phone, @RequestParam(required = false) String email,
			@RequestParam(required = false) String at, Model model) {
		Query q = new Query(consumerId, debtId, null, phone, email, at, null);
		model.addAttribute("page", "calendar");
		model.addAttribute("q", q);
		model.addAttribute("kinds", ReasonWords.Kind.values());
		if (!q.asked()) {
			return "console/calendar";
		}
		try {
			Instant start = parseInstant(at);
			List<ChannelCalendar> calendars = new ArrayList<>();
			ZoneId display = null;
			List<ContactRequest> requests = new ArrayList<>();
			for (Channel channel : List.of(Channel.CALL, Channel.SMS, Channel.EMAIL)) {
				if (channel == Channel.EMAIL ? notBlank(email) : notBlank(phone)) {
					requests.add(request(new Query(consumerId, debtId, channel.name(), phone, email, at, null), start));
				}
			}
			if (!requests.isEmpty()) {
				// Days start at local midnight in the consumer's first zone, so the grid
				// reads as the consumer lives it.
				ContactCalendar probe = explainer.calendar(requests.get(0), start, Duration.ofMinutes(15),
						CALENDAR_STEP);
				display = probe.timeZones().isEmpty() ? ZoneId.of("UTC") : ZoneId.of(probe.timeZones().get(0));
				model.addAttribute("timeZones", probe.timeZones());
				ZoneId zone = display;
				Instant from = start.atZone(zone).truncatedTo(ChronoUnit.DAYS).toInstant();
				// The channels are independent evaluations of the same facts: one per
				// core. A channel is a few dozen to a few hundred evaluations (only where
				// its answer can change, see Explainer#calendar), not one per slot.
				calendars.addAll(requests.parallelStream().map(req -> {
					ContactCalendar c = explainer.calendar(req, from, Duration.ofDays(CALENDAR_DAYS), CALENDAR_STEP);
					return new ChannelCalendar(req.channel(), days(c, zone), c.spans());
				}).toList());
			}
			if (calendars.isEmpty()) {
				model.addAttribute("alert", "Give a phone number (calls and texts) or an email address.");
			}
			model.addAttribute("displayZone", display == null ? null : display.getId());
			model.addAttribute("calendars", calendars);
		}
		catch (InvalidRequestException | IllegalArgumentException e) {
			model.addAttribute("alert", e.getMessage());
		}
		return "console/calendar";
	}

	private static List<Day> days(ContactCalendar c, ZoneId zone) {
		List<Day> days = new ArrayList<>();
		LocalDate first = c.from().atZone(zone).toLocalDate();
		for (int i = 0; i < CALENDAR_DAYS; i++) {
			LocalDate date = first.plusDays(i);
			Instant dayStart = date.atStartOfDay(zone).toInstant();
			Instant dayEnd = date.plusDays(1).atStartOfDay(zone).toInstant();
			double length = Duration.between(dayStart, dayEnd).toMillis();
			List<Segment> segments = new ArrayList<>();
			for (ContactCalendar.Span s : c.spans()) {
				Instant from = s.from().isAfter(dayStart) ? s.from() : dayStart;
				Instant to = s.to().isBefore(dayEnd) ? s.to() : dayEnd;
				if (!from.isBefore(to)) {
					continue;
				}
				String when = HM.format(from.atZone(zone)) + "–"
						+ (to.equals(dayEnd) ? "24:00" : HM.format(to.atZone(zone)));
				String css;
				String label;
				if (s.permitted()) {
					css = "permitted";
					label = "Permitted";
				}
				else {
					ReasonWords.Kind kind = s.reasons()
						.stream()
						.map(ReasonWords::kind)
						.min(Comparator.naturalOrder())
						.orElse(ReasonWords.Kind.OTHER);
					css = kind.css();
					label = kind.label();
				}
				String codes = s.reasons().stream().map(ReasonCode::name).collect(Collectors.joining(", "));
				segments.add(new Segment(100.0 * Duration.between(dayStart, from).toMillis() / length,
						100.0 * Duration.between(from, to).toMillis() / length, css, label,
						when + " " + label + (codes.isEmpty() ? "" : " (" + codes + ")")));
			}
			days.add(new Day(DAY.format(date), segments));
		}
		return days;
	}

	private ContactRequest request(Query q, Instant at) {
		Channel channel;
		try {
			channel = Channel.valueOf(q.channel() == null ? "CALL" : q.channel().strip().toUpperCase());
		}
		catch (IllegalArgumentException e) {
			throw new IllegalArgumentException("channel: not one of CALL, VOICEMAIL, SMS, EMAIL, LETTER");
		}
		Destination destination = switch (channel) {
			case EMAIL -> new Destination(null, blankToNull(q.email()), null, null, null);
			case LETTER -> null;
			default -> new Destination(blankToNull(q.phone()), null, null, null, null);
		};
		List<String> debts = notBlank(q.debtId()) ? List.of(q.debtId().strip()) : List.of();
		return new ContactRequest(null, null, blankToNull(q.consumerId()), debts, channel, destination, null, null,
				null, null, null, null, Mode.CHECK, at);
	}

	/** An ISO instant, or a local date-time read in UTC; blank is now. */
	private Instant parseInstant(String at) {
		if (!notBlank(at)) {
			return clock.instant().truncatedTo(ChronoUnit.MINUTES);
		}
		String s = at.strip();
		try {
			return ZonedDateTime.parse(s).toInstant();
		}
		catch (DateTimeParseException e) {
			try {
				return Instant.parse(s + (s.length() == 16 ? ":00Z" : "Z"));
			}
			catch (DateTimeParseException again) {
				log.debug("console: unreadable instant '{}'", s);
				throw new IllegalArgumentException("at: not an instant (for example 2026-11-23T15:00:00Z)");
			}
		}
	}

	private static boolean notBlank(String s) {
		return s != null && !s.isBlank();
	}

	private static String blankToNull(String s) {
		return notBlank(s) ? s.strip() : null;
	}

}
