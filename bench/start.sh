#!/usr/bin/env bash
# Start to ready: from the java process start to the first UP of /actuator/health/readiness, for the
# jar on its own redis-server and on the embedded in-memory stores; N runs each, median (BENCHMARKS.md
# section 8, docs/configuration.md "Start time").
#
#   bench/start.sh                    # 5 runs per store, the JVM options as shipped
#   RUNS=3 STORES=redis bench/start.sh
#   CDS=1 bench/start.sh              # also the extracted jar, without and with an AppCDS archive
#                                     # (java -Djarmode=tools extract + one training run first)
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
variants=("fat jar|$BENCH_JAR|$BASE_EXTRA")
if [[ $CDS == 1 ]]; then
  # Spring Boot's way: extract the jar (classes on a plain class path, which CDS can archive), a
  # training run that stops once the context is refreshed and lists the classes it loaded, then a
  # static archive of them. Not -XX:ArchiveClassesAtExit: OpenJDK 17.0.15 crashes writing the dynamic
  # archive (SIGSEGV in SystemDictionaryShared::adjust_lambda_proxy_class_dictionary), and so does a
  # static dump that keeps the lambda proxies: they are left out (@lambda-proxy lines).
  EXTRACTED="$BENCH_WORK/extracted"
  java -Djarmode=tools -jar "$BENCH_JAR" extract --destination "$EXTRACTED" >/dev/null
  XJAR=$(ls "$EXTRACTED"/*.jar | head -1)
  ARCHIVE="$BENCH_WORK/app.jsa"
  SERVICE_JAR=$XJAR EXTRA_JAVA_OPTS="$BASE_EXTRA -XX:DumpLoadedClassList=$BENCH_WORK/app.classlist -Dspring.context.exit=onRefresh" \
    bench_service "${STORES%% *}"
  for _ in $(seq 1 360); do kill -0 "$SERVICE_PID" 2>/dev/null || break; sleep 0.5; done
  bench_stop_service
  grep -v '^@lambda' "$BENCH_WORK/app.classlist" >"$BENCH_WORK/app.classes"
  timeout 300 java -Xshare:dump -XX:SharedClassListFile="$BENCH_WORK/app.classes" -XX:SharedArchiveFile="$ARCHIVE" \
    -jar "$XJAR" >"$BENCH_WORK/dump.log" 2>&1 || true
  [[ -f $ARCHIVE ]] || { echo "no CDS archive: $(grep -v 'Skipping\|Preload' "$BENCH_WORK/dump.log" | head -5)" >&2; exit 1; }
  echo "# AppCDS archive: $(du -h "$ARCHIVE" | cut -f1), $(wc -l <"$BENCH_WORK/app.classes") classes from one training run"
  variants+=("extracted|$XJAR|$BASE_EXTRA" "extracted + AppCDS|$XJAR|$BASE_EXTRA -XX:SharedArchiveFile=$ARCHIVE")
fi

rows=()
for store in $STORES; do
  for variant in "${variants[@]}"; do
    IFS='|' read -r name SERVICE_JAR EXTRA_JAVA_OPTS <<<"$variant"
    times=()
    cpus=()
    compiles=()
    for i in $(seq 1 "$RUNS"); do
      bench_service "$store"
      bench_ready 120
      times+=("$READY_SECONDS")
      cpus+=("$READY_CPU")
      # ActiveRules logs one line per rule set compiled and gated ("rule set <version> active (...)").
      compiles+=("$(grep -c 'rule set .* active (' "$SERVICE_LOG" || true)")
      bench_stop_service
      echo "# $store $name run $i: ready after $READY_SECONDS s, $READY_CPU s of CPU (load $(bench_load)), rule set compiles logged: ${compiles[-1]}"
    done
    median=$(printf '%s\n' "${times[@]}" | sort -n | awk '{ a[NR] = $1 } END { print (NR % 2) ? a[(NR + 1) / 2] : (a[NR / 2] + a[NR / 2 + 1]) / 2 }')
    min=$(printf '%s\n' "${times[@]}" | sort -n | head -1)
    max=$(printf '%s\n' "${times[@]}" | sort -n | tail -1)
    cpu=$(printf '%s\n' "${cpus[@]}" | sort -n | awk '{ a[NR] = $1 } END { print (NR % 2) ? a[(NR + 1) / 2] : (a[NR / 2] + a[NR / 2 + 1]) / 2 }')
    rows+=("| $store | $name | $RUNS | $median | $min | $max | $cpu |")
  done
done

echo
echo "| store | jar | runs | median s to ready | min | max | median CPU s to ready |"
echo "|---|---|---:|---:|---:|---:|---:|"
printf '%s\n' "${rows[@]}"
echo "# load average after: $(bench_load)"
