"""The evaluation section's parts: the fake LLM judge (Tests/e2e/fake_llm.py in a subprocess), the rule set up through
the public API, and the execution log's counts while its queue drains. The runs themselves are in suite.py."""
import http.client
import json
import os
import subprocess
import sys
import time

from .freshness import AUTH
from .reads import total_items
from .server import REPO, request

CONNECTION = {"provider": "fake", "adapter": "openai", "secretKey": "sk-bench-1234", "customModels": ["fake-judge"]}
EVALUATOR = {"name": "bench-judge", "prompt": "Judge {{input}} -> {{output}}",
             "outputDefinition": {"dataType": "NUMERIC", "reasoning": {"description": "why"},
                                  "score": {"description": "0..1", "minValue": 0, "maxValue": 1}},
             "modelConfig": {"provider": "fake", "model": "fake-judge"}}
RULE = {"name": "bench-rule", "target": "observation", "enabled": True, "sampling": 0.1, "filter": [],
        "evaluators": [{"evaluator": {"name": "bench-judge"},
                        "mapping": [{"variable": "input", "source": "input"}, {"variable": "output", "source": "output"}]}]}
STATUSES = ["pending", "delayed", "running", "completed", "error", "skipped_filter", "skipped_sampling", "skipped_cap",
            "paused"]
WAITING = ("pending", "delayed", "running")
# The hourly cap per rule (evaluation.maxExecutionsPerRulePerHour, 1,000 by default) would log nearly every sampled
# span of a minute's load as skipped_cap; the section raises it so that every sampled span is judged.
CAP = 10_000_000

# FakeLLM keeping only each provider request's arrival time (time.time()) instead of the request, so that
# GET /_control/requests stays small after tens of thousands of judge calls and gives their times.
FAKE = """
import sys, threading, time
sys.path.insert(0, sys.argv[1])
from fake_llm import FakeLLM

class Clocked(FakeLLM):
    def _record(self, request):
        with self._lock:
            self.requests.append(time.time())

print(Clocked().start().base_url, flush=True)
threading.Event().wait()
"""


def config(base, directory, name):
    """A copy of the config file `base` with the raised hourly cap (`CAP`)."""
    with open(base) as f:
        text = f.read()
    path = os.path.join(directory, f"bench-{name}-evaluation.yaml")
    with open(path, "w") as f:
        f.write(text.rstrip("\n") + f"\nevaluation:\n  maxExecutionsPerRulePerHour: {CAP}\n")
    return path


class FakeJudge:
    """Tests/e2e/fake_llm.py's OpenAI-compatible fake in a subprocess on a free port; `base_url` includes /v1."""

    def __init__(self, log_path):
        with open(log_path, "ab") as log:
            self.process = subprocess.Popen([sys.executable, "-c", FAKE, os.path.join(REPO, "Tests/e2e")],
                                            stdout=subprocess.PIPE, stderr=log, text=True)
        self.base_url = self.process.stdout.readline().strip()
        if not self.base_url.startswith("http://"):
            self.stop()
            raise RuntimeError(f"the fake LLM did not start; see {log_path}")
        self.port = int(self.base_url.rsplit(":", 1)[1].split("/")[0])

    @property
    def pid(self):
        return self.process.pid

    def call_times(self):
        """The arrival time (time.time()) of every provider request so far."""
        conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=60)
        try:
            conn.request("GET", "/_control/requests")
            return json.loads(conn.getresponse().read())
        finally:
            conn.close()

    def stop(self):
        self.process.terminate()
        self.process.wait()
        self.process.stdout.close()


def add_rule(port, base_url):
    """The LLM connection to the fake, the judge evaluator and the 10 %-sampled rule on the key's project; returns
    the rule's id."""
    for method, path, body in (("PUT", "/api/public/llm-connections", dict(CONNECTION, baseURL=base_url)),
                               ("POST", "/api/public/unstable/evaluators", EVALUATOR),
                               ("POST", "/api/public/unstable/evaluation-rules", RULE)):
        status, answer = request(port, method, path, json.dumps(body).encode(),
                                 {"Content-Type": "application/json", "Authorization": AUTH})
        if status not in (200, 201):
            raise RuntimeError(f"{method} {path} answered {status}: {answer[:300].decode(errors='replace')}")
    return json.loads(answer)["id"]


def count(port, rule_id, status):
    """How many of the rule's executions have `status` (the execution log's meta.totalItems)."""
    total = total_items(port, f"/api/public/evaluation-executions?ruleId={rule_id}&status={status}&limit=1")
    if total is None:
        raise RuntimeError(f"GET /api/public/evaluation-executions?status={status} did not answer 200")
    return total


def counts(port, rule_id):
    """The rule's executions by status, statuses with none left out."""
    return {status: n for status in STATUSES if (n := count(port, rule_id, status))}


def drain(port, rule_id, since, limit, poll=0.5):
    """Seconds from `since` (a time.time()) until none of the rule's executions waits or runs, checked every `poll` s;
    None when some still do `limit` s after `since`."""
    while sum(count(port, rule_id, status) for status in WAITING):
        if time.time() - since >= limit:
            return None
        time.sleep(poll)
    return time.time() - since
