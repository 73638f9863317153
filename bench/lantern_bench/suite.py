"""The whole suite: options, the per-backend sequence of runs, RESULTS.md. Entry point: bench/run."""
import argparse
import json
import os
import shlex
import shutil
import statistics
import sys
import tempfile
import time
import traceback

from . import ceiling, evaluation, load, payloads, reads, report
from .freshness import AUTH, FreshnessProbe
from .server import PROFILES, REPO, Lantern, PostgresStore, SQLiteStore, bench_config, cpu_seconds, request

SECTIONS = ["baseline", "otlp", "ingestion", "evaluation", "ceiling", "reads", "coldstart"]
OTLP_PATH = "/api/public/otel/v1/traces"


def parse(argv):
    p = argparse.ArgumentParser(prog="bench/run", description="Lantern benchmark suite (see bench/README.md).")
    p.add_argument("--duration", type=int, default=60, help="seconds per load run (default 60; --quick: 5)")
    p.add_argument("--backends", default="sqlite,postgres", help="comma list of sqlite, postgres (default both)")
    p.add_argument("--concurrency", default="1,8,32", help="wrk connections per run (default 1,8,32)")
    p.add_argument("--observations", type=int, default=1_000_000,
                   help="observations to seed for the read benchmarks (default 1000000; --quick: 50000)")
    p.add_argument("--read-requests", type=int, default=100, help="requests per read case (default 100; --quick: 30)")
    p.add_argument("--only", default=",".join(SECTIONS), help=f"comma list of sections to run (default all: {','.join(SECTIONS)})")
    p.add_argument("--quick", action="store_true", help="smoke run: --duration 5 --observations 50000 --read-requests 30 "
                                                        "--ceiling-rows 27900 (explicit options still win)")
    p.add_argument("--pool-bodies", type=int, default=100, help="distinct pre-generated bodies per endpoint (default 100)")
    p.add_argument("--text-bytes", default="1024,2048", help="min,max bytes of each input and output text (default 1024,2048)")
    p.add_argument("--wrk-threads", type=int, default=2, help="max wrk threads (default 2; never more than connections)")
    p.add_argument("--freshness-interval", type=float, default=0.1, help="seconds between freshness probes (default 0.1)")
    p.add_argument("--seed-clients", type=int, default=4, help="parallel seeding processes (default 4)")
    p.add_argument("--seed-batch", type=int, default=2000, help="events per seeding request (default 2000)")
    p.add_argument("--ceiling-rows", type=int, default=279_000,
                   help="observation rows the storage-engine reference run inserts without Lantern (default 279000; --quick: 27900)")
    p.add_argument("--ceiling-group", type=int, default=930,
                   help="rows per transaction of the storage-engine reference run (default 930, Lantern's commit groups at 32 clients)")
    p.add_argument("--drain", type=int, default=60,
                   help="seconds the evaluation section waits after its load for the rule's queue to drain (default 60)")
    p.add_argument("--cold-starts", type=int, default=5, help="cold-start measurements, median reported (default 5)")
    p.add_argument("--binary", default=os.path.join(REPO, ".build-bench/release/lantern"),
                   help="lantern binary, plugins beside it (default .build-bench/release/lantern)")
    p.add_argument("--port", type=int, default=3900, help="port for Lantern (default 3900)")
    p.add_argument("--pg-port", type=int, default=55490, help="port for the throw-away PostgreSQL (default 55490)")
    p.add_argument("--output", default=os.path.join(REPO, "bench/RESULTS.md"), help="markdown report (default bench/RESULTS.md)")
    p.add_argument("--json", default=None, help="also write the raw results as JSON to this file")
    p.add_argument("--keep", action="store_true", help="keep the work folder (bodies, databases, server logs)")
    args = p.parse_args(argv)
    defaults = p.parse_args([])
    if args.quick:
        for name, value in (("duration", 5), ("observations", 50_000), ("read_requests", 30), ("ceiling_rows", 27_900)):
            if getattr(args, name) == getattr(defaults, name):
                setattr(args, name, value)
    args.concurrency = [int(c) for c in args.concurrency.split(",")]
    args.backends = [b.strip() for b in args.backends.split(",") if b.strip()]
    args.only = set(s.strip() for s in args.only.split(","))
    args.text_bytes = tuple(int(v) for v in args.text_bytes.split(","))
    if args.ceiling_rows < 1 or args.ceiling_group < 1:
        p.error("--ceiling-rows and --ceiling-group must be at least 1")
    return args


