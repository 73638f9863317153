"""Freshness probe: every `interval` s, POST a one-span OTLP request with a new trace id, then poll
GET /api/public/traces/{id} until 200. Records ack->visible time (from the POST's 200 to the first 200 read)."""
import base64
import http.client
import os
import threading
import time

from .payloads import probe_request
from .server import PUBLIC_KEY, SECRET_KEY

AUTH = "Basic " + base64.b64encode(f"{PUBLIC_KEY}:{SECRET_KEY}".encode()).decode()


class FreshnessProbe(threading.Thread):
    def __init__(self, port, interval=0.1, give_up=30.0, poll_sleep=0.002):
        super().__init__(daemon=True)
        self.port, self.interval, self.give_up, self.poll_sleep = port, interval, give_up, poll_sleep
        self.visible_ms, self.failed_posts, self.never_visible, self.first_read_hits = [], 0, 0, 0
        self._halt = threading.Event()

    def _connection(self):
        return http.client.HTTPConnection("127.0.0.1", self.port, timeout=30)

    def _call(self, conn, method, path, body=None, headers=None):
        conn.request(method, path, body=body, headers=dict(headers or {}, Authorization=AUTH))
        response = conn.getresponse()
        response.read()
        return response.status

    def run(self):
        writer, reader = self._connection(), self._connection()
        while not self._halt.is_set():
            started = time.monotonic()
            trace_id = os.urandom(16)
            try:
                status = self._call(writer, "POST", "/api/public/otel/v1/traces", probe_request(trace_id),
                                    {"Content-Type": "application/x-protobuf"})
                if status != 200:
                    self.failed_posts += 1
                else:
                    acked = time.monotonic()
                    path = f"/api/public/traces/{trace_id.hex()}"
                    reads = 1
                    while self._call(reader, "GET", path) != 200:
                        reads += 1
                        if time.monotonic() - acked > self.give_up:
                            self.never_visible += 1
                            break
                        time.sleep(self.poll_sleep)
                    else:
                        self.visible_ms.append((time.monotonic() - acked) * 1000)
                        self.first_read_hits += reads == 1
            except (OSError, http.client.HTTPException):
                self.failed_posts += 1
                writer, reader = self._connection(), self._connection()
            self._halt.wait(max(0.0, self.interval - (time.monotonic() - started)))

    def stop(self):
        self._halt.set()
        self.join()
        return {"samples": len(self.visible_ms), "p50_ms": percentile(self.visible_ms, 50),
                "p99_ms": percentile(self.visible_ms, 99), "failed_posts": self.failed_posts,
                "never_visible": self.never_visible,
                "first_read_pct": 100 * self.first_read_hits / len(self.visible_ms) if self.visible_ms else None}


def percentile(values, p):
    """Nearest-rank percentile; None for no values."""
    if not values:
        return None
    ordered = sorted(values)
    rank = max(1, -(-len(ordered) * p // 100))  # ceil(n * p / 100)
    return ordered[int(rank) - 1]
