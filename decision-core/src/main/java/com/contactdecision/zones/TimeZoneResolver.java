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
 * Resolves the IANA time zones a consumer may be in, from a phone number or a postal
 * address.
 *
 * <p>
 * Every answer is conservative: when the data cannot tell which of several zones applies,
 * all of them are returned, because contact-hour rules must hold in every zone the
 * consumer may be in. An empty set means "unknown".
 */
public final class TimeZoneResolver {

	private static final Comparator<ZoneId> BY_ID = Comparator.comparing(ZoneId::getId);

	private static final SortedSet<ZoneId> NONE = Collections.unmodifiableSortedSet(new TreeSet<>(BY_ID));

	private static final PhoneNumberUtil PHONE_UTIL = PhoneNumberUtil.getInstance();

	private static final PhoneNumberToTimeZonesMapper PHONE_ZONES = PhoneNumberToTimeZonesMapper.getInstance();

	private static final String PHONE_UNKNOWN_ZONE = PhoneNumberToTimeZonesMapper.getUnknownTimeZone();

	/**
	 * E.164 numbers carry their own country code, so no default region is given to the
	 * parser.
	 */
	private static final String NO_DEFAULT_REGION = "ZZ";

	private static final Pattern US_ZIP = Pattern.compile("((\\d{3})\\d{2})(?:[-\\s]?\\d{4})?");

	/**
	 * Country code of the North American Numbering Plan, whose area codes and exchanges
	 * nanp-area-codes.csv maps.
	 */
	private static final int NANP = 1;

	private static final String RESOURCE_DIR = "/zones/";

	private static final Set<String> TZDB_IDS = Set.copyOf(ZoneId.getAvailableZoneIds());

	private final Map<String, Set<ZoneId>> nanp;

	private final ZipRanges usZip5;

	private final Map<String, Set<ZoneId>> usStates;

	private final Map<String, Set<ZoneId>> usZip3Split;

	private final Map<String, Set<String>> usZip3States;

	private final Map<String, Set<ZoneId>> countries;

	private final Map<SubdivisionKey, Set<ZoneId>> subdivisions;

	private final Map<String, List<PostalRange>> postalCodes;

	/** Loads the bundled mapping data; thread-safe and immutable after construction. */
	public TimeZoneResolver() {
		nanp = zoneTable("nanp-area-codes.csv");
		usZip5 = ZipRanges.load("us-zip5.csv");
		usStates = zoneTable("us-states.csv");
		usZip3Split = zoneTable("us-zip3-split.csv");
		usZip3States = stateTable("us-zip3-states.csv");
		countries = zoneTable("countries.csv");
		subdivisions = subdivisionTable("subdivisions.csv");
		postalCodes = postalTable("postal-codes.csv");
	}

	/**
	 * Zones for an E.164 number. A geographic +1 number gets the zones of its exchange
	 * (NPA-NXX) when the exchange pins them, else every zone of its area code
	 * (nanp-area-codes.csv); other numbers, and +1 numbers that are not tied to a place
	 * (toll-free and other non-geographic codes: every zone of country code 1), get
	 * libphonenumber's {@link PhoneNumberToTimeZonesMapper} answer. Returns an empty set
	 * when unknown, unparsable, or when the mapper answers its unknown zone
	 * ("Etc/Unknown"), as for an invalid number. Never throws for bad input. Order:
	 * sorted by zone id.
	 */
	public SortedSet<ZoneId> zonesForPhone(String e164) {
		if (e164 == null || e164.isBlank()) {
			return NONE;
		}
		try {
			PhoneNumber number = PHONE_UTIL.parse(e164.trim(), NO_DEFAULT_REGION);
			List<String> ids = PHONE_ZONES.getTimeZonesForNumber(number);
			// A zone this JVM cannot resolve is treated as "unknown" for the whole
			// number: dropping it would
			// silently narrow the set, which is the unsafe direction for contact-hour
			// checks.
			if (ids.isEmpty() || ids.contains(PHONE_UNKNOWN_ZONE)
					|| !ids.stream().allMatch(TimeZoneResolver::isIanaZone)) {
				return NONE;
			}
			// Only a number libphonenumber ties to a place has an area code's zones; the
			// others (toll-free, and
			// mobiles of Caribbean members) keep its answer for the whole of country code
			// 1.
			Set<ZoneId> areaCode = number.getCountryCode() == NANP && PHONE_UTIL.isNumberGeographical(number)
					? nanpZones(number) : null;
			if (areaCode != null) {
				return sorted(areaCode);
			}
			return sorted(ids.stream().map(ZoneId::of).toList());
		}
		catch (NumberParseException | RuntimeException e) {
			return NONE;
		}
	}