def log(message):
    print(f"[bench {time.strftime('%H:%M:%S')}] {message}", flush=True)


class Suite:
    def __init__(self, args, work):
        self.args, self.work = args, work
        self.salt = 0
        self.results = {"command": "bench/run " + " ".join(shlex.quote(a) for a in sys.argv[1:]), "backends": {},
                        "notes": [], "machine": report.machine(), "options": {
                            "duration": args.duration, "concurrency": args.concurrency, "wrk_threads": args.wrk_threads,
                            "spans_per_request": 100, "observations": args.observations}}

    def make_pools(self):
        self.results["pools"] = {}
        for kind in ("otlp", "ingestion"):
            directory = os.path.join(self.work, f"pool-{kind}")
            total = payloads.write_pool(directory, kind, self.args.pool_bodies, text_bytes=self.args.text_bytes)
            self.results["pools"][kind] = {"dir": directory, "count": self.args.pool_bodies,
                                           "mean_kb": total / self.args.pool_bodies / 1024}
            log(f"{self.args.pool_bodies} {kind} bodies, {total / 1048576:.1f} MiB, in {directory}")

    def server(self, store, config, name, env=None):
        env = dict(store.fresh(), **(env or {}))
        return Lantern(self.args.binary, config, self.args.port, env, os.path.join(self.work, f"{name}.log")).start()

    def load_run(self, server, kind, path, connections):
        self.salt += 1
        pool = self.results["pools"]["otlp" if kind != "ingestion" else "ingestion"]
        is_json = kind == "ingestion"
        return load.run_wrk(self.args.port, path, pool["dir"], pool["count"], "json" if is_json else "pb",
                            "application/json" if is_json else "application/x-protobuf", AUTH, connections,
                            self.args.duration, self.args.wrk_threads, self.salt, server.pid, 100)

    def choose_config(self, store, name):
        """The profile with benchmarkEndpoint: true, or the profile as is when this build rejects that key."""
        config = bench_config(name, self.work)
        try:
            self.server(store, config, f"{name}-config-check").stop()
            return config
        except RuntimeError:
            with open(os.path.join(self.work, f"{name}-config-check.log"), errors="replace") as f:
                if "benchmarkEndpoint" not in f.read():
                    raise
        note = "this build rejects server.benchmarkEndpoint, so the profile config is used unchanged (no baseline)"
        if note not in self.results["notes"]:
            self.results["notes"].append(note)
        log(note)
        return os.path.join(REPO, PROFILES[name])

    def baseline(self, store, config):
        server = self.server(store, config, "baseline-check")
        try:
            status, _ = request(self.args.port, "POST", "/bench/discard", b"x")
        finally:
            server.stop()
        if status != 200:
            self.results["baseline_reason"] = f"POST /bench/discard answered {status} (endpoint missing in this build)"
            log(f"baseline unavailable: {self.results['baseline_reason']}")
            return
        self.results["baseline"] = []
        for c in self.args.concurrency:
            server = self.server(store, config, f"baseline-c{c}")
            try:
                r = self.load_run(server, "baseline", "/bench/discard", c)
            finally:
                server.stop()
            self.results["baseline"].append(r)
            log(f"baseline c={c}: {r['requests_per_s']:.0f} req/s, p99 {r['p99_ms']:.1f} ms, wrk CPU {r['wrk_cpu']:.2f}")

    def ingestion(self, store, config, out, kind):
        path = OTLP_PATH if kind == "otlp" else "/api/public/ingestion"
        out[kind] = []
        for c in self.args.concurrency:
            server = self.server(store, config, f"{store.name}-{kind}-c{c}")
            probe = FreshnessProbe(self.args.port, self.args.freshness_interval) if kind == "otlp" else None
            try:
                if probe:
                    probe.start()
                r = self.load_run(server, kind, path, c)
            finally:
                try:
                    if probe:
                        out.setdefault("freshness", []).append(dict(probe.stop(), connections=c))
                finally:
                    # proof that every request inserted new traces: 10 per accepted request (+ the probes')
                    try:
                        stored = [reads.total_items(self.args.port, f"/api/public/{what}?limit=1")
                                  for what in ("traces", "observations")]
                    except (OSError, ValueError):
                        stored = [None, None]
                    server.stop()
            probes = out["freshness"][-1]["samples"] if probe else 0
            r["stored_traces"], r["stored_observations"] = stored
            r["expected_traces"] = r["ok"] * 10 + probes
            # OTLP: 100 spans = 100 observations; ingestion: 10 trace-create + 90 observation events
            r["expected_observations"] = r["ok"] * (100 if kind == "otlp" else 90) + probes
            out[kind].append(r)
            log(f"{store.name} {kind} c={c}: {r['items_per_s']:.0f} items/s, p50 {r['p50_ms']:.1f} ms, p99 {r['p99_ms']:.1f} ms,"
                f" errors {r['other'] + r['socket_errors']}, 503/429 {r['backpressure']}, peak RSS {r['rss']['peak_mb']:.0f} MiB")

    def evaluation(self, store, config, out):
        """OTLP at the highest concurrency on a fresh server and database, without and then with the 10 %-sampled
        judge rule against the fake LLM (evaluation.py); after the second load, waits up to --drain s for the rule's
        queue to empty. Both servers get the encryption key and the raised hourly cap."""
        c = max(self.args.concurrency)
        config = evaluation.config(config, self.work, store.name)
        env = {"LANTERN_ENCRYPTION_KEY": os.urandom(32).hex()}
        judge = evaluation.FakeJudge(os.path.join(self.work, f"{store.name}-fake-llm.log"))
        out["evaluation"] = []
        try:
            for with_rule in (False, True):
                server = self.server(store, config, f"{store.name}-evaluation-{'rule' if with_rule else 'none'}", env)
                try:
                    rule_id = evaluation.add_rule(self.args.port, judge.base_url) if with_rule else None
                    judge_cpu, started = cpu_seconds(judge.pid), time.time()
                    r = self.load_run(server, "otlp", OTLP_PATH, c)
                    ended = time.time()
                    r.update(rule=with_rule, judge_cpu=(cpu_seconds(judge.pid) - judge_cpu) / r["seconds"])
                    if with_rule:
                        r["expected_executions"] = r["ok"] * 100  # one per span: sampled or skipped_sampling
                        r["executions_at_end"] = evaluation.counts(self.args.port, rule_id)
                        r["drain_s"] = evaluation.drain(self.args.port, rule_id, ended, self.args.drain)
                        drained = time.time()
                        r["executions_after"] = evaluation.counts(self.args.port, rule_id)
                        calls = judge.call_times()
                        r["judge_calls_load"] = sum(started <= t < ended for t in calls)
                        r["judge_calls_drain"] = sum(ended <= t <= drained for t in calls)
                        r["drain_window_s"] = drained - ended
                finally:
                    server.stop()
                out["evaluation"].append(r)
                log(f"{store.name} evaluation c={c}, rule {'on' if with_rule else 'off'}: {r['items_per_s']:.0f} spans/s, "
                    f"p99 {r['p99_ms']:.1f} ms, errors {r['other'] + r['socket_errors']}, 503/429 {r['backpressure']}"
                    + (f"; executions at load end {r['executions_at_end']}, {r['drain_window_s']:.1f} s later "
                       f"({'drained' if r['drain_s'] is not None else 'not drained'}) {r['executions_after']}" if with_rule else ""))
        finally:
            judge.stop()

    def ceiling(self, store, out):
        """The storage engine's own rates for the bench's observation rows, without Lantern (ceiling.py): into
        Lantern's indexed table, a table with only a trace index and one with no index."""
        args = self.args
        out["ceiling"] = []
        for layout in ceiling.LAYOUTS:
            if store.name == "sqlite":
                c = ceiling.sqlite_ceiling(self.work, args.ceiling_rows, args.ceiling_group, args.text_bytes, layout)
            else:
                c = ceiling.postgres_ceiling(store, self.work, args.ceiling_rows, args.ceiling_group, args.text_bytes, layout)
            out["ceiling"].append(c)
            log(f"{store.name} storage-engine reference, {c['table']}: {c['rows_per_s']:.0f} rows/s "
                f"({c['us_per_row']:.1f} us per row, {c['engine']})")
        if store.name == "sqlite":
            out["binding_us_per_row"] = ceiling.sqlite_binding_cost(args.ceiling_rows, args.ceiling_group, args.text_bytes)
            log(f"Python's loop and sqlite3 binding alone: {out['binding_us_per_row']:.1f} us per row")

    def reads(self, store, config, out):
        server = self.server(store, config, f"{store.name}-reads")
        try:
            log(f"{store.name}: seeding ~{self.args.observations:,} observations")
            seed = reads.seed(self.args.port, self.args.observations, self.args.seed_clients, self.args.seed_batch)
            seed["stored_traces"] = reads.total_items(self.args.port, "/api/public/traces?limit=1")
            seed["stored_observations"] = reads.total_items(self.args.port, "/api/public/observations?limit=1")
            out["seed"] = seed
            log(f"{store.name}: seeded {seed['events']:,} events in {seed['seconds']:.1f} s")
            out["reads"] = reads.measure(self.args.port, seed["traces"], self.args.read_requests)
            for r in out["reads"]:
                log(f"{store.name} {r['case']}: p50 {r['p50_ms']:.1f} ms, p99 {r['p99_ms']:.1f} ms, errors {r['errors']}")
            self.pages(store.name, out, seed["traces"])
        finally:
            server.stop()

    def pages(self, name, out, traces):
        """The web UI's pages on the seeded database, signed in; a failed sign-in is reported and skips them."""
        try:
            out["pages"] = reads.measure_pages(self.args.port, traces, self.args.read_requests)
        except (RuntimeError, OSError, KeyError, ValueError) as error:
            out["pages_error"] = f"{type(error).__name__}: {error}"
            log(f"{name}: pages skipped: {out['pages_error']}")
            return
        for r in out["pages"]:
            log(f"{name} {r['case']}: p50 {r['p50_ms']:.1f} ms, p99 {r['p99_ms']:.1f} ms, non-200 {r['errors']}, "
                f"{r['mean_kb']:.0f} KB")

    def cold_start(self):
        runs = []
        for n in range(self.args.cold_starts):
            env = {"LANTERN_SQLITE_PATH": os.path.join(self.work, f"cold-{n}.sqlite")}
            server = Lantern(self.args.binary, os.path.join(REPO, "config/dev-sqlite.yaml"), self.args.port, env,
                             os.path.join(self.work, "cold-start.log"))
            started = time.monotonic()
            server.spawn()
            try:
                server.wait_healthy(poll=0.002)
                runs.append((time.monotonic() - started) * 1000)
            finally:
                server.stop()
        self.results["cold_start"] = {"runs_ms": runs, "median_ms": statistics.median(runs)}
        log(f"cold start: median {statistics.median(runs):.0f} ms")

    def run(self):
        args = self.args
        if not os.path.exists(args.binary):
            sys.exit(f"bench/run: no lantern binary at {args.binary}; build it with: "
                     "swift build -c release --scratch-path .build-bench")
        self.make_pools()
        baseline_done = "baseline" not in args.only
        for name in args.backends:
            out = self.results["backends"].setdefault(name, {})
            store = None
            try:
                plugin = {"sqlite": "libSQLiteStorage.so", "postgres": "libPostgresStorage.so"}[name]
                if not os.path.exists(os.path.join(os.path.dirname(args.binary), plugin)):
                    raise RuntimeError(f"{plugin} is not beside the binary (not built)")
                if not os.path.exists(os.path.join(REPO, PROFILES[name])):
                    raise RuntimeError(f"the {name} profile config {PROFILES[name]} does not exist yet")
                store = SQLiteStore(self.work) if name == "sqlite" else PostgresStore(args.pg_port)
                config = self.choose_config(store, name)
                if not baseline_done:
                    self.baseline(store, config)
                    baseline_done = True
                for kind in ("otlp", "ingestion"):
                    if kind in args.only:
                        self.ingestion(store, config, out, kind)
                if "evaluation" in args.only:
                    self.evaluation(store, config, out)
                if "ceiling" in args.only:
                    self.ceiling(store, out)
                if "reads" in args.only:
                    self.reads(store, config, out)
            except Exception as error:  # report what failed, keep going with the next backend
                out["error"] = f"{type(error).__name__}: {error}"
                log(f"{name} failed: {out['error']}")
                traceback.print_exc()
            finally:
                if store:
                    store.close()
        if "coldstart" in args.only:
            self.cold_start()
        return self.results


def main(argv=None):
    args = parse(sys.argv[1:] if argv is None else argv)
    work = tempfile.mkdtemp(prefix="lantern-bench-")
    log(f"work folder {work}")
    suite = Suite(args, work)
    try:
        results = suite.run()
    finally:
        if not args.keep:
            shutil.rmtree(work, ignore_errors=True)
    history = report.kept_history(args.output)
    with open(args.output, "w") as f:
        f.write(report.render(results) + "\n" + history)
    if args.json:
        with open(args.json, "w") as f:
            json.dump(results, f, indent=1, default=str)
    log(f"wrote {args.output}")
    print(report.render(results))
