"""The CSV check of ``make bench-compare``: ``GET /api/v1/patrols/?format=csv`` of every patrol,
its time to the first byte and in all, and the peak memory of the gunicorn worker serving it.

The workers' peak resident size (``VmHWM`` in ``/proc/<pid>/status``) is read before, sampled
while the file streams (a worker killed midway, by gunicorn's timeout say, keeps its last
sample) and read after: the worker whose peak grew is the one that served. Flat memory means
its peak hardly moves, whatever the number of rows.
"""

import http.client
import threading
import time
import urllib.parse
from dataclasses import dataclass, field

from bench.compare_servers import memory_kb

CSV_PATH = "/api/v1/patrols/?format=csv"


@dataclass
class CsvResult:
    status: int = 0
    first_byte: float = float("nan")  # seconds from sending the request
    total: float = float("nan")
    size: int = 0
    rows: int = 0
    complete: bool = False
    problem: str = ""
    peaks: dict = field(default_factory=dict)  # pid -> (VmHWM before, VmHWM after) in kB

    def serving_worker(self):
        """``(pid, before, after)`` of the worker whose peak grew most (None if none known)."""
        known = [
            (after - before, pid, before, after) for pid, (before, after) in self.peaks.items()
        ]
        if not known:
            return None
        _, pid, before, after = max(known)
        return pid, before, after


class PeakSampler(threading.Thread):
    """Reads the workers' ``VmHWM`` every ``interval`` seconds until stopped."""

    def __init__(self, pids, interval=0.05):
        super().__init__(daemon=True)
        self.pids, self.interval = list(pids), interval
        self.last = {}
        self.halt = threading.Event()

    def run(self):
        while not self.halt.is_set():
            self.sample()
            self.halt.wait(self.interval)

    def sample(self):
        for pid in self.pids:
            values = memory_kb(pid)
            if values:
                self.last[pid] = values["VmHWM"]


def check_csv(base_url, workers, timeout=900.0, chunk=65536):
    """Stream the CSV from ``base_url``; ``workers`` are the gunicorn worker pids."""
    before = {pid: (memory_kb(pid) or {}).get("VmHWM") for pid in workers}
    sampler = PeakSampler(workers)
    sampler.start()
    url = urllib.parse.urlsplit(base_url)
    connection = http.client.HTTPConnection(url.hostname, url.port, timeout=timeout)
    result, newlines = CsvResult(), 0
    started = time.perf_counter()
    try:
        connection.request("GET", CSV_PATH)
        response = connection.getresponse()
        result.status = response.status
        while True:
            data = response.read(chunk if result.size else 1)
            if not data:
                break
            if not result.size:
                result.first_byte = time.perf_counter() - started
            result.size += len(data)
            newlines += data.count(b"\n")
        result.complete = result.status == 200
    except (OSError, http.client.HTTPException) as error:
        result.problem = f"the stream broke off: {type(error).__name__}"
    finally:
        result.total = time.perf_counter() - started
        connection.close()
        sampler.halt.set()
        sampler.join()
        sampler.sample()
    result.rows = max(newlines - 1, 0)  # a header line, then one line per patrol
    for pid, first in before.items():
        if first is not None and pid in sampler.last:
            result.peaks[pid] = (first, sampler.last[pid])
    return result


def describe(result, expected_rows):
    """Lines for the report."""
    mb = 1024
    lines = [
        f"GET {CSV_PATH}: status {result.status}, first byte after {result.first_byte:.2f} s, "
        f"{result.size / 1e6:.1f} MB in {result.total:.1f} s, {result.rows:,} of "
        f"{expected_rows:,} patrols"
    ]
    if not result.complete or result.rows != expected_rows:
        rate = result.rows / result.total if result.total else 0
        whole = f", all {expected_rows:,} would take ~{expected_rows / rate:.0f} s" if rate else ""
        lines.append(
            f"  INCOMPLETE: {result.problem or 'fewer rows than patrols'} after "
            f"{result.total:.1f} s ({rate:.0f} rows/s{whole})"
        )
    worker = result.serving_worker()
    if worker:
        pid, before, after = worker
        lines.append(
            f"  worker {pid} peak RSS: {before / mb:.0f} MB before, {after / mb:.0f} MB after "
            f"(+{(after - before) / mb:.0f} MB)"
        )
    else:
        lines.append("  worker peak RSS: not readable (/proc)")
    return lines
