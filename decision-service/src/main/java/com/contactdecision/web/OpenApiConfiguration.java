package com.contactdecision.web;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.media.ArraySchema;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.ObjectSchema;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.parameters.Parameter;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.responses.ApiResponses;
import org.springdoc.core.customizers.OpenApiCustomizer;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import com.contactdecision.facts.ReasonCode;
import com.contactdecision.validation.Limits;
import com.contactdecision.validation.Validation;

/**
 * Makes {@code /v3/api-docs} the truth of the API, from one place rather than annotations
 * spread over the core's records (which know nothing of HTTP): every status each
 * operation answers, with problem+json for errors; required fields; the id pattern and
 * the limits of {@link Limits}; nullable fields as nullable (the service writes every
 * field, null included). The contract suite validates every answer it receives against
 * this document, so the two cannot drift apart.
 */
@Configuration(proxyBeanMethods = false)
class OpenApiConfiguration {

	static final String PROBLEM = "Problem";

	static final String JSON = "application/json";

	static final String PROBLEM_JSON = "application/problem+json";

	/** Request bodies: the fields a client must send. */
	private static final Map<String, List<String>> REQUIRED_IN = Map.of("ContactRequest",
			List.of("consumerId", "channel"), "ContactEvent", List.of("eventId", "consumerId", "channel", "outcome"),
			"BatchRequest", List.of("requests"), "Consent", List.of("kind", "action"), "InboundSms",
			List.of("from", "text"));

	/** Answers: the fields always present and never null. */
	private static final Map<String, List<String>> ALWAYS_IN = Map.ofEntries(
			Map.entry("Decision",
					List.of("decisionId", "outcome", "reasons", "obligations", "warnings", "timeZones", "reserved",
							"at", "mode", "consumerId")),
			Map.entry("Reason", List.of("code", "rule", "message", "citation")),
			Map.entry("BatchResponse", List.of("decisions")), Map.entry("EventAnswer", List.of("eventId", "status")),
			Map.entry("HistoryAnswer", List.of("consumerId", "events")),
			Map.entry("InboundResult", List.of("eventId", "optOut", "consumers")),
			Map.entry("RulesAnswer", List.of("directory", "files")));

	/** Schemas a client sends: ids there are held to the id pattern. */
	private static final Set<String> REQUEST_SCHEMAS = Set.of("ContactRequest", "ContactEvent", "Consent", "Debt",
			"InboundSms", "Attorney", "CeaseNotice");

	private static final Set<String> ID_FIELDS = Set.of("consumerId", "debtId", "collectorId", "requestId", "eventId",
			"decisionId", "inResponseTo");

	/** Objects some field may hold as null. */
	private final Set<String> nullableObjects = new java.util.TreeSet<>();

	@Bean
	OpenApiCustomizer truthfulOpenApi() {
		return api -> {
			api.getComponents().addSchemas(PROBLEM, problemSchema());
			api.getComponents().getSchemas().forEach((name, schema) -> describe(name, schema));
			nullableObjects.forEach(name -> api.getComponents().getSchemas().get(name).setNullable(true));
			// The API only: the console's HTML pages keep what springdoc says of them.
			api.getPaths().forEach((path, item) -> {
				if (path.startsWith("/v1/")) {
					answers(path, item);
				}
			});
		};
	}

	@SuppressWarnings({ "rawtypes", "unchecked" })
	private void describe(String name, Schema schema) {
		Map<String, Schema> properties = schema.getProperties();
		if (properties == null || name.equals(PROBLEM)) {
			return;
		}
		List<String> required = REQUIRED_IN.getOrDefault(name, ALWAYS_IN.get(name));
		if (required != null) {
			schema.setRequired(required);
		}
		List<String> neverNull = ALWAYS_IN.getOrDefault(name, List.of());
		properties.forEach((field, property) -> {
			if (!neverNull.contains(field)) {
				if (property.get$ref() != null) {
					// OpenAPI 3.0 ignores the siblings of a $ref: the object it names is
					// the nullable one.
					nullableObjects.add(property.get$ref().substring(property.get$ref().lastIndexOf('/') + 1));
				}
				property.setNullable(true);
			}
			if (REQUEST_SCHEMAS.contains(name)) {
				if (ID_FIELDS.contains(field)) {
					id(property);
				}
				if (field.equals("debtIds")) {
					property.setMaxItems(Limits.MAX_DEBT_IDS);
					id(property.getItems());
				}
			}
		});
		if (name.equals("Message")) {
			properties.get("text").setMaxLength(Limits.MAX_MESSAGE_TEXT);
			properties.get("subject").setMaxLength(Limits.MAX_MESSAGE_SUBJECT);
		}
		if (name.equals("BatchRequest")) {
			properties.get("requests").setMaxItems(Limits.MAX_BATCH);
		}
		if (name.equals("Reason")) {
			properties.get("code").setType("string");
			properties.get("code").setEnum(List.of(ReasonCode.values()).stream().map(Enum::name).toList());
		}
	}

	@SuppressWarnings("rawtypes")
	private static void id(Schema schema) {
		schema.setPattern(Validation.ID_PATTERN);
		schema.setMinLength(1);
		schema.setMaxLength(Validation.MAX_ID_LENGTH);
	}

