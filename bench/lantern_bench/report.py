"""Writes bench/RESULTS.md from the suite's results dict."""
import os
import platform
import subprocess
import time

from .server import REPO


def _fmt(value, digits=1):
    if value is None:
        return "–"
    if isinstance(value, float):
        return f"{value:,.{digits}f}"
    return f"{value:,}" if isinstance(value, int) else str(value)


def _table(header, rows):
    lines = ["| " + " | ".join(header) + " |", "|" + "|".join("---" for _ in header) + "|"]
    lines += ["| " + " | ".join(_fmt(c) if not isinstance(c, str) else c for c in row) + " |" for row in rows]
    return "\n".join(lines)


def machine():
    cpu = "unknown"
    with open("/proc/cpuinfo") as f:
        for line in f:
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    with open("/proc/meminfo") as f:
        mem_kb = int(f.readline().split()[1])
    commit = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=REPO, stdout=subprocess.PIPE, text=True).stdout.strip()
    dirty = subprocess.run(["git", "status", "--porcelain", "--untracked-files=no"], cwd=REPO, stdout=subprocess.PIPE,
                           text=True).stdout.strip()
    wrk = subprocess.run(["wrk", "--version"], stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True).stdout.split("\n")[0]
    return {"nproc": os.cpu_count(), "memory_gib": mem_kb / 1048576, "cpu": cpu, "kernel": platform.release(),
            "commit": commit + (" (with uncommitted changes)" if dirty else ""), "wrk": wrk.split(" Copyright")[0],
            "date": time.strftime("%Y-%m-%d %H:%M:%S %Z")}


def _rss(r):
    rss = r["rss"]
    return f'{_fmt(rss["peak_mb"], 0)} / {_fmt(rss["early_mb"], 0)} / {_fmt(rss["end_mb"], 0)}'


def _rss_late(r):
    """From the early sample on: lowest–highest RSS and the trend."""
    rss = r["rss"]
    if rss.get("late_trend_mb_per_min") is None:
        return "–"
    return f'{rss["late_min_mb"]:.0f}–{rss["late_max_mb"]:.0f}, {rss["late_trend_mb_per_min"]:+.1f} MiB/min'


def _errors(r):
    other = r["other"] + r["socket_errors"]
    detail = ", ".join(f"{k}: {v}" for k, v in r["other_statuses"].items())
    return f"{other}" + (f" ({detail})" if detail else "")


def _baseline_for(results, connections):
    for b in results.get("baseline") or []:
        if b["connections"] == connections:
            return b
    return None


def ingestion_tables(results, backend):
    """Throughput/latency/errors, then resources and the stored-row check, one row per (endpoint, clients)."""
    speed, resources = [], []
    for kind, label in (("otlp", "OTLP protobuf"), ("ingestion", "ingestion JSON")):
        for r in backend.get(kind, []):
            base = _baseline_for(results, r["connections"])
            fraction = f'{100 * r["requests_per_s"] / base["requests_per_s"]:.1f} %' if base else "baseline unavailable"
            speed.append([label, r["connections"], r["requests_per_s"], r["items_per_s"], fraction, r["p50_ms"],
                          r["p99_ms"], _errors(r), r["backpressure"], r["event_errors"] if kind == "ingestion" else "–"])
            resources.append([label, r["connections"], f'{r["server_cpu"]:.2f}', f'{r["wrk_cpu"]:.2f}', _rss(r), _rss_late(r),
                              f'{_fmt(r.get("stored_traces"))} / {_fmt(r.get("expected_traces"))}',
                              f'{_fmt(r.get("stored_observations"))} / {_fmt(r.get("expected_observations"))}'])
    return (_table(["endpoint", "clients", "req/s (200/207)", "spans/s or events/s", "of baseline req/s", "p50 ms",
                    "p99 ms", "errors (other than 503/429)", "503/429", "event errors"], speed),
            _table(["endpoint", "clients", "server CPU (cores)", "wrk CPU (cores)", "RSS MiB peak / early / end",
                    "RSS after early: MiB range, trend",
                    "traces stored / expected", "observations stored / expected"], resources))


# The OTLP throughput targets, as shares of the no-op baseline's spans/s at the highest concurrency.
THROUGHPUT_TARGETS = {"sqlite": 0.5, "postgres": 0.3}


