"""The project's cache backends: a Redis cache whose outage costs speed, never answers, and a
local-memory cache that reads many keys at once.

Django's ``RedisCache`` raises when Redis refuses or stalls a connection, and the API throttle
reads the cache on every anonymous request: with Redis down, nearly every request was a 500.
Nothing this project keeps in the cache is needed for a correct answer, so here a Redis that
cannot be reached or that answers with an error (full under ``maxmemory`` with no eviction, read
only after a failover) makes every operation answer as a cache that lacks the key would: reads
miss, writes are dropped, ``add`` stores nothing, ``incr`` finds no key (``ValueError``, as
Django documents for a missing key; the throttle then lets the request through).

Waiting costs too: the socket timeouts default to half a second (not redis-py's "forever"), and
after a failure the process leaves Redis alone for ``retry_seconds`` (an OPTIONS key, default 5),
so one request in that interval pays the timeout, not every one. The outage is logged once, then
at most once a minute, and when Redis answers again. ``config/settings.py`` puts this backend in
place of Django's whenever ``CACHE_URL`` names Redis.
"""

import logging
import pickle
import threading
import time

from django.core.cache.backends.base import DEFAULT_TIMEOUT
from django.core.cache.backends.locmem import LocMemCache
from django.core.cache.backends.redis import RedisCache
from redis.exceptions import RedisError

from .outages import RateLimitedLog

logger = logging.getLogger(__name__)

# Redis refusing, stalling or still loading its data, and Redis answering with an error: full
# (``OOM`` under ``maxmemory`` with the ``noeviction`` policy) or read-only after a failover.
UNREACHABLE = (RedisError,)


class RedisState:
    """Whether a Redis server is being left alone after a failure, shared by the threads."""

    states = {}
    states_lock = threading.Lock()

    def __init__(self, location):
        self.log = RateLimitedLog(logger, f"The cache (Redis at {location})")
        self.resting_until = 0.0

    @classmethod
    def of(cls, location):
        with cls.states_lock:
            return cls.states.setdefault(location, cls(location))


class FailOpenRedisCache(RedisCache):
    def __init__(self, server, params):
        options = dict(params.get("OPTIONS") or {})
        self.retry_seconds = float(options.pop("retry_seconds", 5))
        options.setdefault("socket_connect_timeout", 0.5)
        options.setdefault("socket_timeout", 0.5)
        super().__init__(server, {**params, "OPTIONS": options})
        self.state = RedisState.of(",".join(self._servers))

    def guarded(self, operation, fallback, *args):
        """``operation(*args)``, or ``fallback()`` while Redis cannot be reached."""
        if time.monotonic() < self.state.resting_until:
            return fallback()
        try:
            result = operation(*args)
        except UNREACHABLE as error:
            self.state.resting_until = time.monotonic() + self.retry_seconds
            self.state.log.failed(error)
            return fallback()
        self.state.log.recovered()
        return result

    def add(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        return self.guarded(super().add, lambda: False, key, value, timeout, version)

    def get(self, key, default=None, version=None):
        return self.guarded(super().get, lambda: default, key, default, version)

    def set(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        return self.guarded(super().set, lambda: None, key, value, timeout, version)

    def touch(self, key, timeout=DEFAULT_TIMEOUT, version=None):
        return self.guarded(super().touch, lambda: False, key, timeout, version)

    def delete(self, key, version=None):
        return self.guarded(super().delete, lambda: False, key, version)

    def get_many(self, keys, version=None):
        return self.guarded(super().get_many, dict, keys, version)

    def has_key(self, key, version=None):
        return self.guarded(super().has_key, lambda: False, key, version)

    def incr(self, key, delta=1, version=None):
        def missing():
            raise ValueError(f"Key '{key}' not found: the cache is unavailable.")

        return self.guarded(super().incr, missing, key, delta, version)

    def set_many(self, data, timeout=DEFAULT_TIMEOUT, version=None):
        return self.guarded(super().set_many, lambda: list(data), data, timeout, version)

    def delete_many(self, keys, version=None):
        return self.guarded(super().delete_many, lambda: None, keys, version)

    def clear(self):
        return self.guarded(super().clear, lambda: False)


class LocalMemoryCache(LocMemCache):
    """Django's local-memory cache, whose ``get_many`` takes the lock once for all the keys.

    The record cache (``core.api.record_cache``) reads a page's fifty records at once; Django's
    ``get_many`` reads them one ``get`` at a time, each taking the lock and checking its key
    against memcached's rules, which was a third of the read. Here the keys are not checked
    when read: every key stored was checked by the ``set`` that stored it (which warns), and a
    key never stored is a miss either way. Expired keys are dropped and found ones marked as
    recently used, as ``get`` does.
    """

    def get_many(self, keys, version=None):
        names = {self.make_key(key, version=version): key for key in keys}
        found = {}
        with self._lock:
            for name, key in names.items():
                if self._has_expired(name):
                    self._delete(name)
                    continue
                found[key] = self._cache[name]
                self._cache.move_to_end(name, last=False)
        return {key: pickle.loads(pickled) for key, pickled in found.items()}
