"""gunicorn's settings for the API (``gunicorn -c config/gunicorn.py config.wsgi``), from the
environment: ``make serve`` and the benchmarks use it.

Why threads (``gthread``) rather than gunicorn's default ``sync`` workers:

- **Keep-alive.** A sync worker closes the connection after every response, so an API client
  (a script paging through a list, a load balancer) pays a new TCP connection per request.
  ``gthread`` keeps it open ``GUNICORN_KEEPALIVE`` seconds (default 5: long enough for a client
  paging through results, short enough that idle connections do not pile up; keep it below the
  load balancer's idle timeout).
- **A slow client does not hold a worker.** A CSV export of every patrol streams for seconds;
  a sync worker is blocked all that time, and killed by gunicorn's ``timeout`` (30 s) when it
  streams longer. In a ``gthread`` worker the stream runs in one of ``GUNICORN_THREADS``
  threads (default 4) while the worker keeps answering the others and reporting to the
  arbiter, so the timeout no longer cuts a long export; it still kills a worker that hangs.
- **Garbage collection.** A worker holds a few hundred thousand long-lived objects (Django,
  DRF, the URL conf, the schema); Python's full collections walked them all, a pause of about
  100 ms that fell on one request in fifty or so (the cold p99 of ``make bench-compare`` was
  5–7× the median). Once the application is loaded, ``post_worker_init`` freezes what exists
  (``gc.freeze``: never walked again): the slowest of 150 cold pages went from 270 to 46 ms in
  process. The collection thresholds stay Python's: raising them too kept the cyclic garbage
  of a 100,000-row CSV export alive (+186 MB), for no further gain.
- **Requests are Python-bound** (a request holds the GIL for most of its time), so threads
  add little throughput on their own: processes do, ``WEB_CONCURRENCY`` of them (default 2,
  about one per core). Async workers (gevent, uvicorn) would need an async-safe database layer
  for no gain on a CPU-bound JSON API.
"""

import gc
import os

bind = os.environ.get("GUNICORN_BIND", f"127.0.0.1:{os.environ.get('PORT', '8000')}")
workers = int(os.environ.get("WEB_CONCURRENCY", "2"))
worker_class = "gthread"
threads = int(os.environ.get("GUNICORN_THREADS", "4"))
keepalive = int(os.environ.get("GUNICORN_KEEPALIVE", "5"))
timeout = int(os.environ.get("GUNICORN_TIMEOUT", "30"))
graceful_timeout = 30
# Restart a worker after this many requests (with jitter) so that a slow leak cannot grow. Not
# much sooner: a restart empties the worker's local-memory caches (kept answers, records and
# counts, unless CACHE_URL shares them) and reloads the application, and answers kept in memory
# are served at thousands a second (10,000 requests was a restart every few seconds under load).
max_requests = int(os.environ.get("GUNICORN_MAX_REQUESTS", "100000"))
max_requests_jitter = max_requests // 10
accesslog = os.environ.get("GUNICORN_ACCESS_LOG") or None
loglevel = os.environ.get("GUNICORN_LOG_LEVEL", "info")


def post_worker_init(worker):
    """Freeze the loaded application's objects out of the garbage collector's walks (see the
    module docstring)."""
    gc.collect()
    gc.freeze()
