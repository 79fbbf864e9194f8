package com.contactdecision.json;

import com.fasterxml.jackson.annotation.JsonAutoDetect.Visibility;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.PropertyAccessor;

import java.time.Instant;

import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.json.JsonWriteFeature;
import tools.jackson.databind.DeserializationContext;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.MapperFeature;
import tools.jackson.databind.cfg.CoercionAction;
import tools.jackson.databind.cfg.CoercionInputShape;
import tools.jackson.databind.cfg.EnumFeature;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.cfg.CoercionAction;
import tools.jackson.databind.cfg.CoercionInputShape;
import tools.jackson.databind.cfg.MapperBuilder;
import tools.jackson.databind.deser.jdk.StringDeserializer;
import tools.jackson.databind.deser.std.StdDeserializer;
import tools.jackson.databind.ext.javatime.deser.InstantDeserializer;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.module.SimpleModule;
import tools.jackson.databind.type.LogicalType;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * The one Jackson configuration: HTTP bodies, the stores' JSON values, scenario files and
 * the decision log all read and write through these mappers, so a field means the same
 * everywhere. Mappers are immutable and thread-safe; share them.
 */
public final class Json {

	/**
	 * Strings as Jackson reads them, but "" is absent (null): a required field then fails
	 * its validation as missing, and an optional one takes its default.
	 */
	private static final StringDeserializer EMPTY_AS_ABSENT = new StringDeserializer() {

		@Override
		public String deserialize(JsonParser p, DeserializationContext ctxt) {
			// JSON means what it says (strict): a number or a boolean is not a string.
			// YAML scenarios
			// keep reading "postalCode: 60601" as text.
			if ((p.hasToken(JsonToken.VALUE_NUMBER_INT) || p.hasToken(JsonToken.VALUE_NUMBER_FLOAT)
					|| p.hasToken(JsonToken.VALUE_TRUE) || p.hasToken(JsonToken.VALUE_FALSE))
					&& !(p instanceof tools.jackson.dataformat.yaml.YAMLParser)) {
				return (String) ctxt.handleUnexpectedToken(String.class, p);
			}
			String value = super.deserialize(p, ctxt);
			return value == null || value.isEmpty() ? null : value;
		}

	};

	private static final JsonMapper JSON = strict(configure(JsonMapper.builder())).build();

	private static final YAMLMapper YAML = configure(YAMLMapper.builder()).build();

	/**
	 * The stores keep only record components: helpers such as {@code isReservation()} are
	 * derived, not stored. HTTP answers keep them, as wave 1 answered them (clients may
	 * read them).
	 */
	private static final JsonMapper STORE = strict(configure(JsonMapper.builder()))
		.changeDefaultVisibility(v -> v.withVisibility(PropertyAccessor.IS_GETTER, Visibility.NONE))
		// ASCII only, every other character as a \\u escape: a lone UTF-16 surrogate
		// survives the
		// round trip through Redis instead of becoming '?' in its UTF-8 bytes.
		.enable(JsonWriteFeature.ESCAPE_NON_ASCII)
		.build();

	private Json() {
	}

	/**
	 * The JSON mapper of HTTP and scenarios: instants as ISO-8601 strings, unknown fields
	 * ignored.
	 */
	public static JsonMapper mapper() {
		return JSON;
	}

	/** The mapper of the JSON values the stores keep (Redis values, audit facts). */
	public static JsonMapper store() {
		return STORE;
	}

	/** The same settings for YAML (rule scenarios). */
	public static ObjectMapper yaml() {
		return YAML;
	}

	/**
	 * JSON means what it says: a number or a boolean is not a string, a string is not a
	 * number or a boolean, a float is not an integer, and an enum is named, never
	 * numbered ({@code "mode": 0} is a 400, not RESERVE). Not for YAML scenarios, where
	 * {@code postalCode: 60601} is meant as text.
	 */
	public static <M extends ObjectMapper, B extends MapperBuilder<M, B>> B strict(B builder) {
		return builder.enable(EnumFeature.FAIL_ON_NUMBERS_FOR_ENUMS)
			// The java.time reader takes a number as epoch seconds whatever the coercion
			// settings say.
			.addModule(new SimpleModule("strict-instants").addDeserializer(Instant.class, new InstantFromText()))
			.withCoercionConfig(LogicalType.Textual,
					c -> c.setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
						.setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
						.setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail))
			.withCoercionConfig(LogicalType.Boolean,
					c -> c.setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
						.setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
						.setCoercion(CoercionInputShape.String, CoercionAction.Fail))
			.withCoercionConfig(LogicalType.Integer,
					c -> c.setCoercion(CoercionInputShape.String, CoercionAction.Fail)
						.setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
						.setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail))
			.withCoercionConfig(LogicalType.Float,
					c -> c.setCoercion(CoercionInputShape.String, CoercionAction.Fail)
						.setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail))
			.withCoercionConfig(LogicalType.Enum,
					c -> c.setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
						.setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
						.setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail))
			.withCoercionConfig(LogicalType.DateTime,
					c -> c.setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
						.setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
						.setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail));
	}

	/**
	 * An instant from an ISO-8601 string only: a number is a 400, not seconds since 1970.
	 */
	private static final class InstantFromText extends StdDeserializer<Instant> {

		InstantFromText() {
			super(Instant.class);
		}

		@Override
		public Instant deserialize(JsonParser p, DeserializationContext ctxt) {
			if (!p.hasToken(JsonToken.VALUE_STRING)) {
				return (Instant) ctxt.handleUnexpectedToken(Instant.class, p);
			}
			return InstantDeserializer.INSTANT.deserialize(p, ctxt);
		}

	}

	/**
	 * Applies the shared settings to a builder, for a caller that must add its own (none
	 * should need to).
	 */
	public static <M extends ObjectMapper, B extends MapperBuilder<M, B>> B configure(B builder) {
		return builder
			// Fields keep the order of the record that declares them, as in wave 1's
			// answers.
			.disable(MapperFeature.SORT_PROPERTIES_ALPHABETICALLY)
			.changeDefaultPropertyInclusion(
					i -> JsonInclude.Value.construct(JsonInclude.Include.ALWAYS, JsonInclude.Include.ALWAYS))
			// Unknown fields are ignored (CONTRACT section 5), and tolerate a newer
			// service's values
			// during a rolling deploy.
			.disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
			// A missing primitive is absent, not an error: records validate their own
			// fields.
			.disable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
			// Free-text protocols (SIP headers, form fields) send "call" for CALL
			// (CONTRACT section 5);
			// an unknown value is still an error naming the field.
			.enable(MapperFeature.ACCEPT_CASE_INSENSITIVE_ENUMS)
			// An empty string for an optional field is absent (CONTRACT section 5): ""
			// for an enum, an
			// instant or an object reads as null, and EMPTY_AS_ABSENT does the same for
			// strings.
			.withCoercionConfigDefaults(c -> c.setCoercion(CoercionInputShape.EmptyString, CoercionAction.AsNull))
			.addModule(new SimpleModule("empty-string-is-absent").addDeserializer(String.class, EMPTY_AS_ABSENT));
	}

}
