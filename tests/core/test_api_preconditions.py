"""Every precondition header on every method of every record, in RFC 9110 §13.2.2's order.

``If-Match`` first: a stale one is 412 on any method, a GET included. Then
``If-Unmodified-Since``, ignored (a record has no modification date covering all it shows). Then
``If-None-Match``: the current ETag (weakly) or ``*`` is 304 on GET and HEAD, 412 on a write.
Then ``If-Modified-Since``, ignored too. A refused request stores nothing. A create has no
current record: ``If-None-Match: *`` holds, ``If-Match`` fails.

The headers of each case name the record's current ETag as ``CURRENT``; see
core/api/conditional.py for why the dates are ignored.
"""

import pytest

from tests.api_resources import detail_url, list_url, written
from tests.core.conditional_cases import ALL, etag_of, model_of, stored

pytestmark = pytest.mark.django_db

CURRENT = "<current>"
STALE = '"0123456789abcdef0123456789abcdef"'
PAST = "Sat, 29 Oct 1994 19:43:31 GMT"
FUTURE = "Sat, 29 Oct 2094 19:43:31 GMT"
PROCEED, NOT_MODIFIED, FAILED = "proceed", "304 on a read, 412 on a write", "412"
NONE_MATCH = "If-None-Match"

# name: (headers, outcome, the header a 412 names)
CASES = {
    "no-precondition": ({}, PROCEED, None),
    "if-match-current": ({"If-Match": CURRENT}, PROCEED, None),
    "if-match-in-a-list": ({"If-Match": f"{STALE}, {CURRENT}"}, PROCEED, None),
    "if-match-star": ({"If-Match": "*"}, PROCEED, None),
    "if-match-stale": ({"If-Match": STALE}, FAILED, "If-Match"),
    "if-match-weak-current": ({"If-Match": f"W/{CURRENT}"}, FAILED, "If-Match"),
    "if-none-match-current": ({"If-None-Match": CURRENT}, NOT_MODIFIED, NONE_MATCH),
    "if-none-match-weak-current": ({"If-None-Match": f"W/{CURRENT}"}, NOT_MODIFIED, NONE_MATCH),
    "if-none-match-star": ({"If-None-Match": "*"}, NOT_MODIFIED, NONE_MATCH),
    "if-none-match-stale": ({"If-None-Match": STALE}, PROCEED, None),
    # The order: If-Match is judged first, and decides alone when it fails.
    "if-match-stale-before-if-none-match-current": (
        {"If-Match": STALE, "If-None-Match": CURRENT},
        FAILED,
        "If-Match",
    ),
    "if-match-stale-before-if-none-match-stale": (
        {"If-Match": STALE, "If-None-Match": STALE},
        FAILED,
        "If-Match",
    ),
    "if-match-current-then-if-none-match-current": (
        {"If-Match": CURRENT, "If-None-Match": CURRENT},
        NOT_MODIFIED,
        "If-None-Match",
    ),
    # The dates are ignored, whatever they say, alone or with an ETag condition.
    "if-unmodified-since-past": ({"If-Unmodified-Since": PAST}, PROCEED, None),
    "if-modified-since-future": ({"If-Modified-Since": FUTURE}, PROCEED, None),
    "if-match-current-with-if-unmodified-since-past": (
        {"If-Match": CURRENT, "If-Unmodified-Since": PAST},
        PROCEED,
        None,
    ),
    "if-none-match-stale-with-if-modified-since-future": (
        {"If-None-Match": STALE, "If-Modified-Since": FUTURE},
        PROCEED,
        None,
    ),
}
# The whole matrix runs on every resource in the full suite; `make test-fast` keeps a record
# with children (a patrol) and one without (a source): the mechanism is one code path.
EVERY_RESOURCE = [
    pytest.param(name, marks=() if name in ("patrols", "sources") else pytest.mark.slow)
    for name in ALL
]
# What each method answers when its preconditions hold: a PUT is sent an empty body, which
# every resource refuses (so a 400 shows the request got past its preconditions).
PROCEEDS = {"GET": 200, "HEAD": 200, "PUT": 400, "PATCH": 200, "DELETE": 204}


