#!/usr/bin/env bash
# Redis measurements for BENCHMARKS.md "## Redis": bytes per tracked debt over a week of typical
# traffic, Redis round trips per decision, and HTTP RESERVE p50/p99 on Redis vs in-memory stores.
#
#   bench/redis-memory.sh                       # 10 000 consumers x 1 debt, 7 days
#   CONSUMERS=2000 HTTP_SECONDS=5 bench/redis-memory.sh
#
# Starts its own empty redis-server (from the PATH) on a free loopback port, without persistence, and
# stops it on exit; touches no other Redis. The Java side is com.contactdecision.RedisMemoryBench (test
# scope, not a test), which drives the real DecisionService / ContactEvents beans in-process.
# Environment: CONSUMERS=10000 DAYS=7 THREADS=2 HTTP_WARMUP=2 HTTP_SECONDS=3 HTTP_CLIENTS=1,4 (the HTTP
#   part is bounded: stores x levels x (warm-up + measured) <= 2 x 2 x 5 s = 20 s by default)
#   RULES_DIR=rules  SKIP_BUILD=1 (reuse target/test-classes)  JAVA_OPTS="-Xms1g -Xmx1g"
# Results: bench/results/redis-<utc>/redis.log (the Java side's whole output, logs included: java.log)
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
cd "$ROOT"
CONSUMERS=${CONSUMERS:-10000}
DAYS=${DAYS:-7}
THREADS=${THREADS:-2}
HTTP_WARMUP=${HTTP_WARMUP:-2}
HTTP_SECONDS=${HTTP_SECONDS:-3}
HTTP_CLIENTS=${HTTP_CLIENTS:-1,4}
JAVA_OPTS=${JAVA_OPTS:--Xms1g -Xmx1g}
[[ $HTTP_SECONDS =~ ^[0-9]+$ && $HTTP_SECONDS -ge 1 && $HTTP_SECONDS -le 10 ]] || { echo "HTTP_SECONDS must be 1..10" >&2; exit 2; }
[[ $HTTP_WARMUP =~ ^[0-9]+$ && $HTTP_WARMUP -le 5 ]] || { echo "HTTP_WARMUP must be 0..5" >&2; exit 2; }
[[ $HTTP_CLIENTS =~ ^[0-9]+(,[0-9]+)?$ ]] || { echo "HTTP_CLIENTS: one or two levels, e.g. 1,4" >&2; exit 2; }
command -v redis-server >/dev/null || { echo "redis-server is not on the PATH (apt-get install redis-server)" >&2; exit 2; }
STAMP=$(date -u +%Y%m%dT%H%M%SZ)
OUTDIR=${OUTDIR:-$ROOT/bench/results/redis-$STAMP}
mkdir -p "$OUTDIR"
WORK=$(mktemp -d -t redis-bench.XXXXXX)
REDIS_PID=""
cleanup() {
  if [[ -n $REDIS_PID ]] && kill -0 "$REDIS_PID" 2>/dev/null; then
    kill "$REDIS_PID" 2>/dev/null || true
    for _ in $(seq 1 50); do kill -0 "$REDIS_PID" 2>/dev/null || break; sleep 0.1; done
    kill -9 "$REDIS_PID" 2>/dev/null || true
  fi
  rm -rf "$WORK"
}
trap cleanup EXIT INT TERM

# The rule set under measurement is a snapshot: edits made meanwhile cannot change it.
cp -r "${RULES_DIR:-$ROOT/rules}/." "$WORK/rules/" 2>/dev/null || { mkdir -p "$WORK/rules"; cp -r "${RULES_DIR:-$ROOT/rules}/." "$WORK/rules/"; }

# The classpath is resolved in the same reactor as the build: decision-core is never installed, so a
# build-classpath on its own cannot resolve it. Each module writes the file; decision-service, last,
# wins. With SKIP_BUILD=1 the compilers skip (target/ is reused as it is).
SKIP=()
[[ ${SKIP_BUILD:-0} == 1 ]] && SKIP=(-Dmaven.main.skip=true -Dmaven.test.skip=true)
mvn -B -q -o -pl decision-service -am "${SKIP[@]}" test-compile dependency:build-classpath -Dmdep.includeScope=test \
  -Dmdep.outputFile="$WORK/cp.txt" >"$WORK/mvn.log" 2>&1 || { echo "the build failed:" >&2; grep -E 'ERROR' "$WORK/mvn.log" | head -20 >&2; exit 1; }
CP="$ROOT/decision-service/target/test-classes:$ROOT/decision-service/target/classes:$ROOT/decision-core/target/classes:$ROOT/decision-core/target/test-classes:$(cat "$WORK/cp.txt")"

PORT=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()')
redis-server --port "$PORT" --bind 127.0.0.1 --save '' --appendonly no --daemonize no --dir "$WORK" \
  >"$WORK/redis.log" 2>&1 &
REDIS_PID=$!
for _ in $(seq 1 100); do redis-cli -p "$PORT" ping 2>/dev/null | grep -q PONG && break; sleep 0.1; done

{
  echo "# $(date -u +%FT%TZ) bench/redis-memory.sh CONSUMERS=$CONSUMERS DAYS=$DAYS THREADS=$THREADS"
  echo "# machine: $(nproc) vCPU $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ *//'), $(awk '/MemTotal/ {printf "%.0f GiB", $2/1048576}' /proc/meminfo) RAM, kernel $(uname -r), $(redis-server --version | cut -d' ' -f1-3), load average $(cut -d' ' -f1-3 /proc/loadavg)"
  echo "# rules: $(cd "$WORK/rules" && find . -type f | sort | xargs sha256sum | sha256sum | cut -c1-16)"
} | tee "$OUTDIR/redis.log"
# shellcheck disable=SC2086
timeout 1200 java $JAVA_OPTS -cp "$CP" com.contactdecision.RedisMemoryBench --redis "redis://127.0.0.1:$PORT" \
  --rules "$WORK/rules" --consumers "$CONSUMERS" --days "$DAYS" --threads "$THREADS" \
  --http-warmup "$HTTP_WARMUP" --http-seconds "$HTTP_SECONDS" --http-clients "$HTTP_CLIENTS" >"$OUTDIR/java.log" 2>&1 \
  || { echo "RedisMemoryBench failed; the end of $OUTDIR/java.log:" >&2; tail -40 "$OUTDIR/java.log" >&2; exit 1; }
grep -E '^#' "$OUTDIR/java.log" | tee -a "$OUTDIR/redis.log"
echo "# $(date -u +%FT%TZ) done: load average $(cut -d' ' -f1-3 /proc/loadavg)" | tee -a "$OUTDIR/redis.log"
