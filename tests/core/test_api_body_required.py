"""A write's body must say its length and be there (core/middleware.py ``refuse_body``).

Django reads a body only as long as its Content-Length says (runserver and gunicorn alike): a
chunked PATCH answered 200 having written nothing, and a chunked body of any size passed the
413. A POST, PUT or PATCH without a body stored a version changing nothing (PATCH) or answered
a list of missing fields. Now, on every route of the URL conf: Transfer-Encoding without
Content-Length is a 411, a body-less write a 400, both JSON, nothing stored, no history row.
"""

import json

import pytest
from django.test.client import FakePayload

from tests.core.api_routes import ROUTES, params
from tests.core.conditional_cases import model_of

pytestmark = pytest.mark.django_db

BODY_WRITES = ("POST", "PUT", "PATCH")


def without_length(client, method, url, body, **headers):
    """A request whose environ has no CONTENT_LENGTH, as a server gives a chunked one."""
    return client.request(
        REQUEST_METHOD=method,
        PATH_INFO=url,
        CONTENT_TYPE="application/json",
        **{"wsgi.input": FakePayload(body)},
        **headers,
    )


def snapshot(route):
    """Every row of the route's resource and of its history, as stored."""
    if route.resource is None:
        return None
    model = model_of(route.resource)
    return (
        list(model.objects.order_by("pk").values()),
        list(model.history.order_by("pk").values_list("pk", flat=True)),
    )


def assert_json(response, status):
    assert response.status_code == status, response.content
    assert response["Content-Type"].startswith("application/json")
    return response.json()["detail"]


@pytest.mark.parametrize(
    ("route", "method"), params((r, m) for r in ROUTES for m in sorted(r.methods | {"GET"}))
)
def test_a_chunked_request_is_refused_as_length_required(route, method, curator_api_client):
    url = route.url()
    before = snapshot(route)

    response = without_length(
        curator_api_client, method, url, b'{"notes": "x"}', HTTP_TRANSFER_ENCODING="chunked"
    )

    assert "Content-Length" in assert_json(response, 411)
    assert snapshot(route) == before


@pytest.mark.parametrize("length", ["absent", "0"])
@pytest.mark.parametrize(
    ("route", "method"), params((r, m) for r in ROUTES for m in BODY_WRITES if m in r.methods)
)
def test_a_write_without_a_body_is_refused(route, method, length, curator_api_client):
    url = route.url()
    before = snapshot(route)

    if length == "absent":
        response = without_length(curator_api_client, method, url, b"")
    else:
        response = curator_api_client.generic(method, url, "", content_type="application/json")

    assert "A JSON body is required" in assert_json(response, 400)
    assert snapshot(route) == before


def test_the_reviewers_example_a_chunked_patch(curator_api_client):
    route = next(r for r in ROUTES if r.name == "api:source-detail")
    url = route.url()
    before = snapshot(route)

    response = without_length(
        curator_api_client, "PATCH", url, b'{"notes": "x"}', HTTP_TRANSFER_ENCODING="chunked"
    )

    assert response.status_code == 411
    assert snapshot(route) == before


def test_a_chunked_body_over_the_limit_is_not_let_through(curator_api_client):
    body = json.dumps({"title": "x" * 3_000_000}).encode()

    response = without_length(
        curator_api_client, "POST", "/api/v1/sources/", body, HTTP_TRANSFER_ENCODING="chunked"
    )

    assert response.status_code == 411


def test_an_empty_json_object_is_still_a_body(curator_api_client):
    """``{}`` is a body: a PATCH changing nothing is the client's to send."""
    route = next(r for r in ROUTES if r.name == "api:source-detail")

    response = curator_api_client.patch(route.url(), {}, format="json")

    assert response.status_code == 200, response.content


@pytest.mark.parametrize("method", ["GET", "DELETE", "OPTIONS"])
def test_requests_that_send_no_body_need_none(method, curator_api_client):
    route = next(r for r in ROUTES if r.name == "api:source-detail")

    response = curator_api_client.generic(method, route.url())

    assert response.status_code in (200, 204), response.content