def _widest_baseline_spans(results):
    """The no-op baseline at the highest concurrency and its spans/s, or (None, None)."""
    base = _baseline_for(results, max(results["options"]["concurrency"]))
    return (base, base["requests_per_s"] * results["options"]["spans_per_request"]) if base else (None, None)


def ceiling_table(results, backend):
    """The storage engine's own rates for the bench's observation rows, against the baseline and Lantern's OTLP rate."""
    widest = max(results["options"]["concurrency"])
    _, base_spans = _widest_baseline_spans(results)
    otlp = next((r for r in backend.get("otlp", []) if r["connections"] == widest), None)
    return _table(["engine", "table", "rows", "transactions", "seconds", "rows/s", "µs per row", "text MB/s",
                   f"of baseline spans/s ({widest} clients)", f"Lantern OTLP spans/s ({widest} clients) as share of this"],
                  [[c["engine"], c["table"], c["rows"], c["transactions"], c["seconds"], c["rows_per_s"], c["us_per_row"],
                    c["rows_per_s"] * c["text_bytes"] / 1e6,
                    f'{100 * c["rows_per_s"] / base_spans:.1f} %' if base_spans else "baseline unavailable",
                    f'{100 * otlp["items_per_s"] / c["rows_per_s"]:.0f} %' if otlp else "OTLP not run"]
                   for c in backend["ceiling"]])


# How an engine's one-client elapsed time per row relates to its rate under load, for the budget lines.
ENGINE_WRITERS = {"sqlite": "SQLite lets one connection write at a time, so one client's elapsed time per row bounds the "
                            "rate of any design that writes a row per span, however many cores there are.",
                  "postgres": "PostgreSQL can run several COPYs at once: on this machine's cores at most that many "
                              "times one client's rate, with wrk and Lantern on the same cores."}

# What each reference layout can and cannot do, for the budget lines.
LAYOUT_WORDS = {"no index": "Appending the rows to a table with no index (which could not even find a trace's rows)",
                "trace index": "The same table with one index, to find a trace's rows again (the least `GET /traces/{id}` needs),"}


def target_budget(results, name, backend):
    """What the backend's throughput target asks of this machine, against the no-index and trace-index references:
    lines of text."""
    base, base_spans = _widest_baseline_spans(results)
    target = THROUGHPUT_TARGETS.get(name)
    layouts = [c for table in LAYOUT_WORDS for c in backend["ceiling"] if c["table"] == table]
    if not (base and target and layouts):
        return []
    rate = target * base_spans
    wrk_cores = target * base["wrk_cpu"]  # wrk's CPU grows with the request rate it drives
    budget_us = (results["machine"]["nproc"] - wrk_cores) * 1e6 / rate
    http_us = base["server_cpu"] * 1e6 / base_spans
    binding_us = backend.get("binding_us_per_row") or 0.0
    lines = [f"- The target, {100 * target:.0f} % of the baseline, is {rate:,.0f} spans/s. At that rate wrk needs "
             f"~{wrk_cores:.2f} cores (it used {base['wrk_cpu']:.2f} at the baseline's rate), which leaves Lantern and "
             f"its database **{budget_us:.1f} µs of CPU per span**. The server's HTTP layer alone took {http_us:.1f} µs "
             "per span in the baseline."]
    if binding_us:
        lines.append(f"- Python's loop and sqlite3's binding take {binding_us:.1f} µs per row (the same rows into an "
                     "in-memory INSERT that stores nothing); it is taken off the SQLite figures below.")
    for c in layouts:
        engine_us = c["us_per_row"] - binding_us
        if engine_us <= 0:
            continue  # a run too short to tell the engine's time from the binding's
        spent = http_us + engine_us
        left = (f"{budget_us - spent:.1f} µs per span would be left" if spent < budget_us
                else f"**{spent - budget_us:.1f} µs per span over the budget**")
        lines.append(f"- {LAYOUT_WORDS[c['table']]} takes **{engine_us:.1f} µs per row** here (elapsed, one client): "
                     f"{1e6 / engine_us:,.0f} rows/s = {100e6 / engine_us / base_spans:.0f} % of the baseline. Counted "
                     f"as CPU and with HTTP, that is {spent:.1f} of the {budget_us:.1f} µs before any decoding, cost, "
                     f"merging or trace row: {left}.")
    if name in ENGINE_WRITERS:
        lines.append(f"- {ENGINE_WRITERS[name]}")
    return lines


