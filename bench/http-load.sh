#!/usr/bin/env bash
# HTTP load for POST /v1/decisions against 127.0.0.1 only (BENCHMARKS.md).
#
#   bench/http-load.sh                      # starts decision-service/target/decision-service.jar itself
#   PORT=8080 START=0 bench/http-load.sh    # drives a service already listening on 127.0.0.1:8080
#
# Environment (all optional):
#   PORT=18089          loopback port (the jar is started on it unless START=0)
#   START=auto          auto: start the jar unless something already answers on PORT; 1: always; 0: never
#   JAR=decision-service/target/decision-service.jar   RULES_DIR=rules (both relative to the repo root)
#   JAVA_OPTS="-Xms1g -Xmx1g"   extra JVM options for the started jar
#   CONCURRENCY="1 8 32"  DURATION=20 (seconds per level)  WARMUP=10 (seconds, not reported)
#   OUT=file            also append the result lines to this file
#   API_KEY=...         the key to send (X-Api-Key); default: a throwaway admin key for a jar started
#                       here, else the key in data/bootstrap-admin.key
# Starts nothing but (optionally) the jar, stops what it started, and every step is bounded in time:
# at most WARMUP + levels x DURATION seconds of load plus 120 s for the jar to come up.
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/.." && pwd)
HOST=127.0.0.1                     # fixed: this script never targets anything but loopback
PORT=${PORT:-18089}
START=${START:-auto}
JAR=${JAR:-$ROOT/decision-service/target/decision-service.jar}
RULES_DIR=${RULES_DIR:-$ROOT/rules}
JAVA_OPTS=${JAVA_OPTS:--Xms1g -Xmx1g}
CONCURRENCY=${CONCURRENCY:-1 8 32}
DURATION=${DURATION:-20}
WARMUP=${WARMUP:-10}
OUT=${OUT:-}
BASE="http://$HOST:$PORT"
RUN=$(date +%s)-$$
CONSUMER="c-load-$RUN"
SERVER_PID=""
LOG=$(mktemp -t decision-service-load.XXXXXX.log)
SECRETS=$(mktemp -d -t decision-service-secrets.XXXXXX)
if [[ -z ${API_KEY:-} && $START != 0 ]] && ! curl -s -m 2 "$BASE/actuator/health" 2>/dev/null | grep -q '"status":"UP"'; then
  API_KEY="bench-$(head -c 24 /dev/urandom | od -An -tx1 | tr -d ' \n')"   # for the jar started below
fi
if [[ -z ${API_KEY:-} && -f $ROOT/data/bootstrap-admin.key ]]; then API_KEY=$(cat "$ROOT/data/bootstrap-admin.key"); fi
[[ -n ${API_KEY:-} ]] || { echo "set API_KEY to a key of the running service (README \"Security\")" >&2; exit 2; }
export API_KEY

[[ $PORT =~ ^[0-9]+$ ]] || { echo "PORT must be a number" >&2; exit 2; }
[[ $DURATION =~ ^[0-9]+$ && $DURATION -le 300 ]] || { echo "DURATION must be 1..300 s" >&2; exit 2; }
[[ $WARMUP =~ ^[0-9]+$ && $WARMUP -le 120 ]] || { echo "WARMUP must be 0..120 s" >&2; exit 2; }
for c in $CONCURRENCY; do [[ $c =~ ^[0-9]+$ && $c -ge 1 && $c -le 256 ]] || { echo "bad concurrency $c" >&2; exit 2; }; done

cleanup() {
  if [[ -n $SERVER_PID ]] && kill -0 "$SERVER_PID" 2>/dev/null; then
    kill "$SERVER_PID" 2>/dev/null || true
    for _ in $(seq 1 50); do kill -0 "$SERVER_PID" 2>/dev/null || break; sleep 0.2; done
    kill -9 "$SERVER_PID" 2>/dev/null || true
  fi
  rm -rf "$SECRETS"
}
trap cleanup EXIT INT TERM

health() { curl -s -m 2 "$BASE/actuator/health" 2>/dev/null | grep -q '"status":"UP"'; }

if [[ $START == 1 || ( $START == auto ) ]] && ! health; then
  [[ -f $JAR ]] || { echo "no $JAR: build it with: mvn -B -q -pl decision-service -am package -DskipTests" >&2; exit 2; }
  echo "# starting $JAR on $HOST:$PORT (log $LOG)"
  # In-memory stores (REDIS_URL unset), the repo's rules, loopback only.
  # shellcheck disable=SC2086
  env -u REDIS_URL DECISIONING_BOOTSTRAP_ADMIN_KEY="$API_KEY" DECISIONING_SECRETS_DIR="$SECRETS" \
    DECISIONING_BOOTSTRAP_KEY_FILE="$SECRETS/admin.key" java $JAVA_OPTS -jar "$JAR" --server.port="$PORT" --server.address="$HOST" \
    --rules.dir="$RULES_DIR" --decisioning.redis-url= >"$LOG" 2>&1 &
  SERVER_PID=$!
