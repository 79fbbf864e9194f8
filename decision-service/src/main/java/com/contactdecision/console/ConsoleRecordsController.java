package com.contactdecision.console;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Optional;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;

import com.contactdecision.decision.DecisionRecord;
import com.contactdecision.decision.DecisionRecords;
import com.contactdecision.decision.Outcome;
import com.contactdecision.facts.ReasonCode;

/**
 * The console's view of the audit record: search the decisions kept for years, open one
 * with the facts it saw, and replay a candidate rule directory over them (what-if). Reads
 * the audit port; the what-if page posts the candidate to
 * {@code POST /console/what-if/simulate}, the API's own simulate handler under the
 * console's session (AuditController), so the console and the API replay exactly the same
 * way.
 */
@Controller
@RequestMapping("/console")
class ConsoleRecordsController {

	static final int PAGE = 50;

	private final DecisionRecords records;

	ConsoleRecordsController(DecisionRecords records) {
		this.records = records;
	}

	/** The search form's fields, echoed back. */
	record Search(String consumerId, String debtId, String outcome, String reason, String from, String to) {
	}

	@GetMapping("/decisions")
	String decisions(@RequestParam(required = false) String consumerId, @RequestParam(required = false) String debtId,
			@RequestParam(required = false) String outcome, @RequestParam(required = false) String reason,
			@RequestParam(required = false) String from, @RequestParam(required = false) String to,
			@RequestParam(required = false) String cursor, Model model) {
		Search s = new Search(consumerId, debtId, outcome, reason, from, to);
		model.addAttribute("page", "decisions");
		model.addAttribute("s", s);
		model.addAttribute("outcomes", Outcome.values());
		model.addAttribute("reasons", ReasonCode.values());
		try {
			DecisionRecords.Page page = records.query(new DecisionRecords.Query(blank(consumerId), blank(debtId), null,
					parse(Outcome.class, outcome, "outcome"), parse(ReasonCode.class, reason, "reason"),
					instant(from, "from"), instant(to, "to"), PAGE, blank(cursor)));
			model.addAttribute("records", page.records());
			model.addAttribute("nextCursor", page.nextCursor());
		}
		catch (IllegalArgumentException e) {
			model.addAttribute("alert", e.getMessage());
			model.addAttribute("records", List.of());
		}
		return "console/decisions";
	}

	@GetMapping("/decisions/{decisionId}")
	String decision(@org.springframework.web.bind.annotation.PathVariable String decisionId, Model model) {
		model.addAttribute("page", "decisions");
		Optional<DecisionRecord> r = records.find(decisionId);
		model.addAttribute("record", r.orElse(null));
		if (r.isEmpty()) {
			model.addAttribute("alert", "No decision " + decisionId + " is on record.");
		}
		else {
			model.addAttribute("words", ReasonWords.sentences(r.get().decision().reasons()));
		}
		return "console/decision";
	}

	@GetMapping("/what-if")
	String whatIf(Model model) {
		model.addAttribute("page", "what-if");
		return "console/what-if";
	}

	private static <E extends Enum<E>> E parse(Class<E> type, String value, String field) {
		if (blank(value) == null) {
			return null;
		}
		try {
			return Enum.valueOf(type, value.strip().toUpperCase());
		}
		catch (IllegalArgumentException e) {
			throw new IllegalArgumentException(field + ": not a known value");
		}
	}

	private static Instant instant(String value, String field) {
		if (blank(value) == null) {
			return null;
		}
		try {
			return Instant.parse(value.strip());
		}
		catch (DateTimeParseException e) {
			throw new IllegalArgumentException(field + ": not an instant (for example 2026-11-23T15:00:00Z)");
		}
	}

	private static String blank(String s) {
		return s == null || s.isBlank() ? null : s.strip();
	}

}
