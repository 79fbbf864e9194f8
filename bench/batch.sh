#!/usr/bin/env bash
# CHECK decisions through POST /v1/decisions:batch on Redis, loopback only (BENCHMARKS.md section 8).
#
#   bench/batch.sh                                    # 1 000 000 CHECKs: 100 batches of 10 000
#   BATCHES=10 CONSUMERS=20000 bench/batch.sh         # a smaller run on a busy machine
#
# Starts its own empty redis-server on a free port and the jar on it (bench/lib.sh), seeds CONSUMERS
# consumers with one reserved call each through the batch endpoint itself (RESERVE batches), then
# sends BATCHES batches of BATCH CHECKs over CONNECTIONS connections and prints the total seconds and
# decisions/s. The floor, measured in the same run on the same Redis with redis-benchmark: the Redis
# calls the run made (INFO commandstats before and after), as bare PINGs: the read script's EVALs
# pipelined as the service pipelines them (200 a pipeline), each EVALSHA (the audit record) as one
# round trip, over as many connections as the service has deciding threads (the cores). Also the
# CPU the service's JVM and redis-server used per decision (load hardly moves it).
# Bounded: the service's start (120 s), the seed and the run are each under `timeout`.
#
# Environment: CONSUMERS=100000 BATCH=10000 BATCHES=100 CONNECTIONS=2 JAVA_OPTS="-Xms1g -Xmx1g"
#              LIMIT=900 (seconds, the seed and the run each)
set -euo pipefail
. "$(dirname "$0")/lib.sh"

CONSUMERS=${CONSUMERS:-100000}
BATCH=${BATCH:-10000}
BATCHES=${BATCHES:-100}
CONNECTIONS=${CONNECTIONS:-2}
LIMIT=${LIMIT:-900}
for v in CONSUMERS BATCH BATCHES CONNECTIONS LIMIT; do [[ ${!v} =~ ^[0-9]+$ && ${!v} -ge 1 ]] || { echo "$v must be a positive number" >&2; exit 2; }; done
[[ $BATCH -le 10000 ]] || { echo "BATCH is at most 10000 (CONTRACT section 1)" >&2; exit 2; }
RUN=$(date +%s)
CLIENT=("$BENCH_ROOT/bench/batch-client.py")

bench_header "$0 (CONSUMERS=$CONSUMERS BATCH=$BATCH BATCHES=$BATCHES CONNECTIONS=$CONNECTIONS)"
bench_redis
bench_service redis
bench_ready 120
echo "# service on $BASE (Redis $REDIS_URL_LOCAL), ready after $READY_SECONDS s"

echo "# seeding $CONSUMERS consumers (one RESERVE each, in batches of $BATCH) ..."
BASE=$BASE timeout "$LIMIT" python3 "${CLIENT[@]}" seed --consumers "$CONSUMERS" --batch "$BATCH" --run "$RUN" --connections "$CONNECTIONS"

commandstats() { redis-cli -p "$REDIS_PORT" info commandstats | tr -d '\r' | sed -n 's/^cmdstat_\([a-z|]*\):calls=\([0-9]*\),.*/\1 \2/p'; }
commandstats >"$BENCH_WORK/before"

# Peak heap while the batches run, sampled every second from the service's metrics.
( while true; do echo "$(bench_heap_mb)"; sleep 1; done ) >"$BENCH_WORK/heap" 2>/dev/null &
SAMPLER=$!
BENCH_PIDS+=("$SAMPLER")
echo "# load average before the run: $(bench_load)"
CPU0=$(bench_cpu "$SERVICE_PID"); RCPU0=$(bench_cpu "$REDIS_PID")
RESULT=$(BASE=$BASE timeout "$LIMIT" python3 "${CLIENT[@]}" check --consumers "$CONSUMERS" --batch "$BATCH" \
  --batches "$BATCHES" --run "$RUN" --connections "$CONNECTIONS")
