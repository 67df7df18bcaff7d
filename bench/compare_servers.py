"""The servers a benchmark run starts and stops: the project under gunicorn (2 workers, as
``make bench`` and ``make serve`` run it) and Datasette on the same SQLite file.

Each runs in its own session, logging to a file in the run's temporary folder (shown if it fails
to come up); stopping sends SIGTERM to that session only, then SIGKILL after a grace period.
Worker processes and their peak memory are read from ``/proc`` (Linux).
"""

import os
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

from bench.compare_load import wait_until_up

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent  # the venv's gunicorn and datasette sit beside its python


class Server:
    """One server process: ``argv`` run from the project folder with ``env`` on ``port``."""

    def __init__(self, name, argv, port, env, log_dir, ready_path):
        self.name, self.argv, self.port, self.env = name, argv, port, env
        self.log = Path(log_dir) / f"{name.replace(' ', '-')}.log"
        self.ready_path = ready_path
        self.process = None

    @property
    def base_url(self):
        return f"http://127.0.0.1:{self.port}"

    def start(self, wait_seconds=60):
        refuse_busy_port(self.port, self.name)
        with open(self.log, "wb") as log:
            self.process = subprocess.Popen(
                self.argv,
                cwd=ROOT,
                env=self.env,
                stdout=log,
                stderr=subprocess.STDOUT,
                stdin=subprocess.DEVNULL,
                start_new_session=True,
            )
        try:
            wait_until_up(self.base_url, self.ready_path, wait_seconds, self.process)
        except RuntimeError as error:
            self.stop()
            tail = self.log.read_text(errors="replace")[-3000:]
            raise SystemExit(f"{self.name} on port {self.port}: {error}\n{tail}") from None
        return self

    def stop(self, grace=10):
        if self.process is None or self.process.poll() is not None:
            return
        for sig, wait in ((signal.SIGTERM, grace), (signal.SIGKILL, 5)):
            try:
                os.killpg(self.process.pid, sig)  # the session this server was started in
            except ProcessLookupError:
                return
            try:
                self.process.wait(timeout=wait)
                return
            except subprocess.TimeoutExpired:
                continue

    def log_lines(self, text):
        """The lines of this server's log that contain ``text``."""
        if not self.log.exists():
            return []
        return [line for line in self.log.read_text(errors="replace").splitlines() if text in line]

    def workers(self):
        """The pids of this server's child processes (gunicorn's workers)."""
        return children(self.process.pid) if self.process else []


def refuse_busy_port(port, name):
    with socket.socket() as probe:
        if probe.connect_ex(("127.0.0.1", port)) == 0:
            raise SystemExit(f"Port {port} (for {name}) is already taken: pick another.")


def gunicorn(port, env, log_dir, workers=2, name="project"):
    argv = [
        str(BIN / "gunicorn"),
        "-c",
        "config/gunicorn.py",  # as make serve runs it (gthread, keep-alive)
        "config.wsgi",
        "--bind",
        f"127.0.0.1:{port}",
        "--workers",
        str(workers),
        "--log-level",
        "warning",
    ]
    return Server(name, argv, port, env, log_dir, "/api/v1/")


def datasette(port, db_file, env, log_dir):
    """Datasette as its documentation suggests for a file that does not change: immutable
    (``-i``), every setting at its default."""
    argv = [str(BIN / "datasette"), "serve", "-i", str(db_file), "--host", "127.0.0.1"]
    argv += ["--port", str(port)]
    return Server("Datasette", argv, port, env, log_dir, "/-/versions.json")


def children(pid):
    """The pids whose parent is ``pid``, from /proc."""
    found = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
        except OSError:
            continue
        # pid (comm) state ppid ...: comm may hold spaces and parentheses; split after the last ')'
        if int(stat.rpartition(")")[2].split()[1]) == pid:
            found.append(int(entry.name))
    return sorted(found)


def memory_kb(pid):
    """``{"VmHWM": peak resident kB, "VmRSS": resident kB}`` of ``pid``, or None once it is gone."""
    try:
        lines = Path(f"/proc/{pid}/status").read_text().splitlines()
    except OSError:
        return None
    values = {}
    for line in lines:
        key, _, rest = line.partition(":")
        if key in ("VmHWM", "VmRSS"):
            values[key] = int(rest.split()[0])
    return values


def wait_a_moment(seconds=1.0):
    """Let a server settle between phases (its workers finish what wrk left in flight)."""
    time.sleep(seconds)
