#!/usr/bin/env bash
# The replay measurement of BENCHMARKS.md "## Audit: replaying recorded decisions": RECORDS real
# decisions recorded into a scratch PostgreSQL database, then replayed in-process (active rules, twice,
# and a stricter candidate), then once more through the CLI: java -jar decision-service.jar simulate.
#
#   bench/audit-replay.sh                      # 100 000 decisions, 5 000 consumers, 2 threads
#   RECORDS=20000 bench/audit-replay.sh
#
# Needs the machine's PostgreSQL at 127.0.0.1:5432 (user postgres) or ADMIN_URL; creates a database
# named audit_bench_<utc> and drops it on exit; touches nothing else.
# Environment: RECORDS=100000 CONSUMERS=5000 THREADS=2 JAVA_OPTS="-Xms1g -Xmx1g"
# Results: bench/results/audit-<utc>/audit.log
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
cd "$ROOT"
RECORDS=${RECORDS:-100000}
CONSUMERS=${CONSUMERS:-5000}
THREADS=${THREADS:-2}
JAVA_OPTS=${JAVA_OPTS:--Xms1g -Xmx1g}
STAMP=$(date -u +%Y%m%dT%H%M%SZ)
DB="audit_bench_$(echo "$STAMP" | tr 'A-Z' 'a-z')"
OUTDIR=${OUTDIR:-$ROOT/bench/results/audit-$STAMP}
mkdir -p "$OUTDIR"
WORK=$(mktemp -d -t audit-bench.XXXXXX)
cleanup() {
  psql -q -h 127.0.0.1 -U postgres -d postgres -c "DROP DATABASE IF EXISTS $DB WITH (FORCE)" >/dev/null 2>&1 || true
  rm -rf "$WORK"
}
trap cleanup EXIT INT TERM
psql -q -h 127.0.0.1 -U postgres -d postgres -c "CREATE DATABASE $DB"
URL="jdbc:postgresql://127.0.0.1:5432/$DB?user=postgres"
cp -r "${RULES_DIR:-$ROOT/rules}" "$WORK/rules"

# One reactor build: the core's jars (main and test) resolve from the reactor, not from ~/.m2.
# -DskipTests compiles the tests (the bench is one) without running them.
mvn -B -q -o -pl decision-service -am package -DskipTests dependency:build-classpath -Dmdep.includeScope=test \
  -Dmdep.outputFile="$WORK/cp.txt" >/dev/null
CP="$ROOT/decision-service/target/test-classes:$ROOT/decision-service/target/classes:$ROOT/decision-core/target/classes:$ROOT/decision-core/target/test-classes:$(cat "$WORK/cp.txt")"

{
  echo "# $(date -u +%FT%TZ) bench/audit-replay.sh RECORDS=$RECORDS CONSUMERS=$CONSUMERS THREADS=$THREADS"
  echo "# machine: $(nproc) vCPU $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ *//'), $(psql -At -h 127.0.0.1 -U postgres -d postgres -c 'show server_version'), load average $(cut -d' ' -f1-3 /proc/loadavg)"
} | tee "$OUTDIR/audit.log"
# shellcheck disable=SC2086
timeout 1800 java $JAVA_OPTS -cp "$CP" com.contactdecision.audit.AuditReplayBench --jdbc-url "$URL" \
  --rules "$WORK/rules" --records "$RECORDS" --consumers "$CONSUMERS" --threads "$THREADS" 2>&1 \
  | grep -E '^#' | tee -a "$OUTDIR/audit.log"
echo "# $(date -u +%FT%TZ) CLI: java -jar decision-service.jar simulate --rules rules --from 2026-11-01T00:00:00Z --to 2026-12-01T00:00:00Z --threads $THREADS; load average $(cut -d' ' -f1-3 /proc/loadavg)" | tee -a "$OUTDIR/audit.log"
start=$(date +%s.%N)
set +e
# shellcheck disable=SC2086
AUDIT_JDBC_URL="$URL" java $JAVA_OPTS -jar decision-service/target/decision-service.jar simulate --rules "$WORK/rules" \
  --from 2026-11-01T00:00:00Z --to 2026-12-01T00:00:00Z --threads "$THREADS" >"$OUTDIR/cli-report.json" 2>"$OUTDIR/cli.err"
rc=$?
set -e
end=$(date +%s.%N)
echo "# CLI exit $rc in $(echo "$end - $start" | bc) s (JVM start and rule load included): $(tail -1 "$OUTDIR/cli.err")" | tee -a "$OUTDIR/audit.log"
echo "# $(date -u +%FT%TZ) done: load average $(cut -d' ' -f1-3 /proc/loadavg)" | tee -a "$OUTDIR/audit.log"
