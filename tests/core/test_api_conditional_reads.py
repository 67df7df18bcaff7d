"""Conditional reads go through ``django.utils.cache.get_conditional_response``, judging only
``If-None-Match``: ``If-Match`` guards writes (with a JSON 412 saying why), and a record has no
modification date for ``If-Modified-Since`` / ``If-Unmodified-Since`` to compare with."""

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
        {"HTTP_IF_MATCH": '"someone-elses"'},
        {"HTTP_IF_UNMODIFIED_SINCE": "Sat, 29 Oct 1994 19:43:31 GMT"},
        {"HTTP_IF_MODIFIED_SINCE": "Sat, 29 Oct 2094 19:43:31 GMT"},
    ],
    ids=["if-match", "if-unmodified-since", "if-modified-since"],
)
def test_a_read_ignores_the_other_preconditions(api_client, source_url, header):
    plain = api_client.get(source_url)

    response = api_client.get(source_url, **header)

    assert response.status_code == 200
    assert response.json() == plain.json()
    assert response["ETag"] == plain["ETag"]


def test_a_read_with_a_stale_if_none_match_gets_the_record(api_client, source_url):
    response = api_client.get(source_url, HTTP_IF_NONE_MATCH='"stale", W/"older"')
    assert response.status_code == 200
    assert response["ETag"]


def test_a_write_ignores_if_none_match(curator_api_client, source_url):
    """If-None-Match is a read's condition here; on a write only If-Match counts."""
    response = curator_api_client.patch(
        source_url, {"title": "Renamed"}, format="json", HTTP_IF_NONE_MATCH="*"
    )

    assert response.status_code == 200, response.content
    assert response.json()["title"] == "Renamed"


def test_an_error_is_never_turned_into_a_304(api_client):
    response = api_client.get("/api/v1/sources/nothing-here/", HTTP_IF_NONE_MATCH="*")
    assert response.status_code == 404
