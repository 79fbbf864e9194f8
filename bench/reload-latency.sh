#!/usr/bin/env bash
# How long from saving a rule file to the change answering, with the scenario gate on
# (BENCHMARKS.md "Rule reload"). Starts the jar on a copy of rules/ and rule-tests/scenarios on a
# free loopback port, changes a table N times (a comment line: the content hash changes, every
# scenario still passes), and times each save until GET /v1/rules shows the new version.
#   bench/reload-latency.sh            # N=5
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
N=${N:-5}
JAR="$ROOT/decision-service/target/decision-service.jar"
[[ -f $JAR ]] || { echo "build the jar first: mvn -B -ntp package -DskipTests" >&2; exit 2; }
WORK=$(mktemp -d -t reload.XXXXXX)
cp -r "$ROOT/rules" "$WORK/rules"; cp -r "$ROOT/rule-tests/scenarios" "$WORK/scenarios"
PORT=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
# A throwaway admin key for this run only (README "Security"): every endpoint but health needs one.
export DECISIONING_BOOTSTRAP_ADMIN_KEY="bench-$(head -c 24 /dev/urandom | od -An -tx1 | tr -d ' \n')"
export DECISIONING_SECRETS_DIR="$WORK/secrets"
java -Xms512m -Xmx1g -jar "$JAR" --server.port="$PORT" --server.address=127.0.0.1 --rules.dir="$WORK/rules" \
  --rules.scenarios-dir="$WORK/scenarios" > "$WORK/service.log" 2>&1 &
PID=$!
trap 'kill $PID 2>/dev/null; wait $PID 2>/dev/null; rm -rf "$WORK"' EXIT
for _ in $(seq 1 120); do curl -sf "127.0.0.1:$PORT/actuator/health" >/dev/null && break; sleep 0.5; done
python3 - "$PORT" "$WORK/rules/hours/permitted-hours.csv" "$N" <<'PY'
import json, os, sys, time, urllib.request
port, table, n = sys.argv[1], sys.argv[2], int(sys.argv[3])
def version():
    req = urllib.request.Request(f"http://127.0.0.1:{port}/v1/rules",
                                 headers={"X-Api-Key": os.environ["DECISIONING_BOOTSTRAP_ADMIN_KEY"]})
    with urllib.request.urlopen(req, timeout=5) as r:
        return json.load(r)["version"]
times = []
for i in range(n):
    before = version()
    t0 = time.monotonic()
    with open(table, "a") as f:
        f.write(f"# reload-latency probe {i}\n")
    while version() == before:
        if time.monotonic() - t0 > 30:
            sys.exit("the change did not go live within 30 s")
        time.sleep(0.01)
    times.append((time.monotonic() - t0) * 1000)
    time.sleep(1)
times.sort()
print("reload latency ms (save -> new version answering, gate included): "
      + ", ".join(f"{t:.0f}" for t in times) + f"; median {times[len(times)//2]:.0f}, max {times[-1]:.0f}")
PY
