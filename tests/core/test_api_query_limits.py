"""A query string with more fields than DATA_UPLOAD_MAX_NUMBER_FIELDS is a JSON 400 naming the
limit on every route of the URL conf, with debug on and off (core/middleware.py
``refuse_query``). With debug on it was a plain-text 500: Django's error page read
``request.GET`` again and raised ``TooManyFieldsSent`` a second time."""

import pytest
from django.conf import settings as django_settings
from rest_framework.test import APIClient

from core.middleware import query_fields
from tests.core.api_routes import ROUTES, params

pytestmark = pytest.mark.django_db

LIMIT = django_settings.DATA_UPLOAD_MAX_NUMBER_FIELDS


def many(n):
    return "&".join(f"a{i}=1" for i in range(n))


@pytest.mark.parametrize("debug", [False, True], ids=["debug-off", "debug-on"])
@pytest.mark.parametrize("route", params((r,) for r in ROUTES))
def test_too_many_query_parameters_are_a_json_400(route, debug, settings):
    settings.DEBUG = debug
    client = APIClient(raise_request_exception=False)

    response = client.get(f"{route.url()}?{many(1_200)}")

    assert response.status_code == 400, response.content[:300]
    assert response["Content-Type"].startswith("application/json")
    assert response.json() == {
        "detail": f"The query string has 1200 parameters; this server reads at most {LIMIT}."
    }


@pytest.mark.parametrize("debug", [False, True], ids=["debug-off", "debug-on"])
def test_a_write_with_too_many_query_parameters_is_refused_before_its_body(
    debug, settings, curator_api_client
):
    settings.DEBUG = debug

    response = curator_api_client.post(f"/api/v1/sources/?{many(LIMIT + 1)}", {}, format="json")

    assert response.status_code == 400
    assert str(LIMIT) in response.json()["detail"]


def test_at_the_limit_the_parameters_are_read(api_client):
    """Exactly the limit is Django's to read: the endpoint then names the unknown ones."""
    response = api_client.get(f"/api/v1/sources/?{many(LIMIT)}")

    assert response.status_code == 400
    assert "a0" in response.json()


def test_the_limit_follows_the_setting(api_client, settings):
    settings.DATA_UPLOAD_MAX_NUMBER_FIELDS = 3

    assert api_client.get("/api/v1/sources/?search=a&ordering=title&page=1").status_code == 200
    assert "at most 3" in api_client.get("/api/v1/sources/?a&b&c&d").json()["detail"]


def test_no_limit_when_the_setting_is_none(api_client, settings):
    settings.DATA_UPLOAD_MAX_NUMBER_FIELDS = None

    response = api_client.get(f"/api/v1/sources/?{many(1_200)}")

    assert response.status_code == 400  # the endpoint's own refusal: unknown parameters
    assert "a0" in response.json()


@pytest.mark.parametrize(
    ("query", "count"), [("", 0), ("a=1", 1), ("a=1&b=2", 2), ("&", 2), ("a;b", 1)]
)
def test_fields_are_counted_as_django_counts_them(query, count):
    assert query_fields(query) == count
