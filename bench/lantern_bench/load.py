"""Throughput runs: wrk (bench/wrk/pool.lua) against one endpoint, with the server's RSS and CPU sampled."""
import json
import os
import subprocess
import threading
import time

from .server import cpu_seconds, rss_kb

LUA = os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), "wrk", "pool.lua")


class RSSSampler(threading.Thread):
    """Samples VmRSS of `pid` every `interval` seconds until stopped; samples are (seconds since start, KiB)."""

    def __init__(self, pid, interval=0.5):
        super().__init__(daemon=True)
        self.pid, self.interval, self.samples = pid, interval, []
        self._halt = threading.Event()

    def run(self):
        start = time.monotonic()
        while not self._halt.is_set():
            value = rss_kb(self.pid)
            if value is not None:
                self.samples.append((time.monotonic() - start, value))
            self._halt.wait(self.interval)

    def stop(self):
        self._halt.set()
        self.join()
        return self.samples


def rss_summary(samples, duration):
    """Peak, early (the sample nearest t = min(10 s, duration/2)) and final RSS in MiB, and from the early sample on:
    the lowest and highest RSS and its trend (least-squares slope, MiB per minute)."""
    if not samples:
        return {"peak_mb": None, "early_mb": None, "end_mb": None, "early_at_s": None, "late_min_mb": None,
                "late_max_mb": None, "late_trend_mb_per_min": None}
    at = min(10.0, duration / 2)
    early = min(samples, key=lambda s: abs(s[0] - at))
    late = [(t, kib / 1024) for t, kib in samples if t >= early[0]]
    return {"peak_mb": max(v for _, v in samples) / 1024, "early_mb": early[1] / 1024,
            "end_mb": samples[-1][1] / 1024, "early_at_s": round(early[0], 1),
            "late_min_mb": min(v for _, v in late), "late_max_mb": max(v for _, v in late),
            "late_trend_mb_per_min": _slope(late) * 60}


def _slope(points):
    """Least-squares slope of (x, y) points; 0 for fewer than two distinct x."""
    mean_x = sum(x for x, _ in points) / len(points)
    mean_y = sum(y for _, y in points) / len(points)
    spread = sum((x - mean_x) ** 2 for x, _ in points)
    return sum((x - mean_x) * (y - mean_y) for x, y in points) / spread if spread else 0.0


def run_wrk(port, path, pool_dir, pool_count, fmt, content_type, auth, connections, duration, threads, salt,
            server_pid, spans_per_request):
    """One wrk run; returns a dict of rates, latencies, error counts, server RSS/CPU and wrk's own CPU."""
    env = dict(os.environ, BENCH_POOL_DIR=pool_dir, BENCH_POOL_COUNT=str(pool_count), BENCH_FORMAT=fmt,
               BENCH_SALT=str(salt), BENCH_CONTENT_TYPE=content_type, BENCH_AUTH=auth)
    command = ["wrk", "-t", str(min(threads, connections)), "-c", str(connections), "-d", f"{duration}s",
               "--timeout", "30s", "-s", LUA, f"http://127.0.0.1:{port}{path}"]
    sampler = RSSSampler(server_pid)
    sampler.start()
    server_cpu = cpu_seconds(server_pid)
    process = subprocess.Popen(command, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    # wait4 gives wrk's own CPU time (the generator's cost) without counting anything else
    out = process.stdout.read().decode()
    err = process.stderr.read().decode()
    _, status, usage = os.wait4(process.pid, 0)
    process.returncode = os.waitstatus_to_exitcode(status)
    server_cpu = cpu_seconds(server_pid) - server_cpu
    samples = sampler.stop()
    line = next((l for l in out.splitlines() if l.startswith("BENCHJSON ")), None)
    if line is None:
        raise RuntimeError(f"wrk failed ({process.returncode}): {err.strip()}\n{out}")
    result = json.loads(line[len("BENCHJSON "):])
    seconds = result["duration_us"] / 1e6
    result.update(
        connections=connections, seconds=seconds,
        requests_per_s=result["ok"] / seconds,
        items_per_s=(result["ok"] * spans_per_request - result["event_errors"]) / seconds,
        p50_ms=result["latency_us"]["p50"] / 1000, p99_ms=result["latency_us"]["p99"] / 1000,
        wrk_cpu=(usage.ru_utime + usage.ru_stime) / seconds,  # cores
        server_cpu=server_cpu / seconds,                      # cores
        socket_errors=sum(result["socket_errors"].values()),
        rss=rss_summary(samples, seconds), server_alive=rss_kb(server_pid) is not None)
    return result
