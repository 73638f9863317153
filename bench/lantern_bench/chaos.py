"""Crash runs: ingestion load from several clients while the server is killed with SIGKILL at random moments and
restarted, then a check that every acknowledged event (a 201 entry of a 207 answer) is readable afterwards."""
import argparse
import base64
import datetime
import http.client
import json
import os
import random
import tempfile
import threading
import time

from .server import PUBLIC_KEY, REPO, SECRET_KEY, Lantern, PostgresStore, SQLiteStore, bench_config

AUTH = "Basic " + base64.b64encode(f"{PUBLIC_KEY}:{SECRET_KEY}".encode()).decode()
BATCH = 50  # trace-create events per request


def parse_args():
    p = argparse.ArgumentParser(description=__doc__)
    p.add_argument("--kills", type=int, default=20, help="SIGKILLs per backend (default 20)")
    p.add_argument("--backends", default="sqlite,postgres", help="comma list of sqlite, postgres")
    p.add_argument("--clients", type=int, default=4, help="ingestion clients (default 4)")
    p.add_argument("--binary", default=os.path.join(REPO, ".build-bench/release/lantern"), help="the lantern binary")
    p.add_argument("--port", type=int, default=3921)
    p.add_argument("--pg-port", type=int, default=55495)
    p.add_argument("--seed", type=int, default=1, help="random seed of the kill moments (default 1)")
    return p.parse_args()


class Load:
    """Client threads posting batches of new traces; remembers the trace ids the server acknowledged."""

    def __init__(self, port, clients):
        self.port, self.acked, self.lock, self.stop = port, set(), threading.Lock(), threading.Event()
        self.answers = {"207": 0, "503/429": 0, "refused or cut": 0, "other": 0}
        self.threads = [threading.Thread(target=self.run, args=(n,), daemon=True) for n in range(clients)]

    def start(self):
        for thread in self.threads:
            thread.start()

    def finish(self):
        self.stop.set()
        for thread in self.threads:
            thread.join()

    def count(self, key):
        with self.lock:
            self.answers[key] += 1

    def run(self, client):
        counter, conn = 0, None
        while not self.stop.is_set():
            now = datetime.datetime.now(datetime.timezone.utc).isoformat(timespec="milliseconds").replace("+00:00", "Z")
            events = {}
            for _ in range(BATCH):
                counter += 1
                events[f"e-{client}-{counter}"] = f"chaos-{client}-{counter}"
            body = json.dumps({"batch": [{"id": event, "timestamp": now, "type": "trace-create",
                                          "body": {"id": trace, "name": "chaos"}} for event, trace in events.items()]})
            try:
                conn = conn or http.client.HTTPConnection("127.0.0.1", self.port, timeout=30)
                conn.request("POST", "/api/public/ingestion", body=body, headers={"Content-Type": "application/json", "Authorization": AUTH})
                response = conn.getresponse()
                data = response.read()
            except (OSError, http.client.HTTPException):
                conn = None
                self.count("refused or cut")
                time.sleep(0.05)
                continue
            if response.status == 207:
                self.count("207")
                done = [events[s["id"]] for s in json.loads(data).get("successes", []) if s.get("status") == 201 and s.get("id") in events]
                with self.lock:
                    self.acked.update(done)
            elif response.status in (503, 429):
                self.count("503/429")
                time.sleep(0.1)
            else:
                self.count("other")


def stored_trace_ids(port):
    """Every trace id the API lists, walking the keyset cursor."""
    found, cursor = set(), None
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=120)
    while True:
        path = "/api/public/traces?limit=100&fields=core" + (f"&cursor={cursor}" if cursor else "")
        conn.request("GET", path, headers={"Authorization": AUTH})
        answer = json.loads(conn.getresponse().read())
        found.update(trace["id"] for trace in answer["data"])
        cursor = answer["meta"].get("cursor")
        if not cursor:
            return found


def run_backend(name, args, work, rng):
    store = SQLiteStore(work) if name == "sqlite" else PostgresStore(args.pg_port)
    try:
        config = bench_config(name, work)
        server = Lantern(args.binary, config, args.port, store.fresh(), os.path.join(work, f"chaos-{name}.log")).start()
        load = Load(args.port, args.clients)
        load.start()
        restarts = []
        for _ in range(args.kills):
            time.sleep(rng.uniform(0.3, 2.0))
            server.process.kill()
            server.process.wait()
            started = time.monotonic()
            server.start()
            restarts.append(time.monotonic() - started)
        time.sleep(1.0)
        load.finish()
        found = stored_trace_ids(args.port)
        server.stop()
        lost = load.acked - found
        return {"backend": name, "kills": args.kills, "acknowledged": len(load.acked), "found": len(load.acked & found),
                "lost": len(lost), "answers": load.answers, "median_restart_s": sorted(restarts)[len(restarts) // 2]}
    finally:
        store.close()


def main():
    args = parse_args()
    rng = random.Random(args.seed)
    work = tempfile.mkdtemp(prefix="lantern-chaos-")
    print(f"work folder {work}")
    rows = [run_backend(name.strip(), args, work, rng) for name in args.backends.split(",")]
    print("| backend | SIGKILLs | acknowledged traces | found after | lost | answers | median restart to healthy |")
    print("|---|---|---|---|---|---|---|")
    for r in rows:
        answers = ", ".join(f"{k}: {v:,}" for k, v in r["answers"].items())
        print(f"| {r['backend']} | {r['kills']} | {r['acknowledged']:,} | {r['found']:,} | {r['lost']:,} | {answers} | "
              f"{r['median_restart_s'] * 1000:.0f} ms |")
    if any(r["lost"] for r in rows):
        raise SystemExit("acknowledged events were lost")