def page_table(backend):
    """The web UI's pages, in the read table's style, with each page's p50 target."""
    return _table(["page (signed in)", "n", "p50 ms", "p99 ms", "non-200", "mean KB", "p50 target ms"],
                  [[r["case"], r["requests"], r["p50_ms"], r["p99_ms"], r["errors"], r["mean_kb"], r["target_ms"]]
                   for r in backend["pages"]])


def _verdict(ratio, errors):
    """met / not met for a figure/target ratio; a page that answered anything but 200 never meets its target."""
    if errors:
        return f"**not met** ({errors} non-200 answers)"
    return "**met**" if ratio < 1 else "**not met**"


def page_targets(backend):
    """A line per target of the issue's quality bar: the p50 of a page, or its largest body, against the target."""
    lines = []
    for r in backend["pages"]:
        if r["target_ms"] is not None and r["p50_ms"] is not None:
            ratio = r["p50_ms"] / r["target_ms"]
            lines.append(f"- `{r['case']}`: p50 {r['p50_ms']:,.1f} ms, target < {r['target_ms']} ms "
                         f"(p50/target {ratio:.2f}): {_verdict(ratio, r['errors'])}")
        if r.get("target_bytes"):
            ratio = r["max_bytes"] / r["target_bytes"]
            lines.append(f"- page weight of `{r['case']}` (no observation opened): {r['max_bytes']:,} bytes, target < "
                         f"{r['target_bytes']:,} bytes (ratio {ratio:.2f}): {_verdict(ratio, r['errors'])}")
    return lines


# Issue 23's target: OTLP ingestion with a 10 %-sampled judge rule keeps at least this share of its rate without one.
EVALUATION_TARGET = 0.95


def evaluation_lines(backend):
    """The evaluation section: both runs side by side, then the rule run's execution log, judge calls and the ratio
    against the target (lines of text)."""
    runs = backend["evaluation"]
    base = next((r for r in runs if not r["rule"]), None)
    lines = [_table(["rule", "clients", "req/s (200)", "spans/s", "of no rule", "p50 ms", "p99 ms",
                     "errors (other than 503/429)", "503/429", "server CPU (cores)", "fake LLM CPU (cores)",
                     "RSS MiB peak / early / end"],
                    [["10 % sampled" if r["rule"] else "none", r["connections"], r["requests_per_s"], r["items_per_s"],
                      f'{100 * r["items_per_s"] / base["items_per_s"]:.1f} %' if base else "–", r["p50_ms"], r["p99_ms"],
                      _errors(r), r["backpressure"], f'{r["server_cpu"]:.2f}', f'{r["judge_cpu"]:.2f}', _rss(r)]
                     for r in runs]), ""]
    rule = next((r for r in runs if r["rule"]), None)
    if not rule:
        return lines
    after = rule["executions_after"]
    drained = f'{rule["drain_s"]:.1f} s' if rule["drain_s"] is not None else f'not within {rule["drain_window_s"]:.0f} s'
    load_s, drain_s = rule["seconds"], rule["drain_window_s"]
    lines += [_table(["executions stored / expected", "stored at load end", "sampled (of stored)",
                      "completed at load end", "completed after the drain", "drained in", "by status after the drain",
                      "judge calls during load (/s)", "judge calls during drain (/s)"],
                     [[f'{sum(after.values()):,} / {rule["expected_executions"]:,}', sum(rule["executions_at_end"].values()),
                       sum(after.values()) - after.get("skipped_sampling", 0),
                       rule["executions_at_end"].get("completed", 0), after.get("completed", 0), drained,
                       ", ".join(f"{s}: {n:,}" for s, n in after.items()),
                       f'{rule["judge_calls_load"]:,} ({rule["judge_calls_load"] / load_s:,.1f})',
                       f'{rule["judge_calls_drain"]:,} ({rule["judge_calls_drain"] / drain_s:,.1f})' if drain_s else "–"]]), ""]
    if base:
        ratio = rule["items_per_s"] / base["items_per_s"]
        lines += [f"- With the rule, OTLP ingestion ran at **{100 * ratio:.1f} %** of its rate without it; target ≥ "
                  f"{100 * EVALUATION_TARGET:.0f} %: " + ("**met**" if ratio >= EVALUATION_TARGET else "**not met**"), ""]
    return lines


