#!/usr/bin/env bash
# How often a Redis timeout fails decisions closed at a fixed request rate (BENCHMARKS.md, "Redis
# timeout"). For each timeout it starts a private redis-server and the service on loopback, sends
# RATE RESERVE decisions per second (open loop: a late answer does not slow the sender) for DURATION
# seconds after a warm-up, and counts the answers that failed closed (503 or COUNTER_STORE_UNAVAILABLE).
#
#   bench/redis-timeout.sh                          # TIMEOUTS="50 100 150 250 500" RATE=100 DURATION=60
#   TIMEOUTS="50 250" RATE=50 bench/redis-timeout.sh
#
# Environment (all optional):
#   CP=...            the service's classpath; default: decision-service/target/classes plus the
#                     runtime classpath that `mvn dependency:build-classpath` writes to bench/results/cp.txt
#   TIMEOUTS="50 100 150 250 500"  milliseconds      RATE=100 (decisions/s)   DURATION=60   WARMUP=20 (s)
#   JAVA_OPTS="-Xms512m -Xmx512m"
# Loopback only; stops what it started; every step is bounded in time.
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/.." && pwd)
HOST=127.0.0.1
TIMEOUTS=${TIMEOUTS:-50 100 150 250 500}
RATE=${RATE:-100}
DURATION=${DURATION:-60}
WARMUP=${WARMUP:-20}
JAVA_OPTS=${JAVA_OPTS:--Xms512m -Xmx512m}
mkdir -p "$ROOT/bench/results"
if [[ -z ${CP:-} ]]; then
  if [[ ! -f $ROOT/bench/results/cp.txt ]]; then
    (cd "$ROOT" && mvn -B -ntp -q -o test-compile dependency:build-classpath -pl decision-service -am \
      -Dmdep.outputFile="$ROOT/bench/results/cp.txt" -Dmdep.includeScope=runtime)
  fi
  CP="$ROOT/decision-service/target/classes:$(cat "$ROOT/bench/results/cp.txt")"
fi
[[ $RATE =~ ^[0-9]+$ && $RATE -ge 1 && $RATE -le 1000 ]] || { echo "RATE must be 1..1000" >&2; exit 2; }
[[ $DURATION =~ ^[0-9]+$ && $DURATION -le 600 ]] || { echo "DURATION must be 1..600 s" >&2; exit 2; }

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'; }

REDIS_PID=""; SERVER_PID=""
cleanup() {
  for pid in $SERVER_PID $REDIS_PID; do
    if kill -0 "$pid" 2>/dev/null; then
      kill "$pid" 2>/dev/null || true
      for _ in $(seq 1 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.2; done
      kill -9 "$pid" 2>/dev/null || true
    fi
  done
  SERVER_PID=""; REDIS_PID=""
}
trap cleanup EXIT INT TERM

echo "# $(date -u +%Y-%m-%dT%H:%M:%SZ) $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg), rate $RATE/s, ${DURATION}s per timeout"
for t in $TIMEOUTS; do
  RPORT=$(free_port); PORT=$(free_port); LOG=$(mktemp -t redis-timeout.XXXXXX.log)
  redis-server --port "$RPORT" --bind 127.0.0.1 --save '' --appendonly no --daemonize no >/dev/null 2>&1 &
  REDIS_PID=$!
  # shellcheck disable=SC2086
  java $JAVA_OPTS -cp "$CP" com.contactdecision.Application --server.port="$PORT" --server.address="$HOST" \
    --rules.dir="$ROOT/rules" --rules.watch=false --rules.scenarios-dir="$ROOT/rule-tests/scenarios" \
    --decisioning.redis-url="redis://$HOST:$RPORT" --decisioning.redis-timeout="${t}ms" \
    --logging.level.decisions=WARN >"$LOG" 2>&1 &
  SERVER_PID=$!
  for i in $(seq 1 240); do
    curl -s -m 2 "http://$HOST:$PORT/actuator/health" 2>/dev/null | grep -q '"status":"UP"' && break
    kill -0 "$SERVER_PID" 2>/dev/null || { echo "the service exited:" >&2; tail -40 "$LOG" >&2; exit 1; }
    [[ $i == 240 ]] && { echo "not UP after 120 s" >&2; exit 1; }
    sleep 0.5
  done
  timeout $((WARMUP + DURATION + 90)) python3 - "$HOST" "$PORT" "$RATE" "$WARMUP" "$DURATION" "$t" <<'PY' || echo "# no result for ${t} ms: the driver did not finish in time"
import http.client, json, sys, threading, time, uuid, queue
host, port, rate, warmup, secs, t = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), float(sys.argv[4]), float(sys.argv[5]), sys.argv[6]
assert host == "127.0.0.1"
run = uuid.uuid4().hex[:8]
jobs = queue.Queue()
stats = {"n": 0, "closed": 0, "other": 0, "shed": 0, "lat": []}
lock = threading.Lock()
def worker():
    conn = http.client.HTTPConnection(host, port, timeout=10)
    while True:
        job = jobs.get()
        if job is None:
            return
        i, counted, due = job
        if time.monotonic() - due > 2.0:
            # The sender is open-loop: a request the client could not even send within 2 s of its
            # time (all connections busy) is shed and reported, not queued for ever.
            if counted:
                with lock: stats["shed"] += 1
            continue
        # A call as a SIP gate asks it: RESERVE, a fresh Call-ID, one of 5 000 consumers.
        body = json.dumps({"requestId": "call-%s-%d" % (run, i), "consumerId": "c-%s-%d" % (run, i % 5000),
            "debtIds": ["d-%d" % (i % 5000)], "channel": "CALL", "dialMode": "MANUAL",
            "destination": {"phone": "+1614555%04d" % (i % 5000), "type": "MOBILE"}, "mode": "RESERVE",
            "consumer": {"addresses": [{"country": "US", "state": "OH", "postalCode": "43215"}]},
            "at": "2026-06-10T14:00:00Z"})
        t0 = time.perf_counter()
        try:
            conn.request("POST", "/v1/decisions", body, {"Content-Type": "application/json"})
            r = conn.getresponse(); text = r.read()
            closed = r.status == 503 or b"COUNTER_STORE_UNAVAILABLE" in text
            other = not closed and r.status != 200
        except Exception:
            closed, other = False, True
            conn.close(); conn = http.client.HTTPConnection(host, port, timeout=10)
        if counted:
            with lock:
                stats["n"] += 1; stats["closed"] += closed; stats["other"] += other
                stats["lat"].append((time.perf_counter() - t0) * 1000)
threads = [threading.Thread(target=worker, daemon=True) for _ in range(64)]
[th.start() for th in threads]
start = time.monotonic(); i = 0
while True:
    due = start + i / rate
    now = time.monotonic()
    if due - start >= warmup + secs:
        break
    if due > now:
        time.sleep(due - now)
    jobs.put((i, due - start >= warmup, due)); i += 1
for _ in threads: jobs.put(None)
[th.join(timeout=15) for th in threads]
lat = sorted(stats["lat"]); p = lambda q: lat[min(len(lat) - 1, int(len(lat) * q))] if lat else 0
print("RESULT timeout_ms=%s rate=%d decisions=%d failed_closed=%d (%.3f %%) other_errors=%d shed_by_client=%d p50_ms=%.1f p99_ms=%.1f p999_ms=%.1f max_ms=%.1f"
      % (t, rate, stats["n"], stats["closed"], 100.0 * stats["closed"] / max(1, stats["n"]), stats["other"], stats["shed"], p(0.5), p(0.99), p(0.999), lat[-1] if lat else 0))
PY
  echo "#   load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
  cleanup
done