LOAD_AFTER=$(bench_load)
CPU1=$(bench_cpu "$SERVICE_PID"); RCPU1=$(bench_cpu "$REDIS_PID")
kill "$SAMPLER" 2>/dev/null || true
echo "$RESULT"
commandstats >"$BENCH_WORK/after"
PEAK_HEAP=$(sort -n "$BENCH_WORK/heap" | grep -v '?' | tail -1 || true)

# The commands the CHECKs made. Commands a script runs count in commandstats too (the read script's
# GETs, ZRANGEBYSCORE, LRANGE; the audit script's XLEN, XADD), so the floor counts the calls a client
# sends: EVAL (the read script, pipelined 200 at a time with 2 GETs each, left out of the floor) and
# EVALSHA (the audit record, one round trip each).
read -r READS OTHERS DETAIL < <(awk 'NR == FNR { b[$1] = $2; next } { d = $2 - b[$1]; if (d > 0) { if ($1 == "eval") r += d; if ($1 == "evalsha") o += d; s = s $1 "=" d "," } }
  END { printf "%d %d %s\n", r, o, s }' "$BENCH_WORK/before" "$BENCH_WORK/after")
THREADS=$(nproc)
bench_rps() { # n pipeline -> requests per second of PING over $THREADS connections
  redis-benchmark -h 127.0.0.1 -p "$REDIS_PORT" -c "$THREADS" -n "$1" -P "$2" --csv -t ping 2>/dev/null |
    awk -F'"' '/PING_MBULK/ { print $4 }'
}
R_READ=$(bench_rps "$(( READS > 2000000 ? 2000000 : (READS < 10000 ? 10000 : READS) ))" 200)
R_RTT=$(bench_rps "$(( OTHERS > 300000 ? 300000 : (OTHERS < 10000 ? 10000 : OTHERS) ))" 1)
FLOOR=$(awk -v r="$READS" -v o="$OTHERS" -v a="$R_READ" -v b="$R_RTT" 'BEGIN { printf "%.2f", r / a + o / b }')

python3 - "$RESULT" "$READS" "$OTHERS" "$DETAIL" "$R_READ" "$R_RTT" "$FLOOR" "${PEAK_HEAP:-?}" "$LOAD_AFTER" \
  "$(awk -v a="$CPU0" -v b="$CPU1" 'BEGIN { print b - a }')" "$(awk -v a="$RCPU0" -v b="$RCPU1" 'BEGIN { print b - a }')" <<'PY'
import sys
res, reads, others, detail, r_read, r_rtt, floor, heap, load, cpu, rcpu = sys.argv[1:]
kv = dict(x.split("=", 1) for x in res.split()[1:])
n, secs = int(kv["decisions"]), float(kv["seconds"])
print()
print("| measure | value |")
print("|---|---:|")
print("| CHECK decisions through the batch endpoint | %d (%s) |" % (n, ", ".join("%s %s" % (k, kv[k]) for k in ("ALLOW", "DENY", "failed_closed", "other") if k in kv)))
print("| total seconds | %.1f |" % secs)
print("| decisions/s | %.0f |" % (n / secs))
print("| one batch: p50 / max seconds | %s / %s |" % (kv["batch_p50_s"], kv["batch_max_s"]))
print("| Redis calls per decision: EVAL read (pipelined) / EVALSHA (one round trip) | %.2f / %.2f |" % (int(reads) / n, int(others) / n))
print("| Redis commands in the run, scripts' own included | %s |" % detail.rstrip(",").replace(",", ", "))
print("| floor: those calls as bare PINGs (%.0f/s at 200 a pipeline, %.0f/s one by one) | %s s |" % (float(r_read), float(r_rtt), floor))
print("| total ÷ floor | %.1f |" % (secs / max(0.001, float(floor))))
print("| CPU per decision: the service's JVM (all threads, audit drain included) / redis-server | %.0f µs / %.0f µs |" % (float(cpu) * 1e6 / n, float(rcpu) * 1e6 / n))
print("| decisions/s the JVM's CPU alone would allow on %s cores | %.0f |" % (__import__("os").cpu_count(), __import__("os").cpu_count() * n / max(0.001, float(cpu))))
print("| peak heap used while running (MB) | %s |" % heap)
print("| load average after | %s |" % load)
PY