HISTORY_HEADING = "## History"


def kept_history(path):
    """The hand-kept history section of the report at `path` (from its heading to the end), so a new run keeps it."""
    try:
        with open(path) as f:
            text = f.read()
    except OSError:
        return ""
    start = text.find("\n" + HISTORY_HEADING + "\n")
    return "\n" + text[start + 1:] if start >= 0 else ""


def render(results):
    m, o = results["machine"], results["options"]
    out = [
        "# Lantern benchmark results", "",
        f"- Date: {m['date']}",
        f"- Commit: `{m['commit']}`",
        f"- Machine: {m['nproc']} CPUs ({m['cpu']}), {m['memory_gib']:.1f} GiB RAM, Linux {m['kernel']}",
        f"- Load generator: {m['wrk']} with bench/wrk/pool.lua ({o['wrk_threads']} threads max); Python {platform.python_version()} for probe, seeding and reads",
        f"- Command: `{results['command']}`",
        f"- Duration per load run: {o['duration']} s; clients: {', '.join(map(str, o['concurrency']))}; "
        f"{o['spans_per_request']} spans (events) per request",
        f"- Bodies: {results['pools']['otlp']['count']} distinct OTLP bodies (mean {results['pools']['otlp']['mean_kb']:.0f} KB) and "
        f"{results['pools']['ingestion']['count']} distinct ingestion bodies (mean {results['pools']['ingestion']['mean_kb']:.0f} KB); "
        "every id in a body is rewritten per request by the Lua script (salt, thread, counter), so each request inserts new rows",
        "- Each load run uses a fresh server process and a fresh database.",
        "",
        "See bench/README.md for what each number means.", "",
    ]
    if results.get("notes"):
        out += ["## Notes", ""] + [f"- {n}" for n in results["notes"]] + [""]

    out += ["## No-op baseline and generator ceiling", ""]
    if results.get("baseline"):
        out += ["`POST /bench/discard` (reads and drops the body, answers 200 `{}`), same OTLP bodies and Lua script. "
                "This is the ceiling of the generator + HTTP stack on this machine.", ""]
        out.append(_table(["clients", "req/s", "= spans/s", "p50 ms", "p99 ms", "errors", "server CPU (cores)",
                           "wrk CPU (cores)"],
                          [[b["connections"], b["requests_per_s"], b["requests_per_s"] * o["spans_per_request"], b["p50_ms"],
                            b["p99_ms"], _errors(b), f'{b["server_cpu"]:.2f}', f'{b["wrk_cpu"]:.2f}'] for b in results["baseline"]]))
    else:
        out.append(f"Baseline unavailable: {results.get('baseline_reason', 'not run')}.")
    out.append("")

    for name, backend in results["backends"].items():
        out += [f"## {name}", ""]
        if backend.get("error"):
            out += [f"**Failed:** {backend['error']}", ""]
        if backend.get("otlp") or backend.get("ingestion"):
            speed, resources = ingestion_tables(results, backend)
            out += ["### Ingestion throughput", "",
                    "spans/s (OTLP) and events/s (ingestion JSON) count accepted items only "
                    "(200/207 answers × 100, minus per-event errors).", "", speed, "",
                    "### Server resources and stored rows during those runs", "",
                    "RSS early = the sample nearest t = min(10 s, duration/2). \"stored / expected\" compares the API's "
                    "totals after the run with 10 traces and 100 (OTLP) or 90 (ingestion) observations per accepted request "
                    "(+ 1 per freshness probe): equal means every request inserted new rows (stored may exceed expected by up "
                    "to one request per client: requests in flight when wrk stopped).", "", resources, ""]
        if backend.get("ceiling"):
            out += ["### Storage-engine reference: the same observation rows without Lantern", "",
                    "What the database engine needs on this machine, with nothing else running, for rows shaped like the "
                    "spans above: the observation table's key and indexed columns with the bench's input/output texts, "
                    "committed in transactions of Lantern's group size with Lantern's durability, from one client "
                    "(bench/lantern_bench/ceiling.py). No HTTP, decoding, merging or trace rows. \"indexed\" has "
                    "Lantern's primary key and five indexes: what storing each span as an indexed row costs here. "
                    "\"no index\" appends the same rows to a bare table in the engine's cheapest durable form: no "
                    "design storing each span as a row of its own in this engine can pay less. \"trace index\" adds "
                    "to that table the one index needed to find a trace's spans again. µs per row is elapsed time "
                    "(fsync waits included), from one client.", "",
                    ceiling_table(results, backend), ""]
            budget = target_budget(results, name, backend)
            if budget:
                out += ["What the throughput target asks of this machine:", ""] + budget + [""]
        if backend.get("freshness"):
            out += ["### Freshness (ack → visible) during the OTLP load", "",
                    "From the probe POST's 200 to the first 200 of `GET /api/public/traces/{id}`; \"visible at first read\" "
                    "= share of probes whose first GET already found the trace (then the time is one GET's latency under load).",
                    "", _table(["load clients", "probes", "p50 ms", "p99 ms", "visible at first read", "failed POSTs",
                                "never visible"],
                               [[f["connections"], f["samples"], f["p50_ms"], f["p99_ms"],
                                 "–" if f.get("first_read_pct") is None else f'{f["first_read_pct"]:.0f} %',
                                 f["failed_posts"], f["never_visible"]] for f in backend["freshness"]]), ""]
        if backend.get("evaluation"):
            out += ["### Evaluation: OTLP ingestion without and with a 10 %-sampled LLM-judge rule", "",
                    "Two OTLP runs at the highest concurrency, each on a fresh server and database: without an evaluation "
                    "rule, then with one rule (every observation, sampling 0.1, one NUMERIC judge) calling the fake LLM "
                    "(Tests/e2e/fake_llm.py, a subprocess on the same machine), with `evaluation.maxExecutionsPerRulePerHour` "
                    "raised so that every sampled span is judged. An execution is stored for every span (sampled or "
                    "`skipped_sampling`); expected = 100 per accepted request (stored may exceed it by up to one request per "
                    "client: requests in flight when wrk stopped). After the load the suite waits up to "
                    "`--drain` s until none is pending, delayed or running.", ""] + evaluation_lines(backend)
        if backend.get("seed"):
            s = backend["seed"]
            out += ["### Reads on a seeded database", "",
                    f"Seeded {s['observations']:,} observations in {s['traces']:,} traces ({s['events']:,} events incl. "
                    f"trace-create) in **{s['seconds']:.1f} s** ({s['events_per_s']:,.0f} events/s; {s['clients']} clients, "
                    f"at most {s['batch_events']} events per batch unless one trace is larger; rejected events: "
                    f"{s['rejected_events']}, failed batches: {s['failed_batches']}). Stored according to the API: {_fmt(s.get('stored_traces'))} traces, "
                    f"{_fmt(s.get('stored_observations'))} observations.", ""]
        if backend.get("reads"):
            out += [_table(["request", "n", "p50 ms", "p99 ms", "non-200", "mean items", "mean KB"],
                           [[r["case"], r["requests"], r["p50_ms"], r["p99_ms"], r["errors"], r["mean_items"], r["mean_kb"]]
                            for r in backend["reads"]]), ""]
        if backend.get("pages"):
            out += ["#### Web UI pages", "",
                    "The WebUI plugin's server-rendered HTML on the same database, same method (one keep-alive connection, "
                    "one warm-up, sequential requests), signed in with the session cookie of `POST /api/auth/sign-in`; "
                    "a page that is not signed in answers 303, counted as non-200. KB = bytes of the HTML answer / 1024. "
                    "The 200-observation trace cycles through those traces; the 1,000-observation trace is one trace.", "",
                    page_table(backend), "",
                    f"Targets (the issue's quality bar, set for 1,000,000 observations; this run seeded "
                    f"{backend['seed']['observations']:,}):", ""]
            out += page_targets(backend) + [""]
        if backend.get("pages_error"):
            out += [f"Web UI pages not measured: {backend['pages_error']}", ""]
    if results.get("cold_start"):
        c = results["cold_start"]
        out += ["## Cold start (dev profile, SQLite)", "",
                f"`lantern serve` spawn → first 200 from `/api/public/health`: median **{c['median_ms']:.0f} ms** over "
                f"{len(c['runs_ms'])} runs ({', '.join(f'{v:.0f}' for v in c['runs_ms'])} ms).", ""]
    return "\n".join(out)
