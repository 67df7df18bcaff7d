"""Anonymous clients are throttled at the rate the environment sets; tests run without it."""

import pytest
from django.core.cache import cache

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
