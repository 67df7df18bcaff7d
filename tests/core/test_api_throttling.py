"""Anonymous clients are throttled at the rate the environment sets; tests run without it.

The limit holds for requests sent together (one atomic counter per client and window); on a
shared Redis across workers, and with Redis down, see test_cache_outage.py.
"""

import pytest
from django.core.cache import cache
from rest_framework.test import APIClient

from core.api.throttling import AnonymousRateThrottle
from tests.core.dependencies import concurrent_gets, wait_for_a_fresh_window

pytestmark = pytest.mark.django_db

URL = "/api/v1/countries/"


@pytest.fixture
def throttled(settings):
    settings.API_ANON_THROTTLE_RATE = "3/minute"
    cache.clear()
    yield
    cache.clear()


def test_anonymous_clients_are_refused_past_the_rate(api_client, throttled):
    statuses = [api_client.get(URL).status_code for _ in range(4)]
    refused = api_client.get(URL)

    assert statuses == [200, 200, 200, 429]
    assert "throttled" in refused.json()["detail"].lower()
    assert int(refused["Retry-After"]) > 0


def test_the_rate_holds_for_requests_sent_together(throttled, settings):
    settings.API_ANON_THROTTLE_RATE = "10/minute"
    wait_for_a_fresh_window(60)

    statuses = sorted(response.status_code for response in concurrent_gets(URL, 40))

    assert statuses == [200] * 10 + [429] * 30


def test_the_count_starts_again_when_its_window_ends(api_client, throttled, monkeypatch):
    """Windows are the rate's period aligned to the clock; Retry-After is the time left."""
    now = [10 * 60 + 15.2]  # 15.2 s into a minute
    monkeypatch.setattr(AnonymousRateThrottle, "timer", lambda self: now[0])

    statuses = [api_client.get(URL).status_code for _ in range(3)]
    refused = api_client.get(URL)
    now[0] = 11 * 60  # the next minute
    again = api_client.get(URL)

    assert statuses == [200, 200, 200]
    assert refused.status_code == 429
    assert refused["Retry-After"] == "45"
    assert again.status_code == 200


def test_each_address_has_its_own_count(throttled):
    first, second = APIClient(REMOTE_ADDR="192.0.2.1"), APIClient(REMOTE_ADDR="192.0.2.2")
    assert [first.get(URL).status_code for _ in range(4)] == [200, 200, 200, 429]
    assert second.get(URL).status_code == 200


def test_authenticated_clients_are_not_throttled(curator_api_client, throttled):
    assert {curator_api_client.get(URL).status_code for _ in range(5)} == {200}


def test_an_empty_rate_turns_throttling_off(api_client, settings):
    settings.API_ANON_THROTTLE_RATE = ""
    assert {api_client.get(URL).status_code for _ in range(10)} == {200}


def test_the_default_rate_is_generous():
    """Read from settings.py as shipped (the autouse fixture only overrides it per test)."""
    from config import settings as shipped

    number, _, period = shipped.API_ANON_THROTTLE_RATE.partition("/")
    assert period == "hour"
    assert int(number) >= 1000
