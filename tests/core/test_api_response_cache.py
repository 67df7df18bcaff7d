"""Repeated anonymous reads are answered from the cache, and never with an answer older than the
last write (core/api/response_cache.py). Routes from the URL conf, so a new list or action is
covered."""

import pytest
from django.core.cache import cache, caches
from django.db import connection
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext

from core.api.response_cache import answer_store, normalised_query, request_key
from curation.models import DatasetVersion
from curation.version import counter
from tests import factories
from tests.api_resources import RESOURCES, written
from tests.core import dependencies
from tests.core.untagged_routes import READ_ROUTES

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("answer_cache")]

URL = "/api/v1/patrols/"
READS = {
    route.name: f"{route.url()}?group_by=year" if route.name.endswith("-stats") else route.url()
    for route in READ_ROUTES
    if not route.kwarg  # a record's own URL, and its history, are read in the tests below
}

redis_server = dependencies.redis_server
redis_cache = dependencies.redis_cache


def is_stored(url, **headers):
    """Whether the cache holds an answer to this request at the data's current generation."""
    return answer_store().get(stored_key(url, **headers)) is not None


def stored_key(url, **headers):
    return request_key(RequestFactory().get(url, **headers), counter())


def queries_of(client, url, **headers):
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url, **headers)
    return response, len(captured)


@pytest.mark.parametrize("url", READS.values(), ids=READS.keys())
def test_a_repeated_read_is_the_same_answer_from_the_cache(api_client, url):
    factories.PatrolFactory()
    first, built = queries_of(api_client, url)

    again, served = queries_of(api_client, url)

    assert first.status_code == again.status_code == 200
    assert again.content == first.content
    assert again.get("ETag") == first.get("ETag")
    assert again["Content-Type"] == first["Content-Type"]
    assert again["X-Dataset-Version"] == first["X-Dataset-Version"]
    assert served == 2  # the generation, and the version the header names
    assert served <= built  # (the API's root reads nothing else)


@pytest.mark.parametrize("resource", sorted(RESOURCES))
def test_a_write_is_in_the_next_read(api_client, resource):
    url = f"/api/v1/{resource}/"
    before = api_client.get(url).json()["count"]
    api_client.get(url)  # stored

    written(resource)

    assert api_client.get(url).json()["count"] > before


def test_a_write_through_the_api_is_in_the_next_read(api_client, curator_api_client):
    patrol = written("patrols", summary="Before.")
    url = f"{URL}{patrol.slug}/"
    assert api_client.get(url).json()["summary"] == "Before."
    assert api_client.get(URL).json()["results"][0]["summary"] == "Before."

    changed = curator_api_client.patch(url, {"summary": "After."}, format="json")

    assert changed.status_code == 200, changed.json()
    assert api_client.get(url).json()["summary"] == "After."
    assert api_client.get(URL).json()["results"][0]["summary"] == "After."


def test_the_generation_is_read_from_the_database_not_from_the_cache(api_client):
    """Another worker's write reaches this one through the database: stepping the counter
    there (as a commit elsewhere does) is enough for every worker to miss its stored answer."""
    factories.PatrolFactory()
    api_client.get(URL)
    _, served = queries_of(api_client, URL)

    DatasetVersion.objects.filter(pk=1).update(number=DatasetVersion.objects.get(pk=1).number + 1)
    _, after_the_step = queries_of(api_client, URL)

    assert after_the_step > served


def test_a_read_with_credentials_is_never_answered_from_the_cache(
    api_client, curator_api_client, curator
):
    factories.PatrolFactory()
    api_client.get(URL)
    _, served = queries_of(api_client, URL)

    _, with_a_token = queries_of(curator_api_client, URL)
    api_client.force_login(curator)
    _, signed_in = queries_of(api_client, URL)

    assert with_a_token > served + 1
    assert signed_in > served + 1


def test_a_read_with_credentials_is_not_stored(curator_api_client):
    factories.PatrolFactory()

    curator_api_client.get(URL)

    assert not is_stored(URL)


def test_if_none_match_on_a_stored_answer_is_a_304_from_the_cache(api_client):
    factories.PatrolFactory()
    tag = api_client.get(URL)["ETag"]

    response, served = queries_of(api_client, URL, HTTP_IF_NONE_MATCH=tag)

    assert response.status_code == 304
    assert response.content == b""
    assert response["ETag"] == tag
    assert served == 2


