"""Conditional reads: a 304 from ``django.utils.cache.get_conditional_response`` for a current
``If-None-Match``, a JSON 412 for a stale ``If-Match`` (judged first); a record has no
modification date for ``If-Modified-Since`` / ``If-Unmodified-Since`` to compare with, so both
are ignored. The whole matrix, every method on every resource, is in test_api_preconditions.py."""

import pytest

from tests import factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def source_url():
    source = factories.SourceFactory()
    return f"/api/v1/sources/{source.slug}/"


def test_a_304_keeps_the_etag_and_has_no_body(api_client, source_url):
    tag = api_client.get(source_url)["ETag"]

    response = api_client.get(source_url, HTTP_IF_NONE_MATCH=tag)

    assert response.status_code == 304
    assert response["ETag"] == tag
    assert response.content == b""


@pytest.mark.parametrize(
    "header",
    [
        {"HTTP_IF_UNMODIFIED_SINCE": "Sat, 29 Oct 1994 19:43:31 GMT"},
        {"HTTP_IF_MODIFIED_SINCE": "Sat, 29 Oct 2094 19:43:31 GMT"},
        {"HTTP_IF_MODIFIED_SINCE": "not a date"},
    ],
    ids=["if-unmodified-since", "if-modified-since", "malformed-date"],
)
def test_a_read_ignores_the_dates(api_client, source_url, header):
    plain = api_client.get(source_url)

    response = api_client.get(source_url, **header)

    assert response.status_code == 200
    assert response.json() == plain.json()
    assert response["ETag"] == plain["ETag"]
    assert "Last-Modified" not in response


def test_a_read_with_a_stale_if_match_is_refused_before_if_none_match(api_client, source_url):
    tag = api_client.get(source_url)["ETag"]

    response = api_client.get(source_url, HTTP_IF_MATCH='"someone-elses"', HTTP_IF_NONE_MATCH=tag)

    assert response.status_code == 412
    assert "If-Match" in response.json()["detail"]


def test_a_read_with_a_stale_if_none_match_gets_the_record(api_client, source_url):
    response = api_client.get(source_url, HTTP_IF_NONE_MATCH='"stale", W/"older"')
    assert response.status_code == 200
    assert response["ETag"]


def test_a_write_with_if_none_match_star_is_refused(curator_api_client, source_url):
    """``*`` matches any record that exists: the write is refused and changes nothing."""
    response = curator_api_client.patch(
        source_url, {"title": "Renamed"}, format="json", HTTP_IF_NONE_MATCH="*"
    )

    assert response.status_code == 412, response.content
    assert curator_api_client.get(source_url).json()["title"] != "Renamed"


def test_an_error_is_never_turned_into_a_304(api_client):
    response = api_client.get("/api/v1/sources/nothing-here/", HTTP_IF_NONE_MATCH="*")
    assert response.status_code == 404
