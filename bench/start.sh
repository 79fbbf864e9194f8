#!/usr/bin/env bash
# Start to ready: from the java process start to the first UP of /actuator/health/readiness, for the
# jar on its own redis-server and on the embedded in-memory stores; N runs each, median (BENCHMARKS.md
# section 8, docs/configuration.md "Start time").
#
#   bench/start.sh                    # 5 runs per store, the JVM options as shipped
#   RUNS=3 STORES=redis bench/start.sh
#   CDS=1 bench/start.sh              # also with an AppCDS archive made by one training run first
#
# Environment: RUNS=5  STORES="redis memory"  CDS=0|1  JAVA_OPTS="-Xms1g -Xmx1g"  EXTRA_JAVA_OPTS=
# Bounded: every start waits at most 120 s; the CDS training run at most 180 s.
# Also prints how often the rule set was compiled during a start (from the service's own log line),
# which must be once.
set -euo pipefail
. "$(dirname "$0")/lib.sh"

RUNS=${RUNS:-5}
export RULES_WATCH=${RULES_WATCH:-true} # as shipped
STORES=${STORES:-redis memory}
CDS=${CDS:-0}
[[ $RUNS =~ ^[0-9]+$ && $RUNS -ge 1 && $RUNS -le 50 ]] || { echo "RUNS must be 1..50" >&2; exit 2; }

bench_header "$0 (RUNS=$RUNS STORES=$STORES CDS=$CDS)"
[[ $STORES == *redis* ]] && bench_redis

BASE_EXTRA=${EXTRA_JAVA_OPTS:-}
variants=("plain|$BASE_EXTRA")
if [[ $CDS == 1 ]]; then
  ARCHIVE="$BENCH_WORK/app.jsa"
  # A training run: start, serve one decision, stop; the JVM writes the classes it loaded at exit.
  EXTRA_JAVA_OPTS="$BASE_EXTRA -XX:ArchiveClassesAtExit=$ARCHIVE" bench_service memory
  bench_ready 180
  curl -s -m 10 -o /dev/null -H "X-Api-Key: $API_KEY" -H 'Content-Type: application/json' \
    --data '{"consumerId":"c-train","debtIds":["d-train"],"channel":"CALL","destination":{"phone":"+16145550100","type":"MOBILE"},"mode":"CHECK"}' \
    "$BASE/v1/decisions" || true
  bench_stop_service
  [[ -f $ARCHIVE ]] || { echo "the training run wrote no archive" >&2; tail -20 "$SERVICE_LOG" >&2; exit 1; }
  echo "# AppCDS archive: $(du -h "$ARCHIVE" | cut -f1) from one training run"
  variants+=("appcds|$BASE_EXTRA -XX:SharedArchiveFile=$ARCHIVE -Xshare:auto")
fi

rows=()
for store in $STORES; do
  for variant in "${variants[@]}"; do
    name=${variant%%|*}
    EXTRA_JAVA_OPTS=${variant#*|}
    times=()
    compiles=()
    for i in $(seq 1 "$RUNS"); do
      bench_service "$store"
      bench_ready 120
      times+=("$READY_SECONDS")
      # ActiveRules logs one line per rule set compiled and gated ("rule set <version> active (...)").
      compiles+=("$(grep -c 'rule set .* active (' "$SERVICE_LOG" || true)")
      bench_stop_service
      echo "# $store $name run $i: ready after $READY_SECONDS s (load $(bench_load)), rule set compiles logged: ${compiles[-1]}"
    done
    median=$(printf '%s\n' "${times[@]}" | sort -n | awk '{ a[NR] = $1 } END { print (NR % 2) ? a[(NR + 1) / 2] : (a[NR / 2] + a[NR / 2 + 1]) / 2 }')
    min=$(printf '%s\n' "${times[@]}" | sort -n | head -1)
    max=$(printf '%s\n' "${times[@]}" | sort -n | tail -1)
    rows+=("| $store | $name | $RUNS | $median | $min | $max |")
  done
done

echo
echo "| store | JVM | runs | median s to ready | min | max |"
echo "|---|---|---:|---:|---:|---:|"
printf '%s\n' "${rows[@]}"
echo "# load average after: $(bench_load)"
