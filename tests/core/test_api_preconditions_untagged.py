"""Preconditions on the reads that have no ETag — every history, statistics, a CSV list and the
API's root, from the URL conf (RFC 9110 §13.1.1–2, core/api/conditional.py ``check_untagged``).

Such an answer exists but no tag names it: ``If-Match`` holds only as ``*``, any tag fails
(412, JSON); ``If-None-Match: *`` fails (304, no body), a tag there never matches (200). They
were ignored (200 whatever they said). A request that would not be a 2xx without them keeps its
own answer (a malformed parameter stays a 400).
"""

import pytest

from tests.api_resources import list_url, written
from tests.core.untagged_routes import UNTAGGED_WITH_ROOT

pytestmark = pytest.mark.django_db

STALE = '"0123456789abcdef0123456789abcdef"'
PAST = "Sat, 29 Oct 1994 19:43:31 GMT"


def required_query(route):
    """Every statistics route requires ``group_by``, and every one groups by year."""
    return "group_by=year" if route.name.endswith("-stats") else None


# name: (headers, status)
CASES = {
    "no-precondition": ({}, 200),
    "if-match-star": ({"If-Match": "*"}, 200),
    "if-match-tag": ({"If-Match": STALE}, 412),
    "if-match-weak-tag": ({"If-Match": f"W/{STALE}"}, 412),
    "if-match-tags": ({"If-Match": f'{STALE}, "other"'}, 412),
    "if-match-empty": ({"If-Match": ""}, 412),
    "if-none-match-star": ({"If-None-Match": "*"}, 304),
    "if-none-match-tag": ({"If-None-Match": STALE}, 200),
    "if-match-tag-before-if-none-match-star": ({"If-Match": STALE, "If-None-Match": "*"}, 412),
    "if-match-star-then-if-none-match-star": ({"If-Match": "*", "If-None-Match": "*"}, 304),
    "if-unmodified-since-ignored": ({"If-Unmodified-Since": PAST}, 200),
}


def url_of(route):
    query = required_query(route)
    return f"{route.url()}?{query}" if query else route.url()


def meta(headers):
    return {f"HTTP_{name.upper().replace('-', '_')}": value for name, value in headers.items()}


@pytest.mark.parametrize("case", CASES)
@pytest.mark.parametrize("method", ["GET", "HEAD"])
@pytest.mark.parametrize("route", UNTAGGED_WITH_ROOT)
def test_every_read_without_an_etag_judges_its_preconditions(route, method, case, api_client):
    headers, status = CASES[case]

    response = api_client.generic(method, url_of(route), **meta(headers))

    assert response.status_code == status, response.content
    assert "ETag" not in response
    if status == 412 and method == "GET":
        assert response["Content-Type"].startswith("application/json")
        assert "If-Match" in response.json()["detail"]
    if status == 304:
        assert response.content == b""


@pytest.mark.parametrize("route", UNTAGGED_WITH_ROOT)
def test_a_malformed_parameter_stays_a_400_whatever_the_preconditions(route, api_client):
    response = api_client.get(f"{route.url()}?no_such_parameter=1", HTTP_IF_MATCH=STALE)

    assert response.status_code == 400, response.content
    assert "no_such_parameter" in response.json()


def test_the_reviewers_example_a_list_with_a_stale_if_match(api_client):
    """A list now has an ETag (test_api_list_etags): a stale one is refused as out of date."""
    written("sources")

    response = api_client.get(list_url("sources"), HTTP_IF_MATCH=STALE)

    assert response.status_code == 412
    assert "list of sources has changed" in response.json()["detail"]


def test_a_csv_list_has_no_etag_and_refuses_a_tag(api_client):
    written("sources")

    response = api_client.get(f"{list_url('sources')}?format=csv", HTTP_IF_MATCH=STALE)

    assert "ETag" not in response
    assert 'holds here only as "*"' in response.json()["detail"]


def test_a_refused_csv_list_is_json(api_client):
    written("sources")

    response = api_client.get(f"{list_url('sources')}?format=csv", HTTP_IF_MATCH=STALE)

    assert response.status_code == 412
    assert response["Content-Type"].startswith("application/json")


def test_a_csv_list_with_if_match_star_is_the_csv(api_client):
    written("sources")

    response = api_client.get(f"{list_url('sources')}?format=csv", HTTP_IF_MATCH="*")

    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
