#!/usr/bin/env python3
"""Faults under load, on loopback only, bounded in time (RELIABILITY.md).

    python3 bench/faults.py soak            --minutes 10 --rate 40
    python3 bench/faults.py redis-restart   --seconds 60 --rate 40
    python3 bench/faults.py instance-kill   --seconds 60 --rate 40
    python3 bench/faults.py rule-reload     --seconds 60 --rate 40
    python3 bench/faults.py all             --seconds 60 --rate 40 --minutes 10   # the three faults, then the soak

Starts its own redis-server (AOF on, appendfsync everysec) on a free loopback port in a temporary
directory, and two service instances (decision-service/target/decision-service.jar) sharing it,
then drives RESERVE decisions at a fixed rate, round-robin over the two instances (a client that
fails over to the other instance when one does not answer), and contact events that settle some of
the reservations. It stops everything it started, by process id, when it ends or is interrupted.

What it checks, from the service's own answers and the history it reads back at the end:
- no status but 200/202 and the documented 503 (or a 200 DENY COUNTER_STORE_UNAVAILABLE) ever;
- no consumer has more reserved calls about its debt than the federal cap (7 in 7 days);
- every reservation an ALLOW acknowledged is in the history, exactly once;
- every event acknowledged with 202 (or 200 on a retry) is in the history;
- heap after a full GC, sampled through the run (jcmd), for the soak.
Exit status 0 when every check holds, 1 otherwise; one JSON line of figures on stdout at the end.
"""
import argparse
import datetime
import json
import os
import random
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.request
import uuid
from collections import Counter, defaultdict
from zoneinfo import ZoneInfo

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
JAR = os.environ.get("JAR", os.path.join(ROOT, "decision-service/target/decision-service.jar"))
HOST = "127.0.0.1"  # fixed: this script never targets anything but loopback
API_KEY = os.environ.get("API_KEY", "")  # sent as X-Api-Key when the service requires one
CAP = 7  # 12 CFR 1006.14(b)(2)(i)(A): 7 calls in 7 days about a debt
STARTED = []  # (name, Popen) of everything this script started


def free_port():
    with socket.socket() as s:
        s.bind((HOST, 0))
        return s.getsockname()[1]


def log(msg):
    print(f"# {datetime.datetime.now(datetime.timezone.utc):%H:%M:%S} {msg}", file=sys.stderr, flush=True)


def http(method, url, body=None, timeout=5.0):
    """(status, json or text); status 0 when nothing answered."""
    data = None if body is None else json.dumps(body).encode()
    req = urllib.request.Request(url, data=data, method=method)
    if data is not None:
        req.add_header("Content-Type", "application/json")
    if API_KEY:
        req.add_header("X-Api-Key", API_KEY)
    try:
        with urllib.request.urlopen(req, timeout=timeout) as r:
            raw = r.read().decode()
            status = r.status
    except urllib.error.HTTPError as e:
        raw = e.read().decode(errors="replace")
        status = e.code
    except (urllib.error.URLError, OSError, TimeoutError):
        return 0, None
    try:
        return status, json.loads(raw) if raw else None
    except ValueError:
        return status, raw