	/**
	 * Zones for an address. country is ISO 3166-1 alpha-2 (e.g. "US", "GB", "DE"); state
	 * is the US state / territory two-letter code (may be null); postalCode may be null.
	 * Empty set when nothing is known. Never throws.
	 *
	 * <p>
	 * US: a five-digit ZIP in us-zip5.csv gives that ZIP's zones, narrowed to the state's
	 * when the address has a state (the consumer is in the part of the ZIP inside the
	 * state). A ZIP not in that table falls back to the ZIP3: the state's zones, narrowed
	 * by ZIP3 for states that span several zones; an unknown ZIP3 keeps all zones of the
	 * state. Without a usable state the ZIP alone decides. When state and ZIP contradict
	 * each other both are honoured (union). Elsewhere a postal code in postal-codes.csv
	 * decides where it places the address (e.g. the Azores in Portugal, the Canaries in
	 * Spain, the Galápagos in Ecuador); else a province / state code (Canada, Australia,
	 * e.g. "ON", "CA-ON", "NSW") narrows the country's zones; else all zones of the
	 * country.
	 */
	public SortedSet<ZoneId> zonesForAddress(String country, String state, String postalCode) {
		try {
			String countryCode = normalizeCode(country, null);
			if (countryCode == null) {
				return NONE;
			}
			String stateCode = normalizeCode(state, countryCode);
			if (countryCode.equals("US")) {
				Matcher zip = usZip(postalCode);
				Set<ZoneId> zip5Zones = zip == null ? null : usZip5.zones(Integer.parseInt(zip.group(1)));
				if (zip5Zones != null) {
					return sorted(usZip5Zones(stateCode, zip.group(2), zip5Zones));
				}
				return sorted(usZones(stateCode, zip == null ? null : zip.group(2)));
			}
			Set<ZoneId> postal = postalZones(countryCode, postalCode);
			if (postal != null) {
				return sorted(postal);
			}
			if (stateCode != null) {
				Set<ZoneId> subdivision = subdivisions.get(new SubdivisionKey(countryCode, stateCode));
				if (subdivision != null) {
					return sorted(subdivision);
				}
			}
			return sorted(countries.getOrDefault(countryCode, Set.of()));
		}
		catch (RuntimeException e) {
			return NONE;
		}
	}

	/**
	 * True when the id is a valid IANA region zone id (e.g. "America/Chicago"); false for
	 * fixed offsets like "+05:00", "UTC+3", "GMT-5" or unknown names.
	 */
	public static boolean isIanaZone(String id) {
		if (id == null || id.isBlank()) {
			return false;
		}
		// ZoneId.of also accepts offsets and prefixed offsets ("UTC+3"), so membership in
		// the tz database is the test;
		// the "Area/Location" shape then rules out bare aliases (UTC, EST, CET, EST5EDT)
		// and the Etc/ fixed offsets.
		return TZDB_IDS.contains(id) && id.indexOf('/') > 0 && !id.startsWith("Etc/") && !id.startsWith("SystemV/");
	}

	/**
	 * The exchange's row, else the area code's; null when the area code has no row
	 * (non-geographic codes such as toll-free 8XX, or a code the data does not know),
	 * which leaves the number to libphonenumber.
	 */
	private Set<ZoneId> nanpZones(PhoneNumber number) {
		String national = String.valueOf(number.getNationalNumber());
		if (national.length() != 10) {
			return null;
		}
		Set<ZoneId> exchange = nanp.get(national.substring(0, 6));
		return exchange != null ? exchange : nanp.get(national.substring(0, 3));
	}