	/** Every status an operation answers; errors as problem+json. */
	private void answers(String path, PathItem item) {
		item.readOperationsMap().forEach((method, operation) -> {
			ApiResponses documented = operation.getResponses();
			ApiResponse ok = documented.values().iterator().next();
			Content body = ok.getContent() == null ? null : json(ok.getContent());
			ApiResponses responses = new ApiResponses();
			String key = method + " " + path;
			for (Map.Entry<String, String> status : statuses(key).entrySet()) {
				responses
					.addApiResponse(status.getKey(),
							status.getKey().startsWith("2") || status.getKey().equals("422")
									? new ApiResponse().description(status.getValue())
										.content(status.getKey().equals("204") ? null : body)
									: problem(status.getValue()));
			}
			responses.addApiResponse("default", problem("any other error (405, 406, 413, 415, 500), as problem+json"));
			operation.setResponses(responses);
			if (operation.getParameters() != null) {
				for (Parameter p : operation.getParameters()) {
					if ("path".equals(p.getIn()) || ID_FIELDS.contains(p.getName())) {
						id(p.getSchema());
					}
				}
			}
		});
	}

	/**
	 * The statuses of each operation, as the controllers and ProblemHandler answer them.
	 */
	private static Map<String, String> statuses(String operation) {
		Map<String, String> s = new LinkedHashMap<>();
		switch (operation) {
			case "POST /v1/decisions" -> {
				s.put("200", "the decision (ALLOW or DENY)");
				s.put("400", "invalid request, naming the field");
				s.put("409", "requestId reused with a different request");
				s.put("503", "the store cannot be read in time: DENY COUNTER_STORE_UNAVAILABLE, with Retry-After");
			}
			case "POST /v1/decisions:batch" -> {
				s.put("200", "the decisions, in order");
				s.put("400", "invalid request, naming the field and its index");
			}
			case "POST /v1/contact-events" -> {
				s.put("200", "a repeat of a recorded eventId: nothing changed");
				s.put("202", "recorded");
				s.put("400", "invalid event, naming the field");
				s.put("409", "eventId reused with a different event");
				s.put("503", "the store cannot be written: retry, nothing is lost");
			}
			case "PUT /v1/consumers/{consumerId}/profile", "PUT /v1/debts/{debtId}",
					"PUT /v1/collectors/{collectorId}" -> {
				s.put("200", "replaced");
				s.put("201", "created");
				s.put("400", "invalid, naming the field");
				s.put("503", "the store cannot be written: retry");
			}
			case "POST /v1/consumers/{consumerId}/consents" -> {
				s.put("201", "appended");
				s.put("400", "invalid, naming the field");
				s.put("503", "the store cannot be written: retry");
			}
			case "DELETE /v1/consumers/{consumerId}" -> {
				s.put("204", "erased");
				s.put("400", "invalid id");
				s.put("503", "the store cannot be written: retry");
			}
			case "GET /v1/decisions/{decisionId}", "GET /v1/consumers/{consumerId}/profile", "GET /v1/debts/{debtId}",
					"GET /v1/collectors/{collectorId}" -> {
				s.put("200", "found");
				s.put("400", "invalid id");
				s.put("404", "not on file");
				s.put("503", "the store cannot be read: retry");
			}
			case "POST /v1/api-keys" -> {
				s.put("201", "created: the key, shown in this answer only");
				s.put("400", "invalid, naming the field");
				s.put("503", "the key store cannot be written: retry");
			}
			case "DELETE /v1/api-keys/{id}" -> {
				s.put("204", "revoked");
				s.put("404", "no such key");
				s.put("503", "the key store cannot be written: retry");
			}
			case "POST /v1/rules:reload" -> {
				s.put("200", "loaded: the new active rule set");
				s.put("422", "refused: the previous rule set stays active; lastError says why");
			}
			default -> {
				s.put("200", "the answer");
				s.put("400", "invalid request, naming the field");
				s.put("503", "the store cannot be read or written: retry");
			}
		}
		return s;
	}

	/**
	 * springdoc's "*&#47;*" as application/json; a type the controller declares (NDJSON
	 * export) as declared.
	 */
	private static Content json(Content generated) {
		Map.Entry<String, MediaType> type = generated.entrySet().iterator().next();
		return new Content().addMediaType(type.getKey().equals("*/*") ? JSON : type.getKey(), type.getValue());
	}

	private static ApiResponse problem(String description) {
		return new ApiResponse().description(description)
			.content(new Content().addMediaType(PROBLEM_JSON,
					new MediaType().schema(new Schema<>().$ref("#/components/schemas/" + PROBLEM))));
	}

	/**
	 * RFC 9457 with the service's extensions: errors naming fields, and a 503 decision's
	 * outcome.
	 */
	@SuppressWarnings({ "rawtypes", "unchecked" })
	private static Schema problemSchema() {
		Schema error = new ObjectSchema().addProperty("field", new StringSchema())
			.addProperty("message", new StringSchema());
		error.setRequired(List.of("field", "message"));
		Schema problem = new ObjectSchema().addProperty("type", new StringSchema().nullable(true))
			.addProperty("title", new StringSchema())
			.addProperty("status", new io.swagger.v3.oas.models.media.IntegerSchema())
			.addProperty("detail", new StringSchema().nullable(true))
			.addProperty("instance", new StringSchema().nullable(true))
			.addProperty("errors", new ArraySchema().items(error))
			.addProperty("outcome", new StringSchema()._enum(List.of("DENY")))
			.addProperty("nextEligibleAt", new StringSchema().nullable(true));
		problem.setRequired(List.of("title", "status"));
		return problem;
	}

}
