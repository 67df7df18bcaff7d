"""A cache outage costs speed, never answers; on Redis the throttle holds under concurrency.

Each test runs its own Redis server (tests/core/dependencies.py), then stops, stalls or restarts
it. The cache is the project's own backend (core/cache.py), as settings.py configures it for
``CACHE_URL=rediscache://…``.
"""

import logging
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest
from django.core.cache import cache

from tests.core import dependencies
from tests.core.dependencies import collection_routes, concurrent_gets, wait_for_a_fresh_window

pytestmark = pytest.mark.django_db

PROJECT = Path(__file__).resolve().parents[2]
URL = "/api/v1/countries/"
ROUTES = collection_routes()

redis_server = dependencies.redis_server
redis_cache = dependencies.redis_cache


def cache_warnings(caplog):
    return [r for r in caplog.records if r.name == "core.cache" and r.levelno >= logging.WARNING]


def test_a_redis_cache_url_gives_the_fail_open_backend():
    environment = {k: v for k, v in os.environ.items() if not k.startswith("CACHE_")}
    environment["CACHE_URL"] = "rediscache://127.0.0.1:6390/1?retry_seconds=2"
    shown = subprocess.run(
        [sys.executable, "-c", "from config import settings; print(settings.CACHES)"],
        cwd=PROJECT,
        env=environment,
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    assert "'BACKEND': 'core.cache.FailOpenRedisCache'" in shown
    assert "'retry_seconds': 2" in shown


def test_the_throttle_holds_exactly_at_the_limit_under_concurrency(redis_cache, settings):
    settings.API_ANON_THROTTLE_RATE = "10/minute"
    wait_for_a_fresh_window(60)

    responses = concurrent_gets(URL, 40)

    statuses = sorted(response.status_code for response in responses)
    assert statuses == [200] * 10 + [429] * 30
    refused = [response for response in responses if response.status_code == 429]
    assert all(0 < int(response["Retry-After"]) <= 60 for response in refused)


@pytest.mark.parametrize("url", ROUTES.values(), ids=ROUTES.keys())
def test_reads_answer_while_redis_is_down(redis_cache, settings, api_client, url):
    """As they answer with Redis up and no throttle (a 400 for the stats without group_by)."""
    expected = api_client.get(url).status_code
    settings.API_ANON_THROTTLE_RATE = "1/minute"
    redis_cache.stop()

    responses = [api_client.get(url) for _ in range(3)]  # past the rate: nothing counts them

    assert expected < 500
    assert [response.status_code for response in responses] == [expected] * 3


def test_an_outage_is_logged_once_and_requests_are_counted_again_after_it(
    redis_cache, settings, api_client, caplog
):
    settings.API_ANON_THROTTLE_RATE = "3/minute"
    wait_for_a_fresh_window(60)
    assert api_client.get(URL).status_code == 200
    redis_cache.stop()

    with caplog.at_level(logging.WARNING, logger="core.cache"):
        down = [api_client.get(URL).status_code for _ in range(10)]
        time.sleep(0.3)  # past retry_seconds: the cache is tried, and fails, again
        down.append(api_client.get(URL).status_code)

    assert down == [200] * 11
    warnings = cache_warnings(caplog)
    assert len(warnings) == 1, [r.getMessage() for r in warnings]
    assert "unavailable" in warnings[0].getMessage()
    assert redis_cache.url.removeprefix("redis://").split("/")[0] in warnings[0].getMessage()

    caplog.clear()
    redis_cache.start()
    time.sleep(0.3)
    with caplog.at_level(logging.WARNING, logger="core.cache"):
        up = [api_client.get(URL).status_code for _ in range(4)]

    assert up == [200, 200, 200, 429]  # a fresh server: the count starts again
    assert ["available again" in r.getMessage() for r in cache_warnings(caplog)] == [True]


def test_a_stalled_redis_costs_one_timeout_per_retry_interval(redis_cache, settings, api_client):
    settings.CACHES = {"default": {**settings.CACHES["default"], "OPTIONS": {"retry_seconds": 30}}}
    cache.set("warm", 1)  # a pooled connection, which the stall leaves unanswered
    redis_cache.pause()
    try:
        started = time.monotonic()
        first = api_client.get(URL)
        first_took = time.monotonic() - started
        started = time.monotonic()
        rest = [api_client.get(URL) for _ in range(5)]
        rest_took = time.monotonic() - started
    finally:
        redis_cache.resume()

    assert first.status_code == 200
    assert {response.status_code for response in rest} == {200}
    assert first_took < 3  # about one socket timeout (0.5 s), never a hung request
    assert rest_took < 5 * 0.5  # within retry_seconds Redis is not waited for again


MISSING = object()


@pytest.mark.parametrize(
    ("operation", "answer"),
    [
        (lambda: cache.get("k"), None),
        (lambda: cache.get("k", MISSING), MISSING),
        (lambda: cache.get_many(["k", "l"]), {}),
        (lambda: cache.has_key("k"), False),
        (lambda: cache.get_or_set("k", 7), 7),
        (lambda: cache.add("k", 1), False),
        (lambda: cache.set("k", 1), None),
        (lambda: cache.set_many({"k": 1}), ["k"]),
        (lambda: cache.touch("k"), False),
        (lambda: cache.delete("k"), False),
        (lambda: cache.delete_many(["k"]), None),
        (lambda: cache.clear(), False),
    ],
    ids=[
        "get",
        "get-default",
        "get_many",
        "has_key",
        "get_or_set",
        "add",
        "set",
        "set_many",
        "touch",
        "delete",
        "delete_many",
        "clear",
    ],
)
def test_every_cache_operation_answers_as_a_miss_while_redis_is_down(
    redis_cache, operation, answer
):
    redis_cache.stop()
    assert operation() == answer


@pytest.mark.parametrize("name", ["incr", "decr"])
def test_counting_finds_no_key_while_redis_is_down(redis_cache, name):
    redis_cache.stop()
    with pytest.raises(ValueError, match="unavailable"):
        getattr(cache, name)("k")


def test_the_cache_works_as_a_cache_while_redis_is_up(redis_cache):
    assert cache.add("k", 1) is True
    assert cache.add("k", 2) is False
    assert cache.incr("k") == 2
    assert cache.get_many(["k", "l"]) == {"k": 2}
