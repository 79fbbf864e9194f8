#!/usr/bin/env bash
# The collector-scale ratios of issue 12 in ONE run, loopback only, bounded in time (BENCHMARKS.md
# section 8). Anyone can run it: it needs the jar, wrk, java, redis-server, redis-benchmark, curl.
#
#   bench/scale.sh
#   DURATION=10 WARMUP=5 bench/scale.sh        # shorter
#
# Starts its own redis-server on a free port and the jar on it (bench/lib.sh), then, against that
# one server:
#   1. start to ready (java process start to /actuator/health/readiness UP), this start;
#   2. Redis floor: redis-benchmark PING and EVALSHA round trips (1 and 32 connections);
#   3. wrk, 32 connections, saturated, DURATION s each: /actuator/health/liveness (no key: health is
#      public), CHECK (one seeded consumer, bench/seed.sh; the call at 10:00 local, http-load.lua
#      LOAD_MIX=check) and RESERVE on distinct consumers (LOAD_MIX=reserve);
#   4. a fixed RATE req/s for DURATION s (bench/RateClient.java, open loop on 16 keep-alive
#      connections, latency from the instant each request was due): liveness, then CHECK;
# and prints CHECK and RESERVE decisions/s ÷ liveness requests/s, the CHECK p99 vs liveness p99 at the
# fixed rate, the start time and the Redis floor, with command, load average, date and commit.
# Bounded: 120 s for the start, each load step under `timeout`; about 60 + WARMUP + 5 x DURATION s.
#
# Environment: DURATION=15 WARMUP=10 RATE=2000 CONNECTIONS=32 JAVA_OPTS="-Xms1g -Xmx1g"
set -euo pipefail
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/seed.sh"

DURATION=${DURATION:-15}
WARMUP=${WARMUP:-10}
RATE=${RATE:-2000}
CONNECTIONS=${CONNECTIONS:-32}
[[ $DURATION =~ ^[0-9]+$ && $DURATION -ge 3 && $DURATION -le 120 ]] || { echo "DURATION must be 3..120 s" >&2; exit 2; }
[[ $WARMUP =~ ^[0-9]+$ && $WARMUP -le 120 ]] || { echo "WARMUP must be 0..120 s" >&2; exit 2; }
[[ $RATE =~ ^[0-9]+$ && $RATE -ge 1 && $RATE -le 20000 ]] || { echo "RATE must be 1..20000" >&2; exit 2; }
[[ $CONNECTIONS =~ ^[0-9]+$ && $CONNECTIONS -ge 1 && $CONNECTIONS -le 256 ]] || { echo "CONNECTIONS must be 1..256" >&2; exit 2; }
for tool in wrk java redis-benchmark curl; do command -v $tool >/dev/null || { echo "$tool is not installed" >&2; exit 2; }; done
LUA="$BENCH_ROOT/bench/http-load.lua"
RUN=$(date +%s)-$$
CONSUMER="c-scale-$RUN"

bench_header "$0 (DURATION=$DURATION WARMUP=$WARMUP RATE=$RATE CONNECTIONS=$CONNECTIONS)"
bench_redis
bench_service redis
bench_ready 120
START_S=$READY_SECONDS
echo "# service on $BASE (Redis $REDIS_URL_LOCAL), ready after $START_S s"

# --- Redis floor ------------------------------------------------------------------------------------
SHA=$(redis-cli -p "$REDIS_PORT" script load "return redis.call('get', KEYS[1])")
floor() { # label connections args...
  local label=$1 c=$2; shift 2
  redis-benchmark -h 127.0.0.1 -p "$REDIS_PORT" -c "$c" -n $((c == 1 ? 20000 : 100000)) --csv "$@" 2>/dev/null |
    awk -F'"' -v l="$label" -v c="$c" 'NR > 1 && $2 !~ /INLINE/ { printf "FLOOR label=%s connections=%s rps=%.0f p50_ms=%s p99_ms=%s\n", l, c, $4, $10, $14; exit }'
}
FLOORS=$(
  floor ping 1 -t ping
  floor evalsha 1 evalsha "$SHA" 1 k
  floor ping "$CONNECTIONS" -t ping
  floor evalsha "$CONNECTIONS" evalsha "$SHA" 1 k
)
echo "$FLOORS"

# --- seed, warm up ------------------------------------------------------------------------------------
bench_seed_consumer "$CONSUMER" "$RUN"
wrk_run() { # label mix seconds [path]
  LOAD_LABEL=$1 LOAD_MIX=$2 timeout $(($3 + 30)) wrk -t2 -c"$CONNECTIONS" -d"$3s" --timeout 5s -s "$LUA" \
    "$BASE${4:-/v1/decisions}" -- "$CONSUMER" "$RUN-$1" | grep '^RESULT' || true
}
if [[ $WARMUP -gt 0 ]]; then
  echo "# warm-up: ${WARMUP}s of the CHECK/RESERVE cycle (not reported)"
  wrk_run warmup cycle "$WARMUP" >/dev/null
