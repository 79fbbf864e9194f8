package com.contactdecision.zones;

import com.contactdecision.csv.Csv;
import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberToTimeZonesMapper;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.Phonenumber.PhoneNumber;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Resolves the IANA time zones a consumer may be in, from a phone number or a postal address.
 *
 * <p>Every answer is conservative: when the data cannot tell which of several zones applies, all of them are returned,
 * because contact-hour rules must hold in every zone the consumer may be in. An empty set means "unknown".
 */
public final class TimeZoneResolver {

    private static final Comparator<ZoneId> BY_ID = Comparator.comparing(ZoneId::getId);
    private static final SortedSet<ZoneId> NONE = Collections.unmodifiableSortedSet(new TreeSet<>(BY_ID));

    private static final PhoneNumberUtil PHONE_UTIL = PhoneNumberUtil.getInstance();
    private static final PhoneNumberToTimeZonesMapper PHONE_ZONES = PhoneNumberToTimeZonesMapper.getInstance();
    private static final String PHONE_UNKNOWN_ZONE = PhoneNumberToTimeZonesMapper.getUnknownTimeZone();
    /** E.164 numbers carry their own country code, so no default region is given to the parser. */
    private static final String NO_DEFAULT_REGION = "ZZ";

    private static final Pattern US_ZIP = Pattern.compile("(\\d{3})\\d{2}(?:[-\\s]?\\d{4})?");
    private static final String RESOURCE_DIR = "/zones/";
    private static final Set<String> TZDB_IDS = Set.copyOf(ZoneId.getAvailableZoneIds());

    private final Map<String, Set<ZoneId>> usStates;
    private final Map<String, Set<ZoneId>> usZip3Split;
    private final Map<String, Set<String>> usZip3States;
    private final Map<String, Set<ZoneId>> countries;
    private final Map<SubdivisionKey, Set<ZoneId>> subdivisions;

    /** Loads the bundled mapping data; thread-safe and immutable after construction. */
    public TimeZoneResolver() {
        usStates = zoneTable("us-states.csv");
        usZip3Split = zoneTable("us-zip3-split.csv");
        usZip3States = stateTable("us-zip3-states.csv");
        countries = zoneTable("countries.csv");
        subdivisions = subdivisionTable("subdivisions.csv");
    }

    /**
     * Zones for an E.164 number from its area code, via libphonenumber's {@link PhoneNumberToTimeZonesMapper}.
     * Returns an empty set when unknown, unparsable, or when the mapper answers its unknown zone ("Etc/Unknown").
     * Never throws for bad input. Order: sorted by zone id.
     */
    public SortedSet<ZoneId> zonesForPhone(String e164) {
        if (e164 == null || e164.isBlank()) {
            return NONE;
        }
        try {
            PhoneNumber number = PHONE_UTIL.parse(e164.trim(), NO_DEFAULT_REGION);
            List<String> ids = PHONE_ZONES.getTimeZonesForNumber(number);
            // A zone this JVM cannot resolve is treated as "unknown" for the whole number: dropping it would
            // silently narrow the set, which is the unsafe direction for contact-hour checks.
            if (ids.isEmpty() || ids.contains(PHONE_UNKNOWN_ZONE) || !ids.stream().allMatch(TimeZoneResolver::isIanaZone)) {
                return NONE;
            }
            return sorted(ids.stream().map(ZoneId::of).toList());
        } catch (NumberParseException | RuntimeException e) {
            return NONE;
        }
    }

    /**
     * Zones for an address. country is ISO 3166-1 alpha-2 (e.g. "US", "GB", "DE"); state is the US state / territory
     * two-letter code (may be null); postalCode may be null. Empty set when nothing is known. Never throws.
     *
     * <p>US: the state's zones, narrowed by ZIP3 for states that span several zones; an unknown ZIP3 keeps all zones of
     * the state. Without a usable state the ZIP3 alone decides. When state and ZIP contradict each other both are
     * honoured (union). Canada and Australia: a province / state code (e.g. "ON", "CA-ON", "NSW") narrows the
     * country's zones. Other countries: all zones of the country; the postal code is not used.
     */
    public SortedSet<ZoneId> zonesForAddress(String country, String state, String postalCode) {
        try {
            String countryCode = normalizeCode(country, null);
            if (countryCode == null) {
                return NONE;
            }
            String stateCode = normalizeCode(state, countryCode);
            if (countryCode.equals("US")) {
                return sorted(usZones(stateCode, usZip3(postalCode)));
            }
            if (stateCode != null) {
                Set<ZoneId> subdivision = subdivisions.get(new SubdivisionKey(countryCode, stateCode));
                if (subdivision != null) {
                    return sorted(subdivision);
                }
            }
            return sorted(countries.getOrDefault(countryCode, Set.of()));
        } catch (RuntimeException e) {
            return NONE;
        }
    }

    /**
     * True when the id is a valid IANA region zone id (e.g. "America/Chicago"); false for fixed offsets like "+05:00",
     * "UTC+3", "GMT-5" or unknown names.
     */
    public static boolean isIanaZone(String id) {
        if (id == null || id.isBlank()) {
            return false;
        }
        // ZoneId.of also accepts offsets and prefixed offsets ("UTC+3"), so membership in the tz database is the test;
        // the "Area/Location" shape then rules out bare aliases (UTC, EST, CET, EST5EDT) and the Etc/ fixed offsets.
        return TZDB_IDS.contains(id)
                && id.indexOf('/') > 0
                && !id.startsWith("Etc/")
                && !id.startsWith("SystemV/");
    }

