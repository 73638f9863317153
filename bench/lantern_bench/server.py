"""Starting and stopping Lantern (and a throw-away PostgreSQL), and reading a process's RSS and CPU time."""
import glob
import http.client
import os
import re
import shutil
import signal
import subprocess
import time

REPO = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
PUBLIC_KEY, SECRET_KEY = "pk-lf-dev", "sk-lf-dev"
# The user the page benchmarks sign in as: the dev profile's `init.user` (LANTERN_DEV_*), and on the production
# profile, which has no `init:` block, Langfuse's headless initialisation (LANGFUSE_INIT_USER_*), an OWNER of the
# organization the seeded project joins.
USER_EMAIL, USER_PASSWORD = "dev@lantern.local", "lantern-dev-1"
PROFILES = {"sqlite": "config/dev-sqlite.yaml", "postgres": "config/production-postgres.yaml"}
CLOCK_TICKS = os.sysconf("SC_CLK_TCK")


def rss_kb(pid):
    """VmRSS of `pid` in KiB, or None when the process is gone."""
    try:
        with open(f"/proc/{pid}/status") as f:
            for line in f:
                if line.startswith("VmRSS:"):
                    return int(line.split()[1])
    except OSError:
        return None
    return None


def cpu_seconds(pid):
    """User + system CPU seconds used so far by `pid` (all its threads)."""
    try:
        with open(f"/proc/{pid}/stat") as f:
            fields = f.read().rsplit(")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / CLOCK_TICKS
    except OSError:
        return 0.0


def bench_config(profile, directory):
    """Copies the profile's config into `directory` with `benchmarkEndpoint: true` under `server:` and a `cost:`
    section naming the repository's price table and tokenizers (the copy no longer sits beside them)."""
    with open(os.path.join(REPO, PROFILES[profile])) as f:
        lines = f.read().splitlines()
    out, added = [], False
    for line in lines:
        out.append(line)
        if re.match(r"^server:\s*(#.*)?$", line):
            out.append("  benchmarkEndpoint: true")
            added = True
    if not added:
        out += ["server:", "  benchmarkEndpoint: true"]
    config = os.path.join(REPO, "config")
    out += ["cost:", f"  modelPrices: {config}/model-prices.json", f"  tokenizers: {config}/tokenizers"]
    path = os.path.join(directory, f"bench-{profile}.yaml")
    with open(path, "w") as f:
        f.write("\n".join(out) + "\n")
    return path


def request(port, method, path, body=None, headers=None, timeout=30):
    """One HTTP request on a fresh connection; returns (status, body bytes)."""
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=timeout)
    try:
        conn.request(method, path, body=body, headers=headers or {})
        response = conn.getresponse()
        return response.status, response.read()
    finally:
        conn.close()


class Lantern:
    """One `lantern serve` process on a config file, with its output in `log_path`."""

    def __init__(self, binary, config, port, env_extra, log_path):
        self.binary, self.config, self.port, self.log_path = binary, config, port, log_path
        self.env = dict(os.environ, LANTERN_HOST="127.0.0.1", LANTERN_PORT=str(port),
                        LANTERN_PUBLIC_KEY=PUBLIC_KEY, LANTERN_SECRET_KEY=SECRET_KEY,
                        LANTERN_DEV_EMAIL=USER_EMAIL, LANTERN_DEV_PASSWORD=USER_PASSWORD,
                        LANGFUSE_INIT_USER_EMAIL=USER_EMAIL, LANGFUSE_INIT_USER_PASSWORD=USER_PASSWORD, **env_extra)
        self.process = None

    def spawn(self):
        try:  # something else on the port would answer our requests instead of this server
            request(self.port, "GET", "/api/public/health", timeout=1)
            raise RuntimeError(f"port {self.port} is already in use; stop that server or pass --port")
        except OSError:
            pass
        self.log = open(self.log_path, "ab")
        self.process = subprocess.Popen([self.binary, "serve", "--config", self.config], env=self.env,
                                        stdout=self.log, stderr=subprocess.STDOUT)
        return self

    @property
    def pid(self):
        return self.process.pid

    def wait_healthy(self, timeout=60, poll=0.005):
        """Polls /api/public/health until 200; returns seconds waited."""
        start = time.monotonic()
        while time.monotonic() - start < timeout:
            if self.process.poll() is not None:
                raise RuntimeError(f"lantern exited with {self.process.returncode}; see {self.log_path}")
            try:
                if request(self.port, "GET", "/api/public/health", timeout=2)[0] == 200:
                    waited = time.monotonic() - start
                    if self.process.poll() is not None:
                        raise RuntimeError(f"lantern exited with {self.process.returncode}; see {self.log_path}")
                    return waited
            except OSError:
                pass
            time.sleep(poll)
        raise RuntimeError(f"lantern not healthy after {timeout}s; see {self.log_path}")

    def start(self):
        self.spawn().wait_healthy()
        return self

    def alive(self):
        return self.process is not None and self.process.poll() is None

    def stop(self):
        if self.process and self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        if self.process:
            self.log.close()


class SQLiteStore:
    """A new database file per `fresh()`."""
    name = "sqlite"

    def __init__(self, work):
        self.work, self.count = work, 0

    def fresh(self):
        self.count += 1
        return {"LANTERN_SQLITE_PATH": os.path.join(self.work, f"db-{self.count}.sqlite")}

    def close(self):
        pass


def psql_path():
    """psql from PATH, else from the newest /usr/lib/postgresql/*/bin."""
    return shutil.which("psql") or sorted(glob.glob("/usr/lib/postgresql/*/bin/psql"))[-1]


class PostgresStore:
    """One throw-away PostgreSQL server (scripts/postgres-start PORT); a new database per `fresh()`."""
    name = "postgres"

    def __init__(self, port):
        self.port, self.count = port, 0
        out = subprocess.run([os.path.join(REPO, "scripts/postgres-start"), str(port)], check=True,
                             stdout=subprocess.PIPE, text=True).stdout
        self.url = out.strip().splitlines()[-1]
        self.base = self.url.rsplit("/", 1)[0]

    def fresh(self):
        self.count += 1
        name = f"bench_{self.count}"
        subprocess.run([psql_path(), "-h", "127.0.0.1", "-p", str(self.port), "-U", "postgres", "-q", "-c",
                        f"CREATE DATABASE {name}"], check=True, stdout=subprocess.DEVNULL)
        return {"LANTERN_DATABASE_URL": f"{self.base}/{name}"}

    def close(self):
        subprocess.run([os.path.join(REPO, "scripts/postgres-stop"), str(self.port)], check=False)