fi

echo -n "# waiting for $BASE/actuator/health "
for i in $(seq 1 240); do
  if health; then echo " UP after $((i / 2)) s"; break; fi
  if [[ -n $SERVER_PID ]] && ! kill -0 "$SERVER_PID" 2>/dev/null; then echo; echo "the service exited:" >&2; tail -40 "$LOG" >&2; exit 1; fi
  [[ $i == 240 ]] && { echo; echo "not UP after 120 s" >&2; tail -40 "$LOG" >&2; exit 1; }
  echo -n .; sleep 0.5
done

# --- seed: one consumer with a profile, a debt, an SMS consent and ten past events (bench/seed.sh) ---
. "$ROOT/bench/seed.sh"
bench_seed_consumer "$CONSUMER" "$RUN"

# --- what each request of the cycle decides (one of each, by curl) --------------------------------
LUA="$ROOT/bench/http-load.lua"
probe() {
  curl -sS -m 5 -H "X-Api-Key: $API_KEY" -H 'Content-Type: application/json' --data "$2" "$BASE/v1/decisions" |
    python3 -c 'import json,sys; d=json.load(sys.stdin); print("# %-12s -> %s %s next=%s zones=%s reserved=%s" % (sys.argv[1], d.get("outcome"), [r["code"] for r in d.get("reasons",[])], d.get("nextEligibleAt"), d.get("timeZones"), d.get("reserved")))' "$1"
}
CALL='"debtIds":["d-load"],"channel":"CALL","destination":{"phone":"+16145550100","type":"MOBILE"}'
probe CHECK_ALLOW '{"consumerId":"'"$CONSUMER"'",'"$CALL"',"mode":"CHECK","at":"2026-06-10T10:00:00-04:00"}'
probe CHECK_0759 '{"consumerId":"'"$CONSUMER"'",'"$CALL"',"mode":"CHECK","at":"2026-06-10T07:59:00-04:00"}'
probe CHECK_SMS '{"consumerId":"'"$CONSUMER"'","debtIds":["d-load"],"channel":"SMS","destination":{"phone":"+16145550100","type":"MOBILE"},"mode":"CHECK","message":{"text":"Northwind Recovery: this is a communication from a debt collector about your account. Call 800-555-0100. Reply STOP to opt out."},"at":"2026-06-10T14:00:00-04:00"}'
probe RESERVE_NEW '{"consumerId":"c-probe-'"$RUN"'",'"$CALL"',"consumer":{"addresses":[{"country":"US","state":"OH","postalCode":"43215"}]},"mode":"RESERVE","at":"2026-06-10T10:00:00-04:00"}'
RULES=$(curl -s -m 5 -H "X-Api-Key: $API_KEY" "$BASE/v1/rules" | python3 -c 'import json,sys; d=json.load(sys.stdin); print("ruleCount=%s version=%s" % (d.get("ruleCount"), str(d.get("version"))[:19]))' 2>/dev/null || echo "ruleCount=?")
echo "# rules: $RULES"

heap_mb() {
  curl -s -m 5 -H "X-Api-Key: $API_KEY" "$BASE/actuator/prometheus" 2>/dev/null |
    awk '/^jvm_memory_used_bytes\{.*area="heap"/ { s += $NF } END { if (s) printf "%.0f", s / 1048576; else printf "?" }'
}

