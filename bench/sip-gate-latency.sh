#!/usr/bin/env bash
# What the SIP gate's decision check adds to INVITE -> 200, on 127.0.0.1 only (BENCHMARKS.md section 6).
#
#   bench/sip-gate-latency.sh
#
# In one run it starts, each on a loopback port and stopped again at the end:
#   - a redis-server of its own (no persistence, in a temporary directory),
#   - decision-service/target/decision-service.jar on that Redis,
#   - a sipp carrier (integrations/kamailio/test/carrier.xml) answering every INVITE with 200 at once,
#   - two kamailio from integrations/kamailio/kamailio.cfg in front of it: the gate, which asks the
#     service before relaying, and the same proxy started with -A BENCH_WITHOUT_DECISION_CHECK, which
#     relays without asking.
# After a warm-up through the gate (not reported), for each rate it places RATE calls/s for DURATION s
# through the proxy without the check and as long through the gate, taking turns in ROUNDS blocks, with sipp
# (integrations/kamailio/test/dialler-call.xml, each call a consumer and a debt of its own so no cap
# is reached), and prints the median and p99 of INVITE -> 200 for both and their difference.
# Latency is that of the calls answered 200; calls answered otherwise (a 503 is the service failing
# closed) or not at all are counted in the table. The number called is one in its day time now, so permitted hours never
# refuse it.
#
# Environment (all optional):
#   RATES="50 100"   calls per second      DURATION=20 (s per rate and proxy)   WARMUP=20 (s at 50/s)
#   ROUNDS=2         turns each proxy takes per rate (DURATION/ROUNDS s each)
#   JAR=decision-service/target/decision-service.jar   RULES_DIR=rules   (relative to the repo root)
#   JAVA_OPTS="-Xms1g -Xmx1g"   BASE_PORT=25060 (UDP BASE_PORT..BASE_PORT+6, TCP BASE_PORT+1000 and +1001)
#   KEEP=0   1 keeps the raw sipp logs in bench/results/sip-gate-<utc>/ (not committed)
# Bounded: at most 120 s for the service to come up, then WARMUP + 2 x RATES x DURATION s of calls,
# each sipp run also under `timeout`.
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/.." && pwd)
HOST=127.0.0.1                     # fixed: this script never targets anything but loopback
RATES=${RATES:-50 100}
DURATION=${DURATION:-20}
ROUNDS=${ROUNDS:-2}
WARMUP=${WARMUP:-20}
JAR=${JAR:-$ROOT/decision-service/target/decision-service.jar}
RULES_DIR=${RULES_DIR:-$ROOT/rules}
JAVA_OPTS=${JAVA_OPTS:--Xms1g -Xmx1g}
BASE_PORT=${BASE_PORT:-25060}
KEEP=${KEEP:-0}
K=$ROOT/integrations/kamailio
PATH="$PATH:/usr/sbin:/sbin"

[[ $DURATION =~ ^[0-9]+$ && $DURATION -ge 1 && $DURATION -le 120 ]] || { echo "DURATION must be 1..120 s" >&2; exit 2; }
[[ $WARMUP =~ ^[0-9]+$ && $WARMUP -le 120 ]] || { echo "WARMUP must be 0..120 s" >&2; exit 2; }
[[ $ROUNDS =~ ^[0-9]+$ && $ROUNDS -ge 1 && $((DURATION % ROUNDS)) == 0 ]] || { echo "ROUNDS must divide DURATION" >&2; exit 2; }
for r in $RATES; do [[ $r =~ ^[0-9]+$ && $r -ge 1 && $r -le 500 ]] || { echo "bad rate $r (1..500)" >&2; exit 2; }; done
[[ $BASE_PORT =~ ^[0-9]+$ && $BASE_PORT -ge 1024 && $BASE_PORT -le 60000 ]] || { echo "bad BASE_PORT" >&2; exit 2; }
for b in kamailio sipp redis-server java curl; do
  command -v $b >/dev/null || { echo "$b not found (apt-get install kamailio kamailio-utils-modules kamailio-extra-modules sip-tester redis-server)" >&2; exit 2; }
