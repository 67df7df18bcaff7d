"""Load for ``make bench-compare`` and ``make bench-pg``: latency from one keep-alive client,
throughput from ``wrk``.

Latency is measured one request at a time on one persistent connection (``http.client`` reopens
it when a server closes it after each response, as gunicorn's sync workers do: that cost is the
server's). Throughput is ``wrk -t2 -c8`` for some seconds, driven by ``bench/wrk/paths.lua``,
which walks a file of paths so that, for the cold figures, no path is sent twice.
"""

import http.client
import json
import math
import re
import shutil
import statistics
import subprocess
import tempfile
import time
import urllib.parse
from dataclasses import dataclass, field
from pathlib import Path

from bench.api_latency import percentile

LUA = Path(__file__).resolve().parent / "wrk" / "paths.lua"
HEADERS = {"Accept": "application/json"}


class Client:
    """GETs on one kept-alive connection to ``base_url``."""

    def __init__(self, base_url, timeout=30.0):
        url = urllib.parse.urlsplit(base_url)
        if url.scheme != "http":
            raise SystemExit(f"Only plain http is supported, not {base_url!r}.")
        self.host, self.port, self.timeout = url.hostname, url.port or 80, timeout
        self.connection = None

    def get(self, path):
        """``(status, body, seconds)``; a broken kept-alive connection is reopened once."""
        for attempt in (1, 2):
            if self.connection is None:
                self.connection = http.client.HTTPConnection(
                    self.host, self.port, timeout=self.timeout
                )
            started = time.perf_counter()
            try:
                self.connection.request("GET", path, headers=HEADERS)
                response = self.connection.getresponse()
                body = response.read()
            except (OSError, http.client.HTTPException):
                self.close()
                if attempt == 2:
                    raise
                continue
            return response.status, body, time.perf_counter() - started
        raise AssertionError("unreachable")

    def get_json(self, path):
        status, body, _ = self.get(path)
        if status != 200:
            raise SystemExit(f"GET {path} answered {status}: {body[:300]!r}")
        return json.loads(body)

    def close(self):
        if self.connection is not None:
            self.connection.close()
            self.connection = None


def get_json(base_url, path):
    """One GET of a JSON answer on a connection of its own."""
    client = Client(base_url)
    try:
        return client.get_json(path)
    finally:
        client.close()


def wait_until_up(base_url, path, seconds, process=None):
    """Poll ``path`` until it answers 200; fail early if ``process`` exits."""
    deadline = time.monotonic() + seconds
    client = Client(base_url, timeout=10)
    try:
        while True:
            if process is not None and process.poll() is not None:
                raise RuntimeError(f"exited with code {process.returncode}")
            try:
                status, body, _ = client.get(path)
                if status == 200:
                    return
                problem = f"answered {status}: {body[:200]!r}"
            except OSError as error:
                problem = repr(error)
            if time.monotonic() > deadline:
                raise RuntimeError(f"not up after {seconds:.0f} s ({problem})")
            time.sleep(0.25)
    finally:
        client.close()


@dataclass
class Latencies:
    """Milliseconds of the requests that answered 200, and what went wrong with the others."""

    ms: list = field(default_factory=list)
    errors: list = field(default_factory=list)

    def add(self, other):
        self.ms += other.ms
        self.errors += other.errors

    @property
    def median(self):
        return statistics.median(self.ms) if self.ms else math.nan

    @property
    def p99(self):
        return percentile(sorted(self.ms), 0.99)


def measure_latency(base_url, paths, prime_path):
    """GET each path once, in order, on a fresh kept-alive connection (first primed with
    ``prime_path``, not counted: a server may have closed the idle one)."""
    client, result = Client(base_url), Latencies()
    try:
        client.get(prime_path)
        for path in paths:
            try:
                status, body, seconds = client.get(path)
            except (OSError, http.client.HTTPException) as error:
                result.errors.append(f"{path}: {error!r}")
                continue
            if status == 200:
                result.ms.append(seconds * 1000)
            else:
                result.errors.append(f"{path}: {status} {body[:120]!r}")
    finally:
        client.close()
    return result


@dataclass
class Throughput:
    requests: int = 0
    seconds: float = 0.0
    errors: int = 0  # socket errors and non-2xx/3xx answers
    wrapped: int = 0  # times a thread ran out of paths and started its list again
    runs: int = 0

    def add(self, other):
        self.requests += other.requests
        self.seconds += other.seconds
        self.errors += other.errors
        self.wrapped += other.wrapped
        self.runs += other.runs

    @property
    def per_second(self):
        return self.requests / self.seconds if self.seconds else math.nan


RESULT_LINE = re.compile(r"^WRK-RESULT (.*)$", re.MULTILINE)


def parse_wrk(output):
    """The figures ``paths.lua`` prints when wrk is done."""
    match = RESULT_LINE.search(output)
    if not match:
        raise RuntimeError(f"wrk printed no result line:\n{output[-2000:]}")
    values = dict(item.split("=", 1) for item in match.group(1).split())
    errors = sum(int(values[k]) for k in ("connect", "read", "write", "status", "timeout"))
    return Throughput(
        requests=int(values["requests"]),
        seconds=int(values["duration_us"]) / 1e6,
        errors=errors,
        wrapped=int(values["wrapped"]),
        runs=1,
    )


def wrk_command():
    """The wrk executable, or a message saying how to get it."""
    found = shutil.which("wrk")
    if not found:
        raise SystemExit(
            "wrk is not installed: apt-get install wrk (Debian's package; "
            "`make bench-compare` installs it when run as root)."
        )
    return found


def measure_throughput(base_url, paths, seconds, threads=2, connections=8):
    """``wrk -t<threads> -c<connections> -d<seconds>`` walking ``paths`` (each thread takes
    every ``threads``-th path from its own offset, so none is sent twice until they run out)."""
    with tempfile.NamedTemporaryFile("w", suffix=".paths", delete=False) as listing:
        listing.write("\n".join(paths) + "\n")
    try:
        command = [
            wrk_command(),
            f"-t{threads}",
            f"-c{connections}",
            f"-d{seconds}s",
            "--timeout",
            "10s",
            "-H",
            "Accept: application/json",
            "-s",
            str(LUA),
            base_url.rstrip("/") + "/",
            "--",
            listing.name,
            str(threads),
        ]
        done = subprocess.run(command, capture_output=True, text=True, timeout=seconds + 60)
        if done.returncode:
            raise RuntimeError(f"wrk failed ({done.returncode}): {done.stderr or done.stdout}")
        return parse_wrk(done.stdout)
    finally:
        Path(listing.name).unlink(missing_ok=True)
