"""The local-memory cache the record cache reads (core/cache.py ``LocalMemoryCache``): its
``get_many`` answers exactly as Django's does (found, missing, expired, another version), and
keeps what it found as recently used, so a page's records are the last to be culled."""

import itertools
import time

import pytest
from django.core.cache.backends.locmem import LocMemCache

from core.cache import LocalMemoryCache

BACKENDS = [LocMemCache, LocalMemoryCache]
names = itertools.count()


def made(backend, **options):
    """A cache of its own (local-memory caches of one name share their store)."""
    return backend(f"test-local-memory-{next(names)}", {"OPTIONS": options})


@pytest.mark.parametrize("backend", BACKENDS, ids=lambda backend: backend.__name__)
def test_get_many_answers_found_keys_and_leaves_out_missing_and_expired_ones(backend):
    cache = made(backend)
    cache.set("kept", b"{}", 60)
    cache.set("other", [1, 2], 60)
    cache.set("versioned", "v2", 60, version=2)
    cache.set("expired", "old", 60)
    cache._expire_info[cache.make_key("expired")] = time.time() - 1  # its time is up

    found = cache.get_many(["kept", "missing", "expired", "other", "versioned"])

    assert found == {"kept": b"{}", "other": [1, 2]}
    assert cache.get_many(["versioned"], version=2) == {"versioned": "v2"}
    assert cache.make_key("expired") not in cache._cache  # dropped when read


@pytest.mark.parametrize("backend", BACKENDS, ids=lambda backend: backend.__name__)
def test_keys_read_together_are_culled_last(backend):
    cache = made(backend, MAX_ENTRIES=3, CULL_FREQUENCY=3)
    for key in ("a", "b", "c"):
        cache.set(key, key, 60)

    cache.get_many(["a"])  # now the most recently used
    cache.set("d", "d", 60)  # full: the least recently used goes

    assert cache.get_many(["a", "b", "c", "d"]) == {"a": "a", "c": "c", "d": "d"}


@pytest.mark.parametrize("alias", ["records", "counts", "answers"])
def test_the_api_caches_keep_local_memory_in_it(settings, alias):
    default, own = (settings.CACHES[name]["BACKEND"] for name in ("default", alias))

    if default.endswith("LocMemCache"):  # CACHE_URL=locmemcache://, the default
        assert own == "core.cache.LocalMemoryCache"
        assert settings.CACHES[alias]["LOCATION"] != settings.CACHES["default"].get("LOCATION")
    else:  # a shared cache: they are kept there
        assert own == default
