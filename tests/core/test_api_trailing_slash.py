"""A request to an API URL without its trailing slash is answered as the slashed URL is, with
its method and body: no redirect (a client follows a 301 as a GET without the body), and with
debug on no RuntimeError page from CommonMiddleware (core/middleware.py).

Every route under /api/ (read from the URL conf), every write method, debug on and off.
"""

import pytest

from reference.models import Source
from tests.api_resources import detail_url, list_url, written
from tests.core.api_routes import ROUTES, WRITES, params

pytestmark = pytest.mark.django_db

DEBUG = [pytest.param(False, id="debug-off"), pytest.param(True, id="debug-on")]


def send(client, method, url):
    if method in ("POST", "PUT", "PATCH"):
        return getattr(client, method.lower())(url, {}, format="json")
    return getattr(client, method.lower())(url)


def error_body(response):
    """The JSON of an error (which both forms of a URL must give alike); None otherwise."""
    if response.status_code < 400:
        return None
    assert response["Content-Type"].startswith("application/json"), response.content
    return response.json()


@pytest.mark.parametrize("debug", DEBUG)
@pytest.mark.parametrize(("route", "method"), params((r, m) for r in ROUTES for m in WRITES))
def test_a_write_without_the_slash_is_answered_as_with_it(
    route, method, debug, curator_api_client, settings
):
    """Each form of the URL gets a record of its own (a DELETE uses it up)."""
    settings.DEBUG = debug
    curator_api_client.raise_request_exception = False
    slashed = send(curator_api_client, method, route.url())
    url = route.url()
    assert url.endswith("/")

    bare = send(curator_api_client, method, url.removesuffix("/"))

    assert bare.status_code == slashed.status_code, bare.content
    assert bare.status_code < 500 and not 300 <= bare.status_code < 400
    assert "Location" not in bare
    assert error_body(bare) == error_body(slashed)


@pytest.mark.parametrize("debug", DEBUG)
def test_a_post_without_the_slash_creates_the_record(debug, curator_api_client, settings):
    """The issue's example: a 500 page with debug on, a 301 turning it into a GET without."""
    settings.DEBUG = debug
    url = list_url("sources").removesuffix("/")

    response = curator_api_client.post(
        url, {"slug": "kyodo-report", "title": "Kyodo report", "kind": "news_report"}
    )

    assert response.status_code == 201, response.content
    assert response.json()["url"].endswith("/api/v1/sources/kyodo-report/")
    assert Source.objects.filter(slug="kyodo-report").exists()


@pytest.mark.parametrize("debug", DEBUG)
def test_a_patch_without_the_slash_stores_its_change(debug, curator_api_client, settings):
    settings.DEBUG = debug
    source = written("sources", title="Kyodo report")

    response = curator_api_client.patch(
        detail_url("sources", source).removesuffix("/"), {"title": "Renamed"}, format="json"
    )

    assert response.status_code == 200, response.content
    source.refresh_from_db()
    assert source.title == "Renamed"


@pytest.mark.parametrize("debug", DEBUG)
def test_a_delete_without_the_slash_deletes(debug, curator_api_client, settings):
    settings.DEBUG = debug
    source = written("sources")

    response = curator_api_client.delete(detail_url("sources", source).removesuffix("/"))

    assert response.status_code == 204
    assert not Source.objects.filter(pk=source.pk).exists()


def test_a_read_without_the_slash_is_answered_in_place(api_client):
    response = api_client.get("/api/v1/sources?ordering=title")

    assert response.status_code == 200
    assert response.json()["results"] == []


@pytest.mark.parametrize("debug", DEBUG)
def test_a_url_that_exists_in_neither_form_is_a_json_404(debug, curator_api_client, settings):
    settings.DEBUG = debug

    response = curator_api_client.post("/api/v1/no-such-thing", {}, format="json")

    assert response.status_code == 404
    assert response.json() == {"detail": "Not found."}


def test_outside_the_api_django_still_redirects_to_the_slash(client):
    """The admin is a browser's: a GET there is redirected as Django does."""
    response = client.get("/admin")

    assert response.status_code == 301
    assert response["Location"] == "/admin/"