	/**
	 * A ZIP can reach into a neighbouring state; an address in a known state is in the
	 * part of the ZIP inside it, so the ZIP's zones are narrowed to the state's. A ZIP of
	 * another state (by ZIP3), or a ZIP whose zones the state does not have, contradicts
	 * the state: then both are honoured.
	 */
	private Set<ZoneId> usZip5Zones(String state, String zip3, Set<ZoneId> zipZones) {
		Set<ZoneId> stateZones = state == null ? null : usStates.get(state);
		if (stateZones == null) {
			return zipZones;
		}
		Set<String> zip3States = usZip3States.getOrDefault(zip3, Set.of());
		Set<ZoneId> both = new HashSet<>(stateZones);
		if (zip3States.isEmpty() || zip3States.contains(state)) {
			both.retainAll(zipZones);
			if (!both.isEmpty()) {
				return both;
			}
			both.addAll(stateZones);
		}
		both.addAll(zipZones);
		return both;
	}

	/**
	 * The zones of the first postal-code range of the country that holds the code; null
	 * when none does.
	 */
	private Set<ZoneId> postalZones(String country, String postalCode) {
		List<PostalRange> ranges = postalCodes.get(country);
		if (ranges == null || postalCode == null) {
			return null;
		}
		String code = postalCode.strip().toUpperCase(Locale.ROOT);
		if (code.startsWith(country)) {
			code = code.substring(country.length());
		}
		code = code.replaceAll("[\\s-]", "");
		for (PostalRange range : ranges) {
			if (range.contains(code)) {
				return range.zones();
			}
		}
		return null;
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

	/**
	 * The split table is keyed by ZIP3 only; a single-zone state sharing a ZIP3 with a
	 * split state keeps its own zone.
	 */
	private Set<ZoneId> zip3ZonesWithin(String state, Set<ZoneId> stateZones, String zip3) {
		if (stateZones.size() > 1) {
			return usZip3Split.getOrDefault(zip3, stateZones);
		}
		return stateZones;
	}

	/**
	 * Group 1: the five-digit ZIP, group 2: its ZIP3; null when the code is not a US ZIP
	 * (ZIP+4 accepted).
	 */
	private static Matcher usZip(String postalCode) {
		if (postalCode == null) {
			return null;
		}
		Matcher m = US_ZIP.matcher(postalCode.trim());
		return m.matches() ? m : null;
	}

	/**
	 * Upper-cases a code and strips an ISO 3166-2 country prefix ("US-FL" -> "FL") when
	 * the country is known.
	 */
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
		Map<String, Set<ZoneId>> parsed = new HashMap<>();
		for (CsvLine line : readCsv(resource, 2)) {
			putUnique(table, line.field(0), line.zones(1, parsed), line);
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

	private static Map<String, List<PostalRange>> postalTable(String resource) {
		Map<String, List<PostalRange>> table = new HashMap<>();
		for (CsvLine line : readCsv(resource, 3)) {
			PostalRange range = PostalRange.parse(line);
			List<PostalRange> ranges = table.computeIfAbsent(line.field(0), c -> new ArrayList<>());
			if (ranges.stream().anyMatch(range::overlaps)) {
				throw line.error("overlaps another range of " + line.field(0));
			}
			ranges.add(range);
		}
		Map<String, List<PostalRange>> result = new HashMap<>();
		table.forEach((country, ranges) -> result.put(country, List.copyOf(ranges)));
		return Map.copyOf(result);
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
		}
		catch (IOException e) {
			throw new IllegalStateException("cannot read time zone data " + path, e);
		}
		return lines;
	}

	private record SubdivisionKey(String country, String subdivision) {
	}

	/**
	 * Postal codes whose first {@code low.length()} digits lie in [low, high]:
	 * "9500-9999" in Portugal holds "9500-123", "35" in Spain holds "35001".
	 */
	private record PostalRange(String low, String high, Set<ZoneId> zones) {

		private static final Pattern RANGE = Pattern.compile("(\\d+)(?:-(\\d+))?");

		static PostalRange parse(CsvLine line) {
			Matcher m = RANGE.matcher(line.field(1));
			String high = m.matches() ? (m.group(2) == null ? m.group(1) : m.group(2)) : null;
			if (high == null || high.length() != m.group(1).length() || m.group(1).compareTo(high) > 0) {
				throw line
					.error("expected a postal-code prefix or a range of prefixes of one length: " + line.field(1));
			}
			return new PostalRange(m.group(1), high, line.zones(2));
		}

		boolean contains(String code) {
			if (code.length() < low.length()) {
				return false;
			}
			String prefix = code.substring(0, low.length());
			return prefix.chars().allMatch(Character::isDigit) && prefix.compareTo(low) >= 0
					&& prefix.compareTo(high) <= 0;
		}

		boolean overlaps(PostalRange other) {
			int length = Math.min(low.length(), other.low.length());
			return low.substring(0, length).compareTo(other.high.substring(0, length)) <= 0
					&& other.low.substring(0, length).compareTo(high.substring(0, length)) <= 0;
		}
	}

	/**
	 * us-zip5.csv: sorted, non-overlapping ranges of five-digit ZIPs, each with its
	 * zones; a ZIP between ranges is not in the table.
	 */
	private static final class ZipRanges {

		private final int[] from;

		private final int[] to;

		private final List<Set<ZoneId>> zones;

		private ZipRanges(int[] from, int[] to, List<Set<ZoneId>> zones) {
			this.from = from;
			this.to = to;
			this.zones = zones;
		}

		static ZipRanges load(String resource) {
			List<CsvLine> lines = readCsv(resource, 2);
			int[] from = new int[lines.size()];
			int[] to = new int[lines.size()];
			List<Set<ZoneId>> zones = new ArrayList<>(lines.size());
			Map<String, Set<ZoneId>> parsed = new HashMap<>();
			for (int i = 0; i < lines.size(); i++) {
				CsvLine line = lines.get(i);
				String[] range = line.field(0).split("-", -1);
				if (range.length > 2 || !Arrays.stream(range).allMatch(z -> z.matches("\\d{5}"))) {
					throw line.error("expected a ZIP or ZIP-ZIP: " + line.field(0));
				}
				from[i] = Integer.parseInt(range[0]);
				to[i] = Integer.parseInt(range[range.length - 1]);
				if (to[i] < from[i] || (i > 0 && from[i] <= to[i - 1])) {
					throw line.error("ranges must be sorted and must not overlap: " + line.field(0));
				}
				zones.add(line.zones(1, parsed));
			}
			return new ZipRanges(from, to, List.copyOf(zones));
		}

		/** The zones of the ZIP, or null when no range holds it. */
		Set<ZoneId> zones(int zip) {
			int i = Arrays.binarySearch(from, zip);
			if (i < 0) {
				i = -i - 2;
			}
			return i >= 0 && zip <= to[i] ? zones.get(i) : null;
		}

	}

	private record CsvLine(String resource, int number, List<String> fields) {

		String field(int index) {
			return fields.get(index);
		}

		Set<String> list(int index) {
			return Set.copyOf(Arrays.stream(fields.get(index).split(";")).map(String::strip).toList());
		}

		/**
		 * Bundled data with a zone this JVM does not know is a packaging error; failing
		 * beats answering narrower. The ZIP and area-code tables repeat a few dozen zone
		 * lists over thousands of rows, so each list is parsed once per table load and
		 * shared.
		 */
		Set<ZoneId> zones(int index, Map<String, Set<ZoneId>> parsed) {
			Set<ZoneId> known = parsed.get(fields.get(index));
			if (known != null) {
				return known;
			}
			Set<ZoneId> zones = zones(index);
			parsed.put(fields.get(index), zones);
			return zones;
		}

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