fi

# --- saturated, 32 connections ----------------------------------------------------------------------
echo "# saturated, $CONNECTIONS connections, ${DURATION}s each (load $(bench_load))"
LIVE=$(wrk_run liveness liveness "$DURATION" /actuator/health/liveness); echo "$LIVE"
CHECK=$(wrk_run check check "$DURATION"); echo "$CHECK"
RESERVE=$(wrk_run reserve reserve "$DURATION"); echo "$RESERVE"

# --- a fixed rate -------------------------------------------------------------------------------------
echo "# fixed rate $RATE req/s, ${DURATION}s each (load $(bench_load))"
DAY=$(python3 -c 'import datetime as d; t=d.date.today(); print(t + d.timedelta(days=(2 - t.weekday()) % 7 or 7))')
BODY="$BENCH_WORK/check.json"
# The CHECK of http-load.lua's first body, on the seeded consumer.
printf '{"consumerId":"%s","debtIds":["d-load"],"channel":"CALL","destination":{"phone":"+16145550100","type":"MOBILE"},"mode":"CHECK","at":"2026-06-10T10:00:00-04:00"}' "$CONSUMER" >"$BODY"
rate_run() { # label url [body]
  timeout $((DURATION + 90)) java -Xmx256m "$BENCH_ROOT/bench/RateClient.java" "$2" "$RATE" "$DURATION" ${3:+"$3"} |
    sed "s/label=rate[0-9]*/label=$1/" | grep '^RESULT' || true
}
LIVE_RATE=$(API_KEY= rate_run liveness-rate "$BASE/actuator/health/liveness"); echo "$LIVE_RATE"
CHECK_RATE=$(rate_run check-rate "$BASE/v1/decisions" "$BODY"); echo "$CHECK_RATE"
LOAD_END=$(bench_load)
HEAP=$(bench_heap_mb)

python3 - "$LIVE" "$CHECK" "$RESERVE" "$LIVE_RATE" "$CHECK_RATE" "$START_S" "$FLOORS" "$RATE" "$CONNECTIONS" "$LOAD_END" "$HEAP" <<'PY'
import sys
live, check, reserve, live_rate, check_rate, start, floors, rate, conns, load, heap = sys.argv[1:]
def kv(line):
    return dict(x.split("=", 1) for x in line.split()[1:]) if line.startswith("RESULT") or line.startswith("FLOOR") else {}
L, C, R, LR, CR = map(kv, (live, check, reserve, live_rate, check_rate))
def errs(d):
    return sum(int(d.get(k, 0)) for k in ("non2xx", "connect_err", "read_err", "write_err", "timeouts", "errors"))
def ratio(a, b):
    try:
        return "%.2f" % (float(a["rps"]) / float(b["rps"]))
    except (KeyError, ValueError, ZeroDivisionError):
        return "?"
ms = lambda d, k: "%.2f" % (int(d[k]) / 1000) if k in d else "?"
print()
print("| measure (one run, same server) | value | floor / reference | ratio | goal |")
print("|---|---:|---:|---:|---|")
print("| CHECK on Redis, %s connections, saturated: decisions/s | %s | liveness %s req/s | %s | ≥ 0.5 |" % (conns, C.get("rps", "?"), L.get("rps", "?"), ratio(C, L)))
print("| RESERVE on Redis (distinct consumers), same | %s | liveness %s req/s | %s | ≥ 0.5 |" % (R.get("rps", "?"), L.get("rps", "?"), ratio(R, L)))
p99c, p99l = ms(CR, "p99_us"), ms(LR, "p99_us")
try:
    rr = "%.1f×" % (float(p99c) / float(p99l))
except (ValueError, ZeroDivisionError):
    rr = "?"
print("| CHECK at a fixed %s req/s: p99 ms (p50 %s) | %s | liveness p99 %s ms (p50 %s) | %s | ≤ 5 ms and ≤ 2× |" % (rate, ms(CR, "p50_us"), p99c, p99l, ms(LR, "p50_us"), rr))
print("| start to ready (jar, Redis), this start | %s s | | | ≤ 10 s |" % start)
for line in floors.splitlines():
    f = kv(line)
    if f:
        print("| Redis %s round trip, %s connection(s): p50 ms (req/s) | %s (%s) | | | floor |" % (f["label"].upper(), f["connections"], f["p50_ms"], f["rps"]))
print("| saturated p99 ms: liveness / CHECK / RESERVE | %s / %s / %s | | | |" % (ms(L, "p99_us"), ms(C, "p99_us"), ms(R, "p99_us")))
print("| errors (non-2xx, socket, timeouts): liveness / CHECK / RESERVE / at rate | %d / %d / %d / %d+%d | | | 0 |" % (errs(L), errs(C), errs(R), errs(LR), errs(CR)))
print("| heap used at the end (MB); load average at the end | %s; %s | | | |" % (heap, load))
PY
