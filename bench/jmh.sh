#!/usr/bin/env bash
# Builds the bench profile and runs the JMH benchmarks (BENCHMARKS.md). Not run in CI.
#   bench/jmh.sh                 # all: engine (1 and 2 threads), cold and warm rule-set builds
#   bench/jmh.sh engine|load|cpu # one part (cpu: CPU time per operation, immune to other load)
#   bench/jmh.sh perfile         # CPU time per evaluation of each rule file alone / of the set without it (~2 min; not in 'all')
# The rule directory is copied first (RULES_DIR, default rules/) so that edits made while the forks
# run cannot change or break the rule set under measurement. Results: bench/results/<utc>/ (json + log).
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
cd "$ROOT"
WHAT=${1:-all}
STAMP=$(date -u +%Y%m%dT%H%M%SZ)
OUTDIR=${OUTDIR:-$ROOT/bench/results/$STAMP}
mkdir -p "$OUTDIR"
SNAP=$(mktemp -d -t rules-snapshot.XXXXXX)
trap 'rm -rf "$SNAP"' EXIT
cp -r "${RULES_DIR:-$ROOT/rules}/." "$SNAP/"

mvn -B -q -Pbench -pl decision-core package -Dmaven.test.skip=true
CP="$ROOT/decision-core/target/bench/classes:$(cat "$ROOT/decision-core/target/bench/classpath.txt")"
echo "# preflight: the rule snapshot must compile"
java -Drules.dir="$SNAP" -cp "$CP" com.contactdecision.bench.Fixtures 2>&1 | grep -v ' WARN ' | tee "$OUTDIR/preflight.log"
[[ ${PIPESTATUS[0]} == 0 ]] || { echo "the rule directory does not compile; nothing measured" >&2; exit 1; }
jmh() { # name, jmh args...
  local name=$1; shift
  echo "# $(date -u +%FT%TZ) $name: load average $(cut -d' ' -f1-3 /proc/loadavg)" | tee -a "$OUTDIR/$name.log"
  timeout 1200 java -Drules.dir="$SNAP" -cp "$CP" org.openjdk.jmh.Main "$@" \
    -rf json -rff "$OUTDIR/$name.json" 2>&1 | grep -v ' WARN ' | tee -a "$OUTDIR/$name.log" | grep -E '^# (rules|[A-Z_0-9]+ ->)|^[A-Z][A-Za-z]+Benchmark|^Benchmark ' || true
  echo "# $(date -u +%FT%TZ) $name done: load average $(cut -d' ' -f1-3 /proc/loadavg)" | tee -a "$OUTDIR/$name.log"
}
if [[ $WHAT == all || $WHAT == cpu ]]; then
  echo "# $(date -u +%FT%TZ) cpu: load average $(cut -d' ' -f1-3 /proc/loadavg)" | tee "$OUTDIR/cpu.log"
  java -Xms1g -Xmx1g -Drules.dir="$SNAP" -cp "$CP" com.contactdecision.bench.Fixtures --cpu 20000 2>&1 | grep '^# cpu' | tee -a "$OUTDIR/cpu.log"
  # as the server runs it: 32 request threads deciding at once share the rule sessions' pool
  java -Xms1g -Xmx1g -Drules.dir="$SNAP" -cp "$CP" com.contactdecision.bench.Fixtures --cpu-threads 32 300 2>&1 | grep '^# cpu' | tee -a "$OUTDIR/cpu.log"
fi
if [[ $WHAT == perfile ]]; then
  echo "# $(date -u +%FT%TZ) perfile: load average $(cut -d' ' -f1-3 /proc/loadavg)" | tee "$OUTDIR/perfile.log"
  java -Xms1g -Xmx1g -Drules.dir="$SNAP" -cp "$CP" com.contactdecision.bench.Fixtures --per-file 5000 2>&1 | grep '^# per-file' | tee -a "$OUTDIR/perfile.log"
fi
if [[ $WHAT == all || $WHAT == engine ]]; then
  jmh engine-t1 'EngineBenchmark' -f 1 -wi 3 -i 5 -w 1 -r 1 -t 1
  jmh engine-t2 'EngineBenchmark' -f 1 -wi 3 -i 5 -w 1 -r 1 -t 2 -bm thrpt
fi
if [[ $WHAT == all || $WHAT == load ]]; then
  jmh load-cold 'RuleSetLoadBenchmark' -f 5 -wi 0 -i 1
  jmh load-warm 'RuleSetLoadBenchmark' -f 1 -wi 10 -i 15
fi
echo "# results in $OUTDIR"
