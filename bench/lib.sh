# Shared pieces of the bench/ scripts (source it; not run on its own): a header naming the run,
# a private redis-server, the jar on loopback, readiness, and cleanup of what was started, by pid.
#
#   . "$(dirname "$0")/lib.sh"
#   bench_header "$0 $*"            # command, date, load average, git commit, machine
#   bench_redis                     # REDIS_PORT, REDIS_URL_LOCAL: an empty redis-server, no persistence
#   bench_service redis|memory      # BASE, API_KEY: the jar, started now (SERVICE_STARTED_NS)
#   bench_ready 120                 # waits for /actuator/health/readiness UP; READY_SECONDS
# Everything started is stopped by bench_cleanup (trapped on EXIT), by pid; the work directory
# (data, secrets, logs) is deleted unless KEEP=1.

BENCH_ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
BENCH_HOST=127.0.0.1 # fixed: the bench scripts never target anything but loopback
BENCH_JAR=${JAR:-$BENCH_ROOT/decision-service/target/decision-service.jar}
BENCH_RULES=${RULES_DIR:-$BENCH_ROOT/rules}
BENCH_WORK=$(mktemp -d -t decision-bench.XXXXXX)
BENCH_PIDS=()

bench_cleanup() {
  local pid
  for pid in "${BENCH_PIDS[@]}"; do
    if kill -0 "$pid" 2>/dev/null; then
      kill "$pid" 2>/dev/null || true
      for _ in $(seq 1 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.2; done
      kill -9 "$pid" 2>/dev/null || true
    fi
  done
  BENCH_PIDS=()
  if [[ ${KEEP:-0} == 1 ]]; then echo "# kept $BENCH_WORK" >&2; else rm -rf "$BENCH_WORK"; fi
}
trap bench_cleanup EXIT INT TERM

bench_header() {
  echo "# command: $1"
  echo "# date: $(date -u +%Y-%m-%dT%H:%M:%SZ)  load average: $(cut -d' ' -f1-3 /proc/loadavg)"
  echo "# commit: $(git -C "$BENCH_ROOT" rev-parse --short HEAD 2>/dev/null || echo '?')$(git -C "$BENCH_ROOT" diff --quiet 2>/dev/null || echo ' (+ uncommitted changes)') on $(git -C "$BENCH_ROOT" rev-parse --abbrev-ref HEAD 2>/dev/null || echo '?')"
  echo "# machine: $(nproc) vCPU $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ *//'), $(awk '/MemTotal/ {printf "%.0f GiB", $2/1048576}' /proc/meminfo) RAM, $(java -version 2>&1 | head -1), $(redis-server --version 2>/dev/null | cut -d' ' -f1-3)"
}

bench_load() { cut -d' ' -f1-3 /proc/loadavg; }

bench_free_port() {
  python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'
}

# An empty redis-server of our own on a free loopback port, without persistence.
bench_redis() {
  command -v redis-server >/dev/null || { echo "redis-server is not on the PATH (apt-get install redis-server)" >&2; exit 2; }
  REDIS_PORT=$(bench_free_port)
  mkdir -p "$BENCH_WORK/redis"
  redis-server --port "$REDIS_PORT" --bind 127.0.0.1 --save '' --appendonly no --daemonize no \
    --dir "$BENCH_WORK/redis" --logfile "$BENCH_WORK/redis/redis.log" &
  REDIS_PID=$!
  BENCH_PIDS+=("$REDIS_PID")
  for _ in $(seq 1 50); do redis-cli -p "$REDIS_PORT" ping >/dev/null 2>&1 && break; sleep 0.1; done
  redis-cli -p "$REDIS_PORT" ping >/dev/null || { echo "redis-server did not start" >&2; exit 1; }
  REDIS_URL_LOCAL="redis://127.0.0.1:$REDIS_PORT"
}

# The jar on a free loopback port, on the private Redis (bench_redis first) or on the embedded
# in-memory stores, with a throwaway admin key and its own data directory (audit H2, secrets).
# JAVA_OPTS (default -Xms1g -Xmx1g) and EXTRA_JAVA_OPTS are passed to java; SERVICE_JAR runs another
# jar (an extracted one, say) than the built one.
bench_service() {
  local store=$1 redis_url=""
  local jar=${SERVICE_JAR:-$BENCH_JAR}
  [[ -f $jar ]] || { echo "no $BENCH_JAR: build it with: mvn -B -q -pl decision-service -am package -DskipTests" >&2; exit 2; }
  [[ $store == redis ]] && redis_url=$REDIS_URL_LOCAL
  PORT=$(bench_free_port)
  BASE="http://$BENCH_HOST:$PORT"
  API_KEY=${API_KEY:-"bench-$(head -c 24 /dev/urandom | od -An -tx1 | tr -d ' \n')"}
  export API_KEY
  local data="$BENCH_WORK/data-$PORT"
  mkdir -p "$data"
  SERVICE_LOG="$BENCH_WORK/service-$PORT.log"
  SERVICE_STARTED_NS=$(date +%s%N)
  # shellcheck disable=SC2086
  env -u REDIS_URL DECISIONING_BOOTSTRAP_ADMIN_KEY="$API_KEY" DECISIONING_SECRETS_DIR="$data/secrets" \
    DECISIONING_BOOTSTRAP_KEY_FILE="$data/admin.key" DATA_DIR="$data" \
    java ${JAVA_OPTS:--Xms1g -Xmx1g} ${EXTRA_JAVA_OPTS:-} -jar "$jar" --server.port="$PORT" \
    --server.address="$BENCH_HOST" --rules.dir="$BENCH_RULES" --rules.watch="${RULES_WATCH:-false}" \
    --rules.scenarios-dir="$BENCH_ROOT/rule-tests/scenarios" --decisioning.redis-url="$redis_url" \
    >"$SERVICE_LOG" 2>&1 &
  SERVICE_PID=$!
  BENCH_PIDS+=("$SERVICE_PID")
}

# Waits (at most $1 seconds) for the readiness probe to say UP; READY_SECONDS: from the java
# process start to the first UP, polled every 50 ms; READY_CPU: CPU seconds the JVM used until then.
bench_ready() {
  local limit=${1:-120} deadline now
  deadline=$(($(date +%s) + limit))
  while true; do
    if curl -s -m 1 "$BASE/actuator/health/readiness" 2>/dev/null | grep -q '"status":"UP"'; then
      now=$(date +%s%N)
      READY_SECONDS=$(awk -v a="$SERVICE_STARTED_NS" -v b="$now" 'BEGIN { printf "%.2f", (b - a) / 1e9 }')
      # CPU the JVM spent to get there (user + system, all threads): hardly moved by other load.
      READY_CPU=$(bench_cpu "$SERVICE_PID")
      return 0
    fi
    if ! kill -0 "$SERVICE_PID" 2>/dev/null; then echo "the service exited:" >&2; tail -40 "$SERVICE_LOG" >&2; exit 1; fi
    if [[ $(date +%s) -ge $deadline ]]; then echo "not ready after $limit s" >&2; tail -40 "$SERVICE_LOG" >&2; exit 1; fi
    sleep 0.05
  done
}

# Stops the service started last (its pid stays in BENCH_PIDS; killing a dead pid is harmless).
bench_stop_service() {
  if kill -0 "$SERVICE_PID" 2>/dev/null; then
    kill "$SERVICE_PID" 2>/dev/null || true
    for _ in $(seq 1 100); do kill -0 "$SERVICE_PID" 2>/dev/null || break; sleep 0.2; done
    kill -9 "$SERVICE_PID" 2>/dev/null || true
  fi
}

# Heap in use now (MB), from the service's own metrics.
bench_heap_mb() {
  curl -s -m 5 -H "X-Api-Key: $API_KEY" "$BASE/actuator/prometheus" 2>/dev/null |
    awk '/^jvm_memory_used_bytes\{.*area="heap"/ { s += $NF } END { if (s) printf "%.0f", s / 1048576; else printf "?" }'
}

# CPU seconds (user + system, all threads) a process has used so far.
bench_cpu() {
  awk -v hz="$(getconf CLK_TCK)" '{ printf "%.2f", ($14 + $15) / hz }' "/proc/$1/stat" 2>/dev/null || echo 0
}
