"""Dependencies a test starts, stops and stalls on its own, and the API routes they serve.

- ``redis_server``: a Redis server of the test's own, loopback only, on a free port, nothing
  saved, always stopped. The shared Redis a developer may run (127.0.0.1:6379) is never touched.
- ``TcpProxy``: a loopback port forwarding to the database server, which a test closes, stalls
  and opens again to play a database outage without touching the server itself.
- ``concurrent_gets``: requests sent together, each from its own thread and test client.
"""

import contextlib
import os
import shutil
import signal
import socket
import subprocess
import threading
import time

import pytest
from django.db import connections
from django.test import Client
from django.urls import reverse

from config import api

REDIS_SERVER = shutil.which("redis-server") or "/usr/bin/redis-server"
START_SECONDS = 10


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def answers_ping(port):
    try:
        with socket.create_connection(("127.0.0.1", port), timeout=0.5) as connection:
            connection.sendall(b"PING\r\n")
            return connection.recv(16).startswith(b"+PONG")
    except OSError:
        return False


class RedisServer:
    def __init__(self, directory):
        self.directory = directory
        self.port = free_port()
        self.process = None

    @property
    def url(self):
        return f"redis://127.0.0.1:{self.port}/0"

    def start(self):
        self.process = subprocess.Popen(
            [REDIS_SERVER, "--port", str(self.port), "--bind", "127.0.0.1"]
            + ["--save", "", "--appendonly", "no", "--dir", str(self.directory)],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        deadline = time.monotonic() + START_SECONDS
        while not answers_ping(self.port):
            if self.process.poll() is not None or time.monotonic() > deadline:
                self.stop()
                pytest.fail(f"redis-server did not start on port {self.port}")
            time.sleep(0.05)

    def stop(self):
        if self.process is None:
            return
        self.resume()
        self.process.terminate()
        try:
            self.process.wait(timeout=5)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait(timeout=5)
        self.process = None

    def pause(self):
        """Freeze the server: it keeps its port but answers nothing (a stalled Redis)."""
        os.kill(self.process.pid, signal.SIGSTOP)

    def resume(self):
        os.kill(self.process.pid, signal.SIGCONT)


@pytest.fixture
def redis_server(tmp_path):
    if not os.access(REDIS_SERVER, os.X_OK):
        pytest.skip(f"needs redis-server ({REDIS_SERVER} not found)")
    server = RedisServer(tmp_path)
    server.start()
    yield server
    server.stop()


@pytest.fixture
def redis_cache(redis_server, settings):
    """The default cache is the project's fail-open Redis cache on the test's own server,
    leaving Redis alone for only 0.2 s after a failure so a test can wait out an outage."""
    settings.CACHES = {
        "default": {
            "BACKEND": "core.cache.FailOpenRedisCache",
            "LOCATION": redis_server.url,
            "OPTIONS": {"retry_seconds": 0.2},
        }
    }
    return redis_server


# --- The API's routes, read from the URL conf -------------------------------------------------


def api_routes():
    """Every route of /api/v1/ as a URL, a record's own with the key ``1``."""
    return {
        pattern.name: reverse(
            f"api:{pattern.name}", kwargs=dict.fromkeys(pattern.pattern.regex.groupindex, "1")
        )
        for pattern in api.urlpatterns
    }


def collection_routes():
    """The routes that name no record: the root, every list and the lists' extra views."""
    return {
        name: url
        for name, url in api_routes().items()
        if not next(p for p in api.urlpatterns if p.name == name).pattern.regex.groupindex
    }


# --- Requests sent together --------------------------------------------------------------------


def concurrent_gets(url, count, **headers):
    """``count`` GETs of ``url`` released together, each from its own thread; the responses."""
    start = threading.Barrier(count, timeout=30)
    responses = [None] * count

    def send(index):
        try:
            start.wait()
            responses[index] = Client(**headers).get(url)
        finally:
            connections.close_all()  # each thread's own database connection

    threads = [threading.Thread(target=send, args=(index,)) for index in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert all(response is not None for response in responses), "a request did not finish"
    return responses


def wait_for_a_fresh_window(seconds, room=5.0):
    """Sleep past a fixed window's end if fewer than ``room`` seconds of it are left, so that
    requests sent now all fall in one window."""
    left = seconds - time.time() % seconds
    if left < room:
        time.sleep(left + 0.05)


# --- A database server that goes away ----------------------------------------------------------


class TcpProxy:
    """``127.0.0.1:port`` forwarding to ``target``; ``stop()`` refuses connections and cuts the
    open ones, ``stall()`` accepts connections and answers nothing, ``start()`` forwards again."""

    def __init__(self, target):
        self.target = target
        self.port = free_port()
        self.sockets = []
        self.running = None
        self.thread = None

    def start(self, forward=True):
        self.stop()
        self.running = threading.Event()
        self.running.set()
        listener = socket.create_server(("127.0.0.1", self.port))
        listener.settimeout(0.05)
        self.thread = threading.Thread(target=self.serve, args=(listener, forward), daemon=True)
        self.thread.start()

    def stall(self):
        self.start(forward=False)

    def stop(self):
        if self.running is None:
            return
        self.running.clear()
        self.thread.join(timeout=5)
        for sock in self.sockets:
            with contextlib.suppress(OSError):
                sock.shutdown(socket.SHUT_RDWR)
            sock.close()
        self.sockets = []
        self.running = None

    def serve(self, listener, forward):
        with listener:
            while self.running.is_set():
                try:
                    client, _ = listener.accept()
                except TimeoutError:
                    continue
                self.sockets.append(client)
                if forward:
                    upstream = socket.create_connection(self.target, timeout=5)
                    upstream.settimeout(None)
                    self.sockets.append(upstream)
                    for source, sink in ((client, upstream), (upstream, client)):
                        threading.Thread(target=pump, args=(source, sink), daemon=True).start()


def pump(source, sink):
    try:
        while data := source.recv(65536):
            sink.sendall(data)
    except OSError:
        pass
    finally:
        for sock in (source, sink):
            with contextlib.suppress(OSError):
                sock.shutdown(socket.SHUT_RDWR)