done
[[ -f $JAR ]] || { echo "no $JAR: build it with: mvn -B -ntp -q -DskipTests package" >&2; exit 2; }

GATE_PORT=$BASE_PORT; PLAIN_PORT=$((BASE_PORT + 2)); CARRIER_PORT=$((BASE_PORT + 4)); UAC_PORT=$((BASE_PORT + 6))
HTTP_PORT=$((BASE_PORT + 1000)); REDIS_PORT=$((BASE_PORT + 1001))
for p in $GATE_PORT $PLAIN_PORT $CARRIER_PORT $UAC_PORT; do
  [[ -z $(ss -Hlun "sport = :$p") ]] || { echo "udp port $p is in use: set BASE_PORT" >&2; exit 2; }
done
for p in $HTTP_PORT $REDIS_PORT; do
  [[ -z $(ss -Hltn "sport = :$p") ]] || { echo "tcp port $p is in use: set BASE_PORT" >&2; exit 2; }
done

WORK=$(mktemp -d -t sip-gate-bench.XXXXXX)
STAMP=$(date -u +%Y%m%dT%H%M%SZ)
API_KEY="bench-$(od -An -N16 -tx1 /dev/urandom | tr -d ' \n')"   # a key for this run only
PIDS=()
cleanup() {
  local i
  for ((i = ${#PIDS[@]} - 1; i >= 0; i--)); do
    kill "${PIDS[i]}" 2>/dev/null || true
  done
  for ((i = ${#PIDS[@]} - 1; i >= 0; i--)); do
    for _ in $(seq 1 50); do kill -0 "${PIDS[i]}" 2>/dev/null || break; sleep 0.1; done
    kill -9 "${PIDS[i]}" 2>/dev/null || true
  done
  if [[ $KEEP == 1 ]]; then
    mkdir -p "$ROOT/bench/results/sip-gate-$STAMP" && cp -r "$WORK"/. "$ROOT/bench/results/sip-gate-$STAMP/"
    echo "# raw logs in bench/results/sip-gate-$STAMP/"
  fi
  rm -rf "$WORK"
}
trap cleanup EXIT INT TERM

echo "# $(date -u '+%Y-%m-%d %H:%M:%S UTC'); git $(git -C "$ROOT" rev-parse --short HEAD)$(git -C "$ROOT" diff --quiet HEAD -- integrations bench || echo ' (uncommitted changes)')"
echo "# load before: $(uptime)"
echo "# $(kamailio -v 2>&1 | sed -n 1p); $({ sipp -v 2>&1 || true; } | sed -n '/SIPp v/p' | tr -s ' '); $(redis-server --version | cut -d' ' -f1-3); java $(java -version 2>&1 | sed -n 1p)"

# --- Redis, the service, the collector ------------------------------------------------------------
redis-server --port "$REDIS_PORT" --bind $HOST --save "" --appendonly no --daemonize no --dir "$WORK" >"$WORK/redis.log" 2>&1 &
PIDS+=($!)
# shellcheck disable=SC2086
DECISIONING_BOOTSTRAP_ADMIN_KEY=$API_KEY java $JAVA_OPTS -jar "$JAR" --server.port="$HTTP_PORT" --server.address=$HOST \
  --rules.dir="$RULES_DIR" --rules.watch=false --decisioning.redis-url="redis://$HOST:$REDIS_PORT" >"$WORK/service.log" 2>&1 &
PIDS+=($!)
BASE="http://$HOST:$HTTP_PORT"
echo -n "# waiting for the service "
for i in $(seq 1 240); do
  if curl -s -m 2 "$BASE/actuator/health/readiness" 2>/dev/null | grep -q '"status":"UP"'; then echo " UP after $((i / 2)) s"; break; fi
  [[ $i == 240 ]] && { echo; echo "not UP after 120 s" >&2; tail -40 "$WORK/service.log" >&2; exit 1; }
  echo -n .; sleep 0.5
done
code=$(curl -sS -m 5 -o /dev/null -w '%{http_code}' -X PUT "$BASE/v1/collectors/bench-collector" -H "X-Api-Key: $API_KEY" \
  -H 'Content-Type: application/json' --data '{"legalName":"Bench Recovery LLC","type":"DEBT_COLLECTOR"}')
[[ $code == 200 || $code == 201 ]] || { echo "PUT collector answered $code" >&2; exit 1; }

# --- carrier and the two proxies --------------------------------------------------------------------
sipp -sf "$K/test/carrier.xml" -i $HOST -p "$CARRIER_PORT" -nostdin -timeout 900s >"$WORK/carrier.out" 2>&1 &
PIDS+=($!)
start_kamailio() { # name port extra-args...
  local name=$1 port=$2; shift 2
  mkdir -p "$WORK/$name"
  GATE_LISTEN="udp:$HOST:$port" GATE_NEXT_HOP="sip:$HOST:$CARRIER_PORT" DECISION_URL="$BASE/v1/decisions" \
    DECISION_API_KEY="$API_KEY" kamailio -DD -E -f "$K/kamailio.cfg" -Y "$WORK/$name" -P "$WORK/$name/kamailio.pid" "$@" \
    >"$WORK/$name/kamailio.log" 2>&1 &
  PIDS+=($!)
}
start_kamailio gate "$GATE_PORT"
start_kamailio plain "$PLAIN_PORT" -A BENCH_WITHOUT_DECISION_CHECK
sleep 2
for name in gate plain; do
  grep -q "Listening on" "$WORK/$name/kamailio.log" || { echo "kamailio ($name) did not start:" >&2; cat "$WORK/$name/kamailio.log" >&2; exit 1; }
done

# A number in its day time now (09:00-20:00 local), as SipGateIntegrationTests picks it.
PHONE=""
for c in "+13125550100 America/Chicago" "+14155550100 America/Los_Angeles" "+18085550100 Pacific/Honolulu" \
         "+442079460000 Europe/London" "+81312345678 Asia/Tokyo"; do
  read -r number zone <<<"$c"
  hour=$(TZ=$zone date +%-H)
  if ((hour >= 9 && hour < 20)); then PHONE=$number; break; fi
done
echo "# calling $PHONE"

# Each call a consumer and a debt of its own: the scenario's [consumer] and [debts] get the call number.
sed -e 's/X-Consumer-Id: \[consumer\]/X-Consumer-Id: [consumer]-[call_number]/' \
    -e 's/X-Debt-Ids: \[debts\]/X-Debt-Ids: [debts]-[call_number]/' "$K/test/dialler-call.xml" >"$WORK/bench-call.xml"

run_calls() { # label port rate seconds
  local label=$1 port=$2 rate=$3 seconds=$4 calls=$(($3 * $4))
  timeout $((seconds + 60)) sipp "$HOST:$port" -sf "$WORK/bench-call.xml" -i $HOST -p "$UAC_PORT" -s "$PHONE" \
    -key consumer "c-$label-$STAMP" -key debts "d-$label-$STAMP" -key collector bench-collector -key dialmode "" -key linetype "" \
    -r "$rate" -m "$calls" -l $((rate * 10)) -nostdin -trace_logs -log_file "$WORK/$label.log" -timeout $((seconds + 30))s \
    -timeout_error >"$WORK/$label.out" 2>&1 || {
    # 1: some calls failed (counted below from the log); anything else: sipp itself failed.
    local rc=$?
    [[ $rc == 1 ]] || { echo "sipp $label failed ($rc):" >&2; tail -30 "$WORK/$label.out" >&2; exit 1; }
  }
}

# Latencies in microseconds of the 200s, sorted, in <label>.us. Counted in <label>.other: calls
# answered something else (a 503 is the service failing closed, e.g. Redis slower than its 50 ms
# budget on a saturated machine) and calls with no final answer at all (sipp gave up), both printed.
latencies() { # label expected-calls
  awk -F'|' -v want="$2" -v label="$1" -v other="$WORK/$1.other" '
    /^RESULT\|/ {
      n++
      split($0, f, "|"); for (i in f) { split(f[i], kv, "="); v[kv[1]] = kv[2] }
      if (v["status"] != "200") { bad[v["status"] v["error"] v["reason"]]++; nbad++; next }
      split(v["invite"], a, " "); split(v["final"], b, " ")
      printf "%d\n", (b[1] - a[1]) * 1000000 + (b[2] - a[2])
    }
    END {
      printf "%d %d\n", nbad, want - n > other
      for (k in bad) print "# " label ": " bad[k] " calls answered " k > "/dev/stderr"
      if (n != want) print "# " label ": " want - n " of " want " calls had no final answer" > "/dev/stderr"
      if (n == 0) exit 1
    }' "$WORK/$1.log" | sort -n >"$WORK/$1.us"
}

pct() { # file p -> value at the nearest-rank percentile, in ms
  awk -v p="$2" '{ a[NR] = $1 } END { r = int((p / 100) * NR); if (r < (p / 100) * NR) r++; if (r < 1) r = 1; printf "%.2f", a[r] / 1000 }' "$1"
}

if [[ $WARMUP -gt 0 ]]; then
  echo "# warm-up: $WARMUP s at 50 calls/s through the gate (not reported)"
  run_calls warmup "$GATE_PORT" 50 "$WARMUP"
  latencies warmup $((50 * WARMUP))
fi

# The two proxies take turns (ROUNDS blocks of DURATION/ROUNDS s each), so a change in what else
# the machine is doing falls on both rather than on one.
printf '\n%-8s %-18s %6s %6s %6s %9s %9s %9s %9s\n' "rate/s" "proxy" "200s" "other" "none" "p50 ms" "p90 ms" "p99 ms" "max ms"
declare -A P50 P99
for rate in $RATES; do
  for round in $(seq 1 "$ROUNDS"); do
    for proxy in plain gate; do
      port=$PLAIN_PORT; [[ $proxy == gate ]] && port=$GATE_PORT
      run_calls "$proxy-$rate-$round" "$port" "$rate" $((DURATION / ROUNDS))
      latencies "$proxy-$rate-$round" $((rate * (DURATION / ROUNDS)))
    done
  done
  for proxy in plain gate; do
    label="$proxy-$rate"
    sort -n "$WORK/$label"-*.us >"$WORK/$label.us"
    name="without the check"; [[ $proxy == gate ]] && name="with the check"
    P50[$label]=$(pct "$WORK/$label.us" 50); P99[$label]=$(pct "$WORK/$label.us" 99)
    printf '%-8s %-18s %6s %6s %6s %9s %9s %9s %9s\n' "$rate" "$name" "$(wc -l <"$WORK/$label.us")" \
      $(cat "$WORK/$label"-*.other | awk '{ o += $1; m += $2 } END { print o + 0, m + 0 }') "${P50[$label]}" \
      "$(pct "$WORK/$label.us" 90)" "${P99[$label]}" "$(pct "$WORK/$label.us" 100)"
  done
done
echo
for rate in $RATES; do
  echo "added by the check at $rate calls/s: median $(awk -v a="${P50[gate-$rate]}" -v b="${P50[plain-$rate]}" 'BEGIN { printf "%+.2f", a - b }') ms," \
    "p99 $(awk -v a="${P99[gate-$rate]}" -v b="${P99[plain-$rate]}" 'BEGIN { printf "%+.2f", a - b }') ms"
done
echo
echo "# load after: $(uptime)"
