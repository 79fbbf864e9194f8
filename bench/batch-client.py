#!/usr/bin/env python3
"""POST /v1/decisions:batch from loopback (bench/batch.sh): seeds history with RESERVE batches, then
times CHECK batches. Not meant to be run alone: batch.sh starts the service and passes BASE/API_KEY.

    batch-client.py seed  --consumers 100000 --batch 10000
    batch-client.py check --consumers 100000 --batch 10000 --batches 100 --connections 2

Consumer i is "c-<run>-<i>" with debt "d-<run>-<i>", an Ohio mobile. The seed reserves one call per
consumer two days before the decision day, so every CHECK reads a consumer with history. The CHECKs
cycle over the consumers: three in four at 10:00 local (ALLOW), one in four at 07:59 (DENY
INCONVENIENT_TIME and a search for the next eligible instant). Prints one RESULT line.
"""
import argparse
import datetime
import http.client
import json
import os
import sys
import threading
import time
from collections import Counter
from zoneinfo import ZoneInfo

HOST = "127.0.0.1"  # fixed: loopback only
NEW_YORK = ZoneInfo("America/New_York")


def decision_day():
    """Next Wednesday (never today): near now, so history retention keeps what the seed wrote."""
    today = datetime.date.today()
    return today + datetime.timedelta(days=(2 - today.weekday()) % 7 or 7)


def local(day, h, m):
    return datetime.datetime(day.year, day.month, day.day, h, m, tzinfo=NEW_YORK).isoformat()


def body(run, first, count, total, mode, ats):
    items = []
    for k in range(count):
        i = (first + k) % total
        items.append('{"consumerId":"c-%s-%d","debtIds":["d-%s-%d"],"channel":"CALL",'
                     '"destination":{"phone":"+16145550100","type":"MOBILE"},"mode":"%s","at":"%s"}'
                     % (run, i, run, i, mode, ats[k % len(ats)]))
    return ('{"requests":[' + ",".join(items) + "]}").encode()


def post(conn, payload, key):
    conn.request("POST", "/v1/decisions:batch", payload,
                 {"Content-Type": "application/json", "X-Api-Key": key})
    r = conn.getresponse()
    data = r.read()
    if r.status != 200:
        raise SystemExit("HTTP %d: %s" % (r.status, data[:500]))
    return json.loads(data)["decisions"]


def tally(decisions, counts):
    for d in decisions:
        if d.get("status") == 503:
            counts["failed_closed"] += 1
        elif "outcome" in d:
            counts[d["outcome"]] += 1
        else:
            counts["other"] += 1


def main():
    p = argparse.ArgumentParser()
    p.add_argument("what", choices=["seed", "check"])
    p.add_argument("--consumers", type=int, default=100_000)
    p.add_argument("--batch", type=int, default=10_000)
    p.add_argument("--batches", type=int, default=100)
    p.add_argument("--connections", type=int, default=2)
    p.add_argument("--run", default="run")
    a = p.parse_args()
    base, key = os.environ["BASE"], os.environ["API_KEY"]
    host, port = base.split("//")[1].split(":")
    assert host == HOST, "loopback only"
    port = int(port)
    day = decision_day()
    if a.what == "seed":
        ats = [local(day - datetime.timedelta(days=2), 10, 0)]
        batches = [(f, min(a.batch, a.consumers - f)) for f in range(0, a.consumers, a.batch)]
        mode = "RESERVE"
    else:
        ats = [local(day, 10, 0), local(day, 10, 0), local(day, 10, 0), local(day, 7, 59)]
        batches = [((b * a.batch) % a.consumers, a.batch) for b in range(a.batches)]
        mode = "CHECK"
    counts, lock, todo = Counter(), threading.Lock(), list(enumerate(batches))
    latencies = []

    def worker():
        conn = http.client.HTTPConnection(HOST, port, timeout=120)
        mine = Counter()
        while True:
            with lock:
                if not todo:
                    break
                _, (first, count) = todo.pop(0)
            payload = body(a.run, first, count, a.consumers, mode, ats)
            t0 = time.perf_counter()
            decisions = post(conn, payload, key)
            el = time.perf_counter() - t0
            assert len(decisions) == count, (len(decisions), count)
            tally(decisions, mine)
            with lock:
                latencies.append(el)
        with lock:
            counts.update(mine)

    started = time.perf_counter()
    threads = [threading.Thread(target=worker) for _ in range(a.connections)]
    [t.start() for t in threads]
    [t.join() for t in threads]
    seconds = time.perf_counter() - started
    n = sum(c for _, c in batches)
    done = sum(counts.values())
    if done != n:
        raise SystemExit("answered %d of %d" % (done, n))
    latencies.sort()
    print("RESULT what=%s decisions=%d seconds=%.2f per_second=%.0f batch_p50_s=%.2f batch_max_s=%.2f %s"
          % (a.what, n, seconds, n / seconds, latencies[len(latencies) // 2], latencies[-1],
             " ".join("%s=%d" % kv for kv in sorted(counts.items()))))


if __name__ == "__main__":
    sys.exit(main())