def send(client, method, url, headers):
    meta = {f"HTTP_{name.upper().replace('-', '_')}": value for name, value in headers.items()}
    if method in ("POST", "PUT", "PATCH"):  # a write without a body is refused before all
        return getattr(client, method.lower())(url, {}, format="json", **meta)
    return getattr(client, method.lower())(url, **meta)


@pytest.mark.parametrize("case", CASES)
@pytest.mark.parametrize("method", PROCEEDS)
@pytest.mark.parametrize("resource", EVERY_RESOURCE)
def test_every_precondition_on_every_method(resource, method, case, curator_api_client):
    record = written(resource)
    url = detail_url(resource, record)
    current = etag_of(curator_api_client, url)
    headers, outcome, named = CASES[case]
    headers = {name: value.replace(CURRENT, current) for name, value in headers.items()}
    before = stored(record)

    response = send(curator_api_client, method, url, headers)

    if outcome == PROCEED:
        assert response.status_code == PROCEEDS[method], response.content
        return
    if outcome == NOT_MODIFIED and method in ("GET", "HEAD"):
        assert response.status_code == 304, response.content
        assert response.content == b""
        assert response["ETag"] == current
    else:
        assert response.status_code == 412, response.content
        if method != "HEAD":
            assert response["Content-Type"].startswith("application/json")
            assert named in response.json()["detail"]
    assert stored(record) == before  # nothing written, nothing deleted


@pytest.mark.parametrize(
    ("headers", "status"),
    [({"If-Match": "*"}, 412), ({"If-Match": STALE}, 412), ({"If-None-Match": "*"}, 400)],
    ids=["if-match-star", "if-match-tag", "if-none-match-star"],
)
@pytest.mark.parametrize("resource", ALL)
def test_a_create_has_no_current_record(resource, headers, status, curator_api_client):
    """If-Match cannot match a record not made yet (412, nothing made); If-None-Match: * holds,
    and the request goes on to the validation of its (here empty: ``{}``) body."""
    count = model_of(resource).objects.count()

    response = send(curator_api_client, "POST", list_url(resource), headers)

    assert response.status_code == status, response.content
    assert model_of(resource).objects.count() == count


def test_a_create_with_if_none_match_star_is_made(curator_api_client):
    response = curator_api_client.post(
        list_url("sources"),
        {"slug": "kyodo-report", "title": "Kyodo report", "kind": "news_report"},
        format="json",
        HTTP_IF_NONE_MATCH="*",
    )

    assert response.status_code == 201, response.content
    assert response["ETag"] == etag_of(curator_api_client, list_url("sources") + "kyodo-report/")


def test_a_patch_with_if_none_match_star_stores_nothing(curator_api_client):
    """The issue's example: it used to succeed and store the change."""
    record = written("sources", title="Kyodo report")
    url = detail_url("sources", record)

    response = curator_api_client.patch(
        url, {"title": "Renamed"}, format="json", HTTP_IF_NONE_MATCH="*"
    )

    assert response.status_code == 412
    assert "If-None-Match" in response.json()["detail"]
    assert type(record).objects.get(pk=record.pk).title == "Kyodo report"


def test_a_get_with_a_stale_if_match_is_refused(api_client):
    """The issue's other example: it used to be a 200."""
    url = detail_url("patrols", written("patrols"))

    response = api_client.get(url, HTTP_IF_MATCH=STALE)

    assert response.status_code == 412
    assert "changed since you read it" in response.json()["detail"]


@pytest.mark.parametrize("fmt", ["csv", "api"])
def test_a_refused_read_is_json_whatever_format_was_asked(api_client, fmt):
    url = detail_url("sources", written("sources"))

    response = api_client.get(f"{url}?format={fmt}", HTTP_IF_MATCH=STALE)

    assert response.status_code == 412
    if fmt == "csv":  # the browsable API shows the same error in its page
        assert response["Content-Type"].startswith("application/json")
        assert "If-Match" in response.json()["detail"]
