"""Every error under /api/ is JSON: a ``detail`` message or field errors, whatever produced it
(DRF, Django's own handlers, a debug page, a CSRF failure, a host not allowed, a middleware
that fails or answers in HTML), with debug on and off (core/middleware.py, config/errors.py).

One request for each status the API can answer with; the 503 and 429 themselves come from other
parts (a database outage, the throttle): what is proven here is that they reach the client as
JSON with their headers (Retry-After).
"""

import pytest
from django.contrib.auth import get_user_model
from django.http import HttpResponse
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from reference.api.views import SourceViewSet
from tests import factories
from tests.api_resources import detail_url, list_url, written

pytestmark = pytest.mark.django_db

SOURCES = list_url("sources")
THIS = "tests.core.test_api_errors_json"


class FailingMiddleware:
    """A middleware that breaks (a bug, a dependency down)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        raise RuntimeError("a middleware's bug")


class UnavailableMiddleware:
    """A middleware answering 503 in HTML, as a maintenance switch or a proxy page would."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = HttpResponse("<h1>Down for maintenance</h1>", status=503)
        response["Retry-After"] = "30"
        return response


def with_middleware(settings, dotted):
    """``dotted`` right after the API's edge (which only the dataset version precedes)."""
    edge = settings.MIDDLEWARE.index("core.middleware.APIEdgeMiddleware") + 1
    settings.MIDDLEWARE = [*settings.MIDDLEWARE[:edge], dotted, *settings.MIDDLEWARE[edge:]]


def token_client(user):
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {Token.objects.create(user=user).key}")
    return client


# --- One request per status: (client, settings, monkeypatch) -> response --------------------


def bad_parameter(c, settings, monkeypatch):
    return c.anonymous.get(f"{SOURCES}?published_after=yesterday")


def disallowed_host(c, settings, monkeypatch):
    return c.anonymous.get(SOURCES, HTTP_HOST="evil.example.org")


def suspicious_form(c, settings, monkeypatch):
    settings.DATA_UPLOAD_MAX_NUMBER_FIELDS = 2
    return c.anonymous.post(
        "/api/test-only/form/", "a=1&b=2&c=3", content_type="application/x-www-form-urlencoded"
    )


def not_authenticated(c, settings, monkeypatch):
    return c.anonymous.post(SOURCES, {}, format="json")


def forbidden(c, settings, monkeypatch):
    return token_client(get_user_model().objects.create_user("reader")).post(SOURCES, {})


def csrf_failure_in_drf(c, settings, monkeypatch):
    return c.session.post(SOURCES, {}, format="json")


def csrf_failure_in_django(c, settings, monkeypatch):
    return c.session.post("/api/test-only/form/", {})


def unknown_url(c, settings, monkeypatch):
    return c.anonymous.get("/api/v1/no-such-resource/")


def missing_record(c, settings, monkeypatch):
    return c.anonymous.get(f"{SOURCES}no-such-source/")


def method_not_allowed(c, settings, monkeypatch):
    return c.curator.post("/api/v1/patrols/stats/", {}, format="json")


def not_acceptable(c, settings, monkeypatch):
    return c.anonymous.get(SOURCES, HTTP_ACCEPT="application/xml")


def conflict(c, settings, monkeypatch):
    region = factories.RegionFactory()
    factories.PatrolRegionFactory(region=region)
    return c.curator.delete(detail_url("regions", region))


def precondition_failed(c, settings, monkeypatch):
    return c.anonymous.get(detail_url("sources", written("sources")), HTTP_IF_MATCH='"stale"')


def too_large(c, settings, monkeypatch):
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 100
    return c.curator.post(SOURCES, {"title": "x" * 200}, format="json")


def unsupported_media_type(c, settings, monkeypatch):
    return c.curator.post(SOURCES, "title=x", content_type="text/plain")


def throttled(c, settings, monkeypatch):
    settings.API_ANON_THROTTLE_RATE = "1/minute"
    c.anonymous.get(SOURCES)
    return c.anonymous.get(SOURCES)


def server_error_in_a_view(c, settings, monkeypatch):
    def broken(self, request, *args, **kwargs):
        raise RuntimeError("a view's bug")

    monkeypatch.setattr(SourceViewSet, "list", broken)
    return c.anonymous.get(SOURCES)


def server_error_in_a_middleware(c, settings, monkeypatch):
    with_middleware(settings, f"{THIS}.FailingMiddleware")
    return c.anonymous.get(SOURCES)


def unavailable(c, settings, monkeypatch):
    with_middleware(settings, f"{THIS}.UnavailableMiddleware")
    return c.anonymous.get(SOURCES)


REQUESTS = [
    (400, bad_parameter),
    (400, disallowed_host),
    (400, suspicious_form),
    (401, not_authenticated),
    (403, forbidden),
    (403, csrf_failure_in_drf),
    (403, csrf_failure_in_django),
    (404, unknown_url),
    (404, missing_record),
    (405, method_not_allowed),
    (406, not_acceptable),
    (409, conflict),
    (412, precondition_failed),
    (413, too_large),
    (415, unsupported_media_type),
    (429, throttled),
    (500, server_error_in_a_view),
    (500, server_error_in_a_middleware),
    (503, unavailable),
]


class Clients:
    def __init__(self, curator, curator_token):
        self.anonymous = APIClient(raise_request_exception=False)
        self.curator = APIClient(raise_request_exception=False)
        self.curator.credentials(HTTP_AUTHORIZATION=f"Token {curator_token.key}")
        self.session = APIClient(enforce_csrf_checks=True, raise_request_exception=False)
        self.session.force_login(curator)


@pytest.mark.urls("tests.core.api_error_urls")
@pytest.mark.parametrize("debug", [False, True], ids=["debug-off", "debug-on"])
@pytest.mark.parametrize(
    ("status", "request_"), REQUESTS, ids=[f"{s}-{f.__name__}" for s, f in REQUESTS]
)
def test_every_error_under_the_api_is_json(
    status, request_, debug, settings, monkeypatch, curator, curator_token
):
    settings.DEBUG = debug
    settings.ALLOWED_HOSTS = ["testserver"]

    response = request_(Clients(curator, curator_token), settings, monkeypatch)

    assert response.status_code == status, response.content
    assert response["Content-Type"].split(";")[0] == "application/json", response.content
    body = response.json()
    assert isinstance(body, dict) and body, body
    assert "detail" in body or all(isinstance(v, list | dict) for v in body.values()), body
    if "Content-Length" in response:
        assert int(response["Content-Length"]) == len(response.content)


def test_a_json_error_keeps_its_headers(settings):
    with_middleware(settings, f"{THIS}.UnavailableMiddleware")

    response = APIClient().get(SOURCES)

    assert response.json() == {"detail": "The service is unavailable; try again later."}
    assert response["Retry-After"] == "30"


def test_a_405_keeps_its_allow_header(curator_api_client):
    response = curator_api_client.post("/api/v1/patrols/stats/", {}, format="json")
    assert response.status_code == 405
    assert "GET" in response["Allow"]


def test_the_browsable_api_a_browser_asks_for_shows_its_errors_in_its_page(api_client):
    response = api_client.get(f"{SOURCES}no-such-source/", HTTP_ACCEPT="text/html")

    assert response.status_code == 404
    assert response["Content-Type"].startswith("text/html")


@pytest.mark.parametrize("debug", [False, True], ids=["debug-off", "debug-on"])
def test_errors_outside_the_api_stay_html(client, settings, debug):
    settings.DEBUG = debug
    response = client.get("/admin/no-such-page/")
    assert response["Content-Type"].startswith("text/html")