    private Set<ZoneId> usZones(String state, String zip3) {
        Set<ZoneId> stateZones = state == null ? null : usStates.get(state);
        if (stateZones == null) {
            return zip3 == null ? Set.of() : zonesOfZip3(zip3);
        }
        if (zip3 == null) {
            return stateZones;
        }
        Set<String> zip3States = usZip3States.getOrDefault(zip3, Set.of());
        if (!zip3States.isEmpty() && !zip3States.contains(state)) {
            Set<ZoneId> both = new HashSet<>(stateZones);
            both.addAll(zonesOfZip3(zip3));
            return both;
        }
        return zip3ZonesWithin(state, stateZones, zip3);
    }

    private Set<ZoneId> zonesOfZip3(String zip3) {
        Set<ZoneId> zones = new HashSet<>();
        for (String state : usZip3States.getOrDefault(zip3, Set.of())) {
            Set<ZoneId> stateZones = usStates.get(state);
            if (stateZones != null) {
                zones.addAll(zip3ZonesWithin(state, stateZones, zip3));
            }
        }
        return zones;
    }

    /** The split table is keyed by ZIP3 only; a single-zone state sharing a ZIP3 with a split state keeps its own zone. */
    private Set<ZoneId> zip3ZonesWithin(String state, Set<ZoneId> stateZones, String zip3) {
        if (stateZones.size() > 1) {
            return usZip3Split.getOrDefault(zip3, stateZones);
        }
        return stateZones;
    }

    private static String usZip3(String postalCode) {
        if (postalCode == null) {
            return null;
        }
        Matcher m = US_ZIP.matcher(postalCode.trim());
        return m.matches() ? m.group(1) : null;
    }

    /** Upper-cases a code and strips an ISO 3166-2 country prefix ("US-FL" -> "FL") when the country is known. */
    private static String normalizeCode(String code, String country) {
        if (code == null || code.isBlank()) {
            return null;
        }
        String normalized = code.trim().toUpperCase(Locale.ROOT);
        if (country != null && normalized.startsWith(country + "-")) {
            normalized = normalized.substring(country.length() + 1);
        }
        return normalized.isEmpty() ? null : normalized;
    }

    private static SortedSet<ZoneId> sorted(Collection<ZoneId> zones) {
        if (zones.isEmpty()) {
            return NONE;
        }
        TreeSet<ZoneId> set = new TreeSet<>(BY_ID);
        set.addAll(zones);
        return Collections.unmodifiableSortedSet(set);
    }

    private static Map<String, Set<ZoneId>> zoneTable(String resource) {
        Map<String, Set<ZoneId>> table = new HashMap<>();
        for (CsvLine line : readCsv(resource, 2)) {
            putUnique(table, line.field(0), line.zones(1), line);
        }
        return Map.copyOf(table);
    }

    private static Map<String, Set<String>> stateTable(String resource) {
        Map<String, Set<String>> table = new HashMap<>();
        for (CsvLine line : readCsv(resource, 2)) {
            putUnique(table, line.field(0), line.list(1), line);
        }
        return Map.copyOf(table);
    }

    private static Map<SubdivisionKey, Set<ZoneId>> subdivisionTable(String resource) {
        Map<SubdivisionKey, Set<ZoneId>> table = new HashMap<>();
        for (CsvLine line : readCsv(resource, 3)) {
            putUnique(table, new SubdivisionKey(line.field(0), line.field(1)), line.zones(2), line);
        }
        return Map.copyOf(table);
    }

    private static <K, V> void putUnique(Map<K, V> table, K key, V value, CsvLine line) {
        if (table.putIfAbsent(key, value) != null) {
            throw line.error("duplicate key " + key);
        }
    }

    private static List<CsvLine> readCsv(String resource, int columns) {
        String path = RESOURCE_DIR + resource;
        InputStream in = TimeZoneResolver.class.getResourceAsStream(path);
        if (in == null) {
            throw new IllegalStateException("missing time zone data " + path);
        }
        List<CsvLine> lines = new ArrayList<>();
        try (in) {
            String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            for (Csv.Row row : Csv.rows(text, (number, problem) -> {
                throw new CsvLine(path, number, List.of()).error(problem);
            })) {
                List<String> fields = row.cells().stream().map(String::strip).toList();
                CsvLine line = new CsvLine(path, row.line(), fields);
                if (fields.size() != columns || fields.stream().anyMatch(String::isEmpty)) {
                    throw line.error("expected " + columns + " non-empty columns");
                }
                lines.add(line);
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot read time zone data " + path, e);
        }
        return lines;
    }

    private record SubdivisionKey(String country, String subdivision) {
    }

    private record CsvLine(String resource, int number, List<String> fields) {

        String field(int index) {
            return fields.get(index);
        }

        Set<String> list(int index) {
            return Set.copyOf(Arrays.stream(fields.get(index).split(";")).map(String::strip).toList());
        }

        /** Bundled data with a zone this JVM does not know is a packaging error; failing beats answering narrower. */
        Set<ZoneId> zones(int index) {
            Set<ZoneId> zones = new HashSet<>();
            for (String id : list(index)) {
                if (!isIanaZone(id)) {
                    throw error("not an IANA region zone: " + id);
                }
                zones.add(ZoneId.of(id));
            }
            return Set.copyOf(zones);
        }

        IllegalStateException error(String message) {
            return new IllegalStateException(resource + ":" + number + ": " + message);
        }
    }
}