# --- load -------------------------------------------------------------------------------------------
results=()
run_wrk() { # label concurrency seconds
  local c=$2 t=$(( $2 < 2 ? 1 : 2 ))   # wrk threads: the machine has 2 cores, shared with the service
  LOAD_LABEL=$1 timeout $(( $3 + 30 )) wrk -t"$t" -c"$c" -d"$3s" --timeout 5s -s "$LUA" "$BASE/v1/decisions" -- "$CONSUMER" "$RUN-$1" "$1" |
    grep '^RESULT' || true
}
run_py() { # label concurrency seconds: the fallback when wrk is not installed
  timeout $(( $3 + 30 )) python3 - "$BASE" "$CONSUMER" "$RUN-$1" "$1" "$2" "$3" <<'PY'
import http.client, json, sys, threading, time
base, consumer, run, label, conc, secs = sys.argv[1], sys.argv[2], sys.argv[3], sys.argv[4], int(sys.argv[5]), float(sys.argv[6])
host, port = base.split("//")[1].split(":"); port = int(port)
import os; key = os.environ["API_KEY"]
assert host == "127.0.0.1"
call = '"debtIds":["d-load"],"channel":"CALL","destination":{"phone":"+16145550100","type":"MOBILE"}'
fixed = ['{"consumerId":"%s",%s,"mode":"CHECK","at":"2026-06-10T10:00:00-04:00"}' % (consumer, call),
         '{"consumerId":"%s",%s,"mode":"CHECK","at":"2026-06-10T07:59:00-04:00"}' % (consumer, call),
         '{"consumerId":"%s","debtIds":["d-load"],"channel":"SMS","destination":{"phone":"+16145550100","type":"MOBILE"},"mode":"CHECK","message":{"text":"Northwind Recovery: this is a communication from a debt collector about your account. Call 800-555-0100. Reply STOP to opt out."},"at":"2026-06-10T14:00:00-04:00"}' % consumer]
lat, errs, lock = [], [0], threading.Lock()
deadline = time.monotonic() + secs
def worker(tid):
    conn, n, mine, bad = http.client.HTTPConnection(host, port, timeout=5), 0, [], 0
    while time.monotonic() < deadline:
        n += 1
        body = fixed[n % 4 - 1] if n % 4 else '{"consumerId":"c-rsv-%s-%d-%d",%s,"consumer":{"addresses":[{"country":"US","state":"OH","postalCode":"43215"}]},"mode":"RESERVE","at":"2026-06-10T10:00:00-04:00"}' % (run, tid, n, call)
        t0 = time.perf_counter()
        try:
            conn.request("POST", "/v1/decisions", body, {"Content-Type": "application/json", "X-Api-Key": key})
            r = conn.getresponse(); r.read()
            if r.status // 100 != 2: bad += 1
        except Exception:
            bad += 1; conn.close(); conn = http.client.HTTPConnection(host, port, timeout=5)
        mine.append((time.perf_counter() - t0) * 1e6)
    with lock:
        lat.extend(mine); errs[0] += bad
start = time.monotonic()
ts = [threading.Thread(target=worker, args=(i,)) for i in range(conc)]
[t.start() for t in ts]; [t.join() for t in ts]
el = time.monotonic() - start
lat.sort()
pct = lambda p: int(lat[min(len(lat) - 1, int(len(lat) * p / 100))]) if lat else 0
print("RESULT label=%s requests=%d seconds=%.1f rps=%.0f p50_us=%d p90_us=%d p99_us=%d p999_us=%d max_us=%d mean_us=%.0f non2xx=%d connect_err=0 read_err=0 write_err=0 timeouts=0"
      % (label, len(lat), el, len(lat) / el, pct(50), pct(90), pct(99), pct(99.9), int(lat[-1]) if lat else 0, sum(lat) / max(1, len(lat)), errs[0]))
PY
}
if command -v wrk >/dev/null; then DRIVER=run_wrk; echo "# driver: $(wrk -v 2>&1 | head -1)"; else DRIVER=run_py; echo "# driver: python3 threads (install wrk for better numbers)"; fi

if [[ $WARMUP -gt 0 ]]; then
  echo "# warm-up: ${WARMUP}s at concurrency 8 (not reported)"
  $DRIVER warmup 8 "$WARMUP" >/dev/null
fi
for c in $CONCURRENCY; do
  echo "# concurrency $c for ${DURATION}s ..."
  line=$($DRIVER "c$c" "$c" "$DURATION")
  [[ -n $line ]] || { echo "no result for concurrency $c" >&2; exit 1; }
  line="$line heap_used_mb=$(heap_mb)"
  echo "$line"
  results+=("$c $line")
done

echo
echo "| concurrency | requests | req/s | p50 ms | p90 ms | p99 ms | p99.9 ms | max ms | non-2xx / errors | heap used after (MB) |"
echo "|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|"
for r in "${results[@]}"; do
  c=${r%% *}
  python3 - "$c" "${r#* }" <<'PY'
import sys
c, kv = sys.argv[1], dict(x.split("=", 1) for x in sys.argv[2].split()[1:])
ms = lambda k: "%.2f" % (int(kv[k]) / 1000)
errs = int(kv["non2xx"]) + sum(int(kv[k]) for k in ("connect_err", "read_err", "write_err", "timeouts"))
print("| %s | %s | %s | %s | %s | %s | %s | %s | %d | %s |" % (c, kv["requests"], kv["rps"], ms("p50_us"), ms("p90_us"),
      ms("p99_us"), ms("p999_us"), ms("max_us"), errs, kv["heap_used_mb"]))
PY
done
if [[ -n $OUT ]]; then printf '%s\n' "${results[@]}" >>"$OUT"; fi
