"""What a request body may cost: JSON nested deeper than the parser's bound is a 400, a body
over DATA_UPLOAD_MAX_MEMORY_SIZE a 413, both JSON and both before anything is stored, on every
write endpoint of the URL conf (core/api/parsers.py, core/middleware.py)."""

import io
import json

import pytest
from rest_framework.exceptions import ParseError

from core.api.parsers import MAX_DEPTH, BoundedJSONParser, RequestTooLarge
from reference.models import Source
from tests.api_resources import list_url
from tests.core.api_routes import ROUTES, params

pytestmark = pytest.mark.django_db

BODY_WRITES = ("POST", "PUT", "PATCH")  # DELETE reads no body
LIMIT = 1024  # a small limit, so that going over it is cheap


def nested(depth):
    return "[" * depth + "]" * depth


def send(client, method, url, body):
    return client.generic(method, url, body, content_type="application/json")


def snapshot(route):
    """What the route's resource holds now: every row, as stored."""
    return route.stored()


def assert_json_error(response, status):
    assert response.status_code == status, response.content
    assert response["Content-Type"].startswith("application/json")
    return response.json()["detail"]


@pytest.mark.parametrize("depth", [MAX_DEPTH + 1, 1_000, 100_000])
@pytest.mark.parametrize(
    ("route", "method"), params((r, m) for r in ROUTES for m in BODY_WRITES if m in r.methods)
)
def test_json_nested_too_deep_is_refused(route, method, depth, curator_api_client):
    url = route.url()
    before = snapshot(route)

    response = send(curator_api_client, method, url, nested(depth))

    assert f"nested more than {MAX_DEPTH} levels" in assert_json_error(response, 400)
    assert snapshot(route) == before


@pytest.mark.parametrize(("route", "method"), params((r, m) for r in ROUTES for m in r.writes))
def test_a_body_over_the_limit_is_refused(route, method, curator_api_client, settings):
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = LIMIT
    url = route.url()
    before = snapshot(route)

    response = send(curator_api_client, method, url, json.dumps({"title": "x" * LIMIT}))

    assert f"{LIMIT} bytes at most" in assert_json_error(response, 413)
    assert snapshot(route) == before


def test_the_default_limit_holds(curator_api_client, settings):
    limit = settings.DATA_UPLOAD_MAX_MEMORY_SIZE
    body = json.dumps({"slug": "big", "title": "x" * limit, "kind": "news_report"})

    response = send(curator_api_client, "POST", list_url("sources"), body)

    assert_json_error(response, 413)
    assert not Source.objects.exists()


def test_json_as_deep_as_allowed_reaches_the_serializer(curator_api_client):
    """Depth alone is no fault: the serializer then says what is wrong with the value."""
    body = '{"slug": "s", "kind": "news_report", "title": ' + nested(MAX_DEPTH - 1) + "}"

    response = send(curator_api_client, "POST", list_url("sources"), body)

    assert response.status_code == 400
    assert "title" in response.json()


def test_a_content_length_that_is_not_a_number_is_refused(curator_api_client):
    response = curator_api_client.generic(
        "POST", list_url("sources"), "{}", content_type="application/json", CONTENT_LENGTH="many"
    )

    assert "Content-Length" in assert_json_error(response, 400)


def test_the_parser_bounds_a_body_that_did_not_say_its_length(settings):
    """A body read without a Content-Length (a chunked upload) is bounded by the parser."""
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = LIMIT
    with pytest.raises(RequestTooLarge):
        BoundedJSONParser().parse(io.BytesIO(b'"' + b"x" * LIMIT + b'"'))
    assert BoundedJSONParser().parse(io.BytesIO(b'"' + b"x" * (LIMIT - 2) + b'"'))


@pytest.mark.parametrize(
    ("body", "refused"),
    [
        (nested(MAX_DEPTH), False),
        (nested(MAX_DEPTH + 1), True),
        ('{"a": ' * MAX_DEPTH + "1" + "}" * MAX_DEPTH, False),
        ('{"a": ' * (MAX_DEPTH + 1) + "1" + "}" * (MAX_DEPTH + 1), True),
        ('[1, "x", {"a": [' + nested(MAX_DEPTH - 2) + "]}]", True),
        ("NaN", True),
    ],
    ids=["arrays-at-the-bound", "arrays-over", "objects-at", "objects-over", "mixed", "nan"],
)
def test_the_parser_bound(body, refused):
    stream = io.BytesIO(body.encode())
    if refused:
        with pytest.raises(ParseError):
            BoundedJSONParser().parse(stream)
    else:
        BoundedJSONParser().parse(stream)