class Redis:
    def __init__(self, workdir):
        self.port = free_port()
        self.dir = os.path.join(workdir, "redis")
        os.makedirs(self.dir, exist_ok=True)
        self.proc = None

    def start(self):
        self.proc = subprocess.Popen(
            ["redis-server", "--bind", HOST, "--port", str(self.port), "--dir", self.dir, "--appendonly", "yes",
             "--appendfsync", "everysec", "--save", "", "--protected-mode", "yes"],
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        STARTED.append(("redis", self.proc))
        for _ in range(100):
            try:
                with socket.create_connection((HOST, self.port), timeout=0.2):
                    return
            except OSError:
                time.sleep(0.1)
        raise SystemExit("redis-server did not start")

    def kill(self):
        self.proc.send_signal(signal.SIGKILL)
        self.proc.wait(10)


class Instance:
    def __init__(self, name, redis_port, workdir):
        self.name = name
        self.port = free_port()
        self.base = f"http://{HOST}:{self.port}"
        self.log = os.path.join(workdir, f"{name}.log")
        self.redis_port = redis_port
        self.proc = None

    def start(self):
        env = dict(os.environ)
        env.pop("REDIS_URL", None)
        cmd = ["java", "-Xms256m", "-Xmx512m", "-jar", JAR, f"--server.port={self.port}", f"--server.address={HOST}",
               f"--rules.dir={os.path.join(ROOT, 'rules')}",
               f"--rules.scenarios-dir={os.path.join(ROOT, 'rule-tests/scenarios')}", "--rules.watch=false",
               f"--decisioning.redis-url=redis://{HOST}:{self.redis_port}", "--decisioning.redis-key-prefix=faults:"]
        self.proc = subprocess.Popen(cmd, stdout=open(self.log, "w"), stderr=subprocess.STDOUT, env=env)
        STARTED.append((self.name, self.proc))

    def wait_up(self, limit=600):
        end = time.time() + limit
        while time.time() < end:
            status, body = http("GET", self.base + "/actuator/health", timeout=2)
            if status == 200 and isinstance(body, dict) and body.get("status") == "UP":
                return
            if self.proc.poll() is not None:
                raise SystemExit(f"{self.name} exited; see {self.log}")
            time.sleep(0.5)
        raise SystemExit(f"{self.name} not UP after {limit} s; see {self.log}")

    def kill(self):
        self.proc.send_signal(signal.SIGKILL)
        self.proc.wait(10)

    def heap_after_gc(self):
        """Heap used after a full GC, in MiB (jcmd), or None."""
        try:
            subprocess.run(["jcmd", str(self.proc.pid), "GC.run"], capture_output=True, timeout=30)
            out = subprocess.run(["jcmd", str(self.proc.pid), "GC.heap_info"], capture_output=True, text=True,
                                 timeout=30).stdout
        except (OSError, subprocess.TimeoutExpired):
            return None
        for line in out.splitlines():  # " garbage-first heap   total 262144K, used 67679K [...]"
            parts = line.replace(",", " ").split()
            if "heap" in line and "used" in parts:
                used = parts[parts.index("used") + 1]
                if used.endswith("K") and used[:-1].isdigit():
                    return round(int(used[:-1]) / 1024, 1)
        return None


class Load:
    """RESERVE decisions at a fixed rate over the instances, and events that settle some."""

    def __init__(self, instances, rate, consumers):
        self.instances = instances
        self.rate = rate
        self.stop = threading.Event()
        self.lock = threading.Lock()
        self.statuses = Counter()
        self.outcomes = Counter()
        self.reserved = defaultdict(list)  # consumer -> decisionIds an ALLOW acknowledged
        self.events_acked = defaultdict(set)  # consumer -> eventIds acknowledged
        self.latencies = []
        self.max_latency_during = {}
        self.errors = []
        day = datetime.date.today() + datetime.timedelta(days=(2 - datetime.date.today().weekday()) % 7 + 7)
        self.at = datetime.datetime(day.year, day.month, day.day, 10, 0, tzinfo=ZoneInfo("America/New_York")).isoformat()
        self.consumers = [f"c-fault-{uuid.uuid4()}" for _ in range(consumers)]
        self.sent = 0

    def post(self, path, body):
        """Round robin, failing over to the other instance when one does not answer."""
        start = self.sent % len(self.instances)
        for i in range(len(self.instances)):
            inst = self.instances[(start + i) % len(self.instances)]
            status, answer = http("POST", inst.base + path, body, timeout=5)
            if status != 0:
                return status, answer
        return 0, None

    def one(self):
        consumer = random.choice(self.consumers)
        req = {"requestId": f"rq-{uuid.uuid4()}", "consumerId": consumer, "debtIds": [f"d-{consumer}"],
               "channel": "CALL", "destination": {"phone": "+16145550100", "type": "MOBILE"}, "dialMode": "MANUAL",
               "mode": "RESERVE", "at": self.at}
        t0 = time.perf_counter()
        status, answer = self.post("/v1/decisions", req)
        if status == 0:  # neither instance answered: the dialler retries the same requestId
            time.sleep(0.5)
            status, answer = self.post("/v1/decisions", req)
        took = time.perf_counter() - t0
        with self.lock:
            self.sent += 1
            self.statuses[status] += 1
            self.latencies.append(took)
            if status == 200 and isinstance(answer, dict):
                codes = [r.get("code") for r in answer.get("reasons", [])]
                self.outcomes[answer.get("outcome") + ("" if not codes else ":" + codes[0])] += 1
                if answer.get("reserved"):
                    self.reserved[consumer].append(answer["decisionId"])
            elif status == 503:
                self.outcomes["503"] += 1
            else:
                self.errors.append((status, str(answer)[:300]))
        if status == 200 and isinstance(answer, dict) and answer.get("reserved") and random.random() < 0.3:
            self.settle(consumer, answer["decisionId"])

    def settle(self, consumer, decision_id):
        """A NO_ANSWER event for the attempt; retried until acknowledged (the dialler's duty)."""
        event = {"eventId": f"evt-{uuid.uuid4()}", "decisionId": decision_id, "consumerId": consumer,
                 "debtIds": [f"d-{consumer}"], "channel": "CALL", "destination": {"phone": "+16145550100"},
                 "outcome": "NO_ANSWER", "at": self.at}
        deadline = time.time() + 120
        while time.time() < deadline:
            status, _ = self.post("/v1/contact-events", event)
            with self.lock:
                self.statuses[f"event {status}"] += 1
            if status in (200, 202):
                with self.lock:
                    self.events_acked[consumer].add(event["eventId"])
                return
            if status not in (0, 503):
                with self.lock:
                    self.errors.append((status, "event"))
                return
            time.sleep(0.5)

    def run(self, seconds):
        workers = []
        interval = 1.0 / self.rate
        next_at = time.perf_counter()
        end = time.time() + seconds
        while time.time() < end and not self.stop.is_set():
            t = threading.Thread(target=self.one, daemon=True)
            t.start()
            workers.append(t)
            next_at += interval
            delay = next_at - time.perf_counter()
            if delay > 0:
                time.sleep(delay)
            workers = [w for w in workers if w.is_alive()]
        for w in workers:
            w.join(130)

    def verify(self, instance):
        """Reads every consumer's history back: reservations once each, events present, no over-cap."""
        over_cap, lost, doubled, events_lost = 0, 0, 0, 0
        for consumer in self.consumers:
            for _ in range(120):  # a busy Redis may answer slower than the 50 ms budget: retry, as a client would
                status, body = http("GET", f"{instance.base}/v1/consumers/{consumer}/history", timeout=10)
                if status == 200:
                    break
                time.sleep(0.5)
            if status != 200:
                raise SystemExit(f"history of {consumer}: {status} {body}")
            records = body["events"]
            by_decision = Counter(r.get("decisionId") for r in records if r.get("decisionId"))
            counted = [r for r in records if r.get("channel") == "CALL" and r.get("outcome") not in ("NOT_PLACED", "BUSY", "NOT_IN_SERVICE")]
            if len(counted) > CAP:
                over_cap += 1
            for d in self.reserved[consumer]:
                if by_decision[d] == 0:
                    lost += 1
                elif by_decision[d] > 1:
                    doubled += 1
            recorded_events = {r.get("eventId") for r in records}
            events_lost += len(self.events_acked[consumer] - recorded_events)
        return {"over_cap_consumers": over_cap, "reservations_lost": lost, "reservations_doubled": doubled,
                "acknowledged_events_lost": events_lost}

    def figures(self):
        lat = sorted(self.latencies)
        pct = lambda p: round(lat[min(len(lat) - 1, int(p * len(lat)))] * 1000, 1) if lat else None
        return {"decisions": self.sent, "statuses": {str(k): v for k, v in self.statuses.items()},
                "outcomes": dict(self.outcomes), "p50_ms": pct(0.5), "p99_ms": pct(0.99), "max_ms": pct(1.0),
                "unexpected": self.errors[:5], "unexpected_count": len(self.errors)}


def fault(kind, args, redis, instances, load):
    """Runs load for args.seconds, injecting the fault a third of the way in."""
    result = {}

    def inject():
        time.sleep(args.seconds / 3)
        if kind == "redis-restart":
            log("killing redis-server (SIGKILL)")
            t0 = time.time()
            redis.kill()
            time.sleep(5)
            redis.start()
            result["redis_down_s"] = round(time.time() - t0, 1)
            log("redis-server restarted (AOF replayed)")
        elif kind == "instance-kill":
            log(f"killing {instances[1].name} (SIGKILL)")
            instances[1].kill()
            result["killed"] = instances[1].name
        elif kind == "rule-reload":
            worst, reloads, failed = 0.0, 0, 0
            end = time.time() + args.seconds / 3
            while time.time() < end:
                for inst in instances:
                    t0 = time.perf_counter()
                    status, _ = http("POST", inst.base + "/v1/rules:reload", timeout=60)
                    worst = max(worst, time.perf_counter() - t0)
                    reloads += 1
                    failed += status != 200
            result.update({"reloads": reloads, "reloads_failed": failed, "slowest_reload_s": round(worst, 2)})

    injector = threading.Thread(target=inject, daemon=True)
    injector.start()
    load.run(args.seconds)
    injector.join(120)
    return result


def main():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("scenario", choices=["soak", "redis-restart", "instance-kill", "rule-reload", "all"])
    p.add_argument("--minutes", type=float, default=10, help="soak length (at most 60)")
    p.add_argument("--seconds", type=int, default=60, help="length of each fault run (at most 600)")
    p.add_argument("--rate", type=float, default=40, help="decisions per second (at most 500)")
    p.add_argument("--consumers", type=int, default=0,
                   help="consumers to spread the load over; 0: one per ten decisions, so caps are reached but not at once")
    args = p.parse_args()
    if not (0 < args.minutes <= 60 and 0 < args.seconds <= 600 and 0 < args.rate <= 500):
        raise SystemExit("out of bounds: --minutes 1..60, --seconds 1..600, --rate 1..500")
    if not os.path.isfile(JAR):
        raise SystemExit(f"no {JAR}: mvn -B -ntp -pl decision-service -am package -DskipTests")
    if not shutil.which("redis-server"):
        raise SystemExit("redis-server is not on the PATH")

    workdir = tempfile.mkdtemp(prefix="faults-")
    ok = False
    try:
        ok = run(args, workdir)
    finally:
        for name, proc in reversed(STARTED):
            if proc.poll() is None:
                proc.terminate()
                try:
                    proc.wait(30)
                except subprocess.TimeoutExpired:
                    proc.kill()
        if ok:
            shutil.rmtree(workdir, ignore_errors=True)
        else:
            log(f"logs kept in {workdir}")
    sys.exit(0 if ok else 1)


def run(args, workdir):
    """Every scenario asked for; True when every check held."""
    ok = True
    redis = Redis(workdir)
    redis.start()
    instances = [Instance("instance-a", redis.port, workdir), Instance("instance-b", redis.port, workdir)]
    for inst in instances:
        inst.start()
    for inst in instances:
        inst.wait_up()
    log(f"redis on {redis.port}, instances on {[i.port for i in instances]}, logs in {workdir}")
    scenarios = ["redis-restart", "instance-kill", "rule-reload", "soak"] if args.scenario == "all" else [args.scenario]
    for scenario in scenarios:
        if instances[1].proc.poll() is not None:  # the instance-kill run left it dead
            instances[1].start()
            instances[1].wait_up()
        total = args.rate * (args.minutes * 60 if scenario == "soak" else args.seconds)
        load = Load(instances, args.rate, args.consumers or max(50, int(total / 10)))
        log(f"{scenario}: {args.rate}/s RESERVE over two instances")
        extra = {}
        if scenario == "soak":
            heap = []
            seconds = int(args.minutes * 60)
            sampler_stop = threading.Event()

            def sample():
                while not sampler_stop.wait(min(60, seconds / 5)):
                    heap.append([i.heap_after_gc() for i in instances])

            sampler = threading.Thread(target=sample, daemon=True)
            sampler.start()
            load.run(seconds)
            sampler_stop.set()
            extra["heap_after_gc_mib"] = heap
            extra["minutes"] = args.minutes
        else:
            extra = fault(scenario, args, redis, instances, load)
        alive = next(i for i in instances if i.proc.poll() is None)
        checks = load.verify(alive)
        figures = {"scenario": scenario, **load.figures(), **checks, **extra, "rate": args.rate,
                   "consumers": len(load.consumers)}
        unexpected = [s for s in load.statuses if str(s) not in ("200", "503", "event 200", "event 202", "event 503", "event 0", "0")]
        passed = (not unexpected and load.errors == [] and all(v == 0 for v in checks.values()))
        figures["passed"] = passed
        ok &= passed
        print(json.dumps(figures), flush=True)
    return ok


if __name__ == "__main__":
    main()