@pytest.mark.parametrize(
    ("if_none_match", "status"), [('"stale"', 200), ("*", 304)], ids=["stale-tag", "star"]
)
def test_if_none_match_not_naming_the_stored_etag_is_judged_from_the_cache_too(
    api_client, if_none_match, status
):
    factories.PatrolFactory()
    stored = api_client.get(URL)

    response, served = queries_of(api_client, URL, HTTP_IF_NONE_MATCH=if_none_match)

    assert response.status_code == status
    assert response.content == (stored.content if status == 200 else b"")
    assert served == 2


def test_if_none_match_on_a_stored_answer_without_an_etag_is_judged_by_the_view(api_client):
    url = f"{URL}stats/?group_by=year"
    api_client.get(url)

    response = api_client.get(url, HTTP_IF_NONE_MATCH="*")

    assert response.status_code == 304


def test_if_match_goes_to_the_view(api_client):
    factories.PatrolFactory()
    api_client.get(URL)

    response = api_client.get(URL, HTTP_IF_MATCH='"stale"')

    assert response.status_code == 412


@pytest.mark.parametrize(
    ("url", "headers"),
    [
        (f"{URL}?format=csv", {}),
        (f"{URL}?no_such_parameter=1", {}),
        (URL, {"HTTP_ACCEPT": "text/html"}),
        (f"{URL}stats/", {}),  # group_by is required: a 400
    ],
    ids=["csv-streamed", "refused", "browsable-html", "stats-refused"],
)
def test_what_is_not_stored(api_client, url, headers):
    factories.PatrolFactory()

    response = api_client.get(url, **headers)
    if response.streaming:
        b"".join(response.streaming_content)

    assert not is_stored(url, **headers)


def test_what_is_stored_is_the_json_answer(api_client):
    factories.PatrolFactory()

    api_client.get(f"{URL}?year=2024&ordering=name")

    assert is_stored(f"{URL}?ordering=name&year=2024")  # the same request, fields sorted
    assert not is_stored(f"{URL}?ordering=name&year=2024", HTTP_ACCEPT="text/csv")


def test_the_rate_limit_counts_answers_from_the_cache(api_client, settings):
    settings.API_ANON_THROTTLE_RATE = "3/minute"
    dependencies.wait_for_a_fresh_window(60)

    statuses = [api_client.get(URL).status_code for _ in range(4)]

    assert statuses == [200, 200, 200, 429]


def test_answers_are_kept_apart_from_the_throttles_counts(api_client):
    """In local memory, a stream of answers to cold pages would otherwise cull the default
    cache's 300 entries, the throttle's counts among them."""
    api_client.get(URL)

    assert caches["answers"].get(stored_key(URL)) is not None
    assert cache.get(stored_key(URL)) is None


def test_the_cache_can_be_turned_off(api_client, settings):  # as the rest of the suite runs
    settings.API_RESPONSE_CACHE_SECONDS = 0

    assert api_client.get(URL).status_code == 200
    assert not is_stored(URL)


def test_a_redis_outage_costs_speed_not_answers(redis_cache, api_client):
    factories.PatrolFactory()
    stored = api_client.get(URL)
    redis_cache.stop()

    response, answered = queries_of(api_client, URL)
    factories.PatrolFactory()
    after_a_write = api_client.get(URL)

    assert response.content == stored.content
    assert answered > 2  # built again: nothing to read it from
    assert after_a_write.json()["count"] == 2


def test_answers_in_a_shared_redis_are_read_by_every_worker(redis_cache, api_client):
    factories.PatrolFactory()
    api_client.get(URL)

    caches["default"].close()  # another connection, as another worker has
    _, served = queries_of(api_client, URL)

    assert served == 2


@pytest.mark.parametrize(
    ("one", "other", "same"),
    [
        ("year=2024&ordering=name", "ordering=name&year=2024", True),
        ("country=RU&country=CN", "country=CN&country=RU", False),
        ("year=2024", "year=2025", False),
        ("year=", "", False),
    ],
)
def test_the_key_is_the_query_with_its_fields_sorted(one, other, same):
    assert (normalised_query(one) == normalised_query(other)) is same
