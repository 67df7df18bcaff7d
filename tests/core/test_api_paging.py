"""Paging lists: 50 rows a page unless asked otherwise, at most 500 (more is refused, not
capped), a page is a number (``page=last`` is refused), and a bad page is an error in JSON; on
every list of the URL conf (core/api/filtering.py ``BoundedPageNumberPagination``)."""

import pytest
from django.urls import reverse

from reference.models import Source
from tests.core.api_routes import ROUTES, params
from tests.core.resource_cases import assert_json_error, in_order, listed, results

pytestmark = pytest.mark.django_db

LISTS = params((route,) for route in ROUTES if route.name.endswith("-list"))
# Every paged read (the lists, in each format, and each record's history) with a format.
PAGED = params(
    (route, fmt)
    for route in ROUTES
    if route.name.endswith(("-list", "-history"))
    for fmt in ("json", "api", "csv")
    if fmt != "csv" or route.name.endswith("-list")  # a history has no CSV
)


def many_sources(n):
    """``n`` sources, written in one statement (the ORM's factories would take a while)."""
    Source.objects.bulk_create(
        Source(slug=f"bulk-{i:04d}", title=f"Bulk report {i:04d}", kind="news_report")
        for i in range(n)
    )


def test_a_page_holds_50_rows_unless_asked_otherwise(api_client):
    many_sources(51)

    first = listed(api_client, "sources", "ordering=title")
    second = api_client.get(first.json()["next"])

    assert set(first.json()) == {"count", "next", "previous", "results"}
    assert first.json()["count"] == 51
    assert len(results(first)) == 50
    assert first.json()["previous"] is None
    assert in_order(second) == ["bulk-0050"]
    assert second.json()["next"] is None
    assert second.json()["previous"] is not None


def test_page_size_sets_the_rows_per_page(api_client):
    many_sources(5)

    response = listed(api_client, "sources", "ordering=title&page_size=2&page=2")

    assert in_order(response) == ["bulk-0002", "bulk-0003"]
    assert response.json()["count"] == 5


def test_a_page_size_of_500_is_one_page_of_500(api_client):
    many_sources(501)

    response = listed(api_client, "sources", "page_size=500")

    assert len(results(response)) == 500
    assert response.json()["next"] is not None


@pytest.mark.parametrize("page_size", ["501", "1000", "100000", "999999999"])
def test_a_page_size_above_500_is_refused_not_capped(api_client, page_size):
    """It was read as 500: a client asking for 1,000 rows got 500 and no word of it."""
    many_sources(3)

    response = listed(api_client, "sources", f"page_size={page_size}")

    assert_json_error(response, 400, "page_size")
    assert response.json()["page_size"] == ["A whole number from 1 to 500."]


@pytest.mark.parametrize(("route", "fmt"), PAGED)
def test_every_paged_read_refuses_a_page_size_above_500(route, fmt, api_client):
    response = api_client.get(f"{route.url()}?page_size=501&format={fmt}")

    assert response.status_code == 400, response.content
    if fmt != "api":
        assert "page_size" in response.json()


def test_a_list_as_of_a_moment_refuses_a_page_size_above_500(api_client):
    response = listed(api_client, "patrols", "as_of=2024-01-01T00:00:00Z&page_size=501")

    assert_json_error(response, 400, "page_size")


@pytest.mark.parametrize("page", ["last", "LAST", "end"])
def test_page_last_is_refused_as_the_schema_says_page_is_a_number(api_client, page):
    many_sources(5)

    assert_json_error(listed(api_client, "sources", f"page_size=2&page={page}"), 400, "page")


@pytest.mark.parametrize("route", LISTS, ids=str)
def test_the_schema_bounds_every_page_size_at_500(schema, route):
    operation = schema["paths"][reverse(route.name)]["get"]

    (page_size,) = [p for p in operation["parameters"] if p["name"] == "page_size"]
    assert page_size["schema"] == {"type": "integer", "minimum": 1, "maximum": 500}
    assert "more is refused" in page_size["description"]
    (page,) = [p for p in operation["parameters"] if p["name"] == "page"]
    assert page["schema"]["type"] == "integer"


@pytest.mark.parametrize(
    ("query", "parameter"),
    [
        ("page_size=abc", "page_size"),
        ("page_size=0", "page_size"),
        ("page_size=-5", "page_size"),
        ("page_size=2.5", "page_size"),
        ("page=abc", "page"),
        ("page=-1", "page"),
        ("page=1.5", "page"),
    ],
)
def test_a_malformed_page_or_page_size_is_a_400_naming_it(api_client, query, parameter):
    many_sources(3)

    assert_json_error(listed(api_client, "sources", query), 400, parameter)


def test_page_zero_is_a_400_naming_page(api_client):
    many_sources(3)

    assert_json_error(listed(api_client, "sources", "page=0"), 400, "page")


def test_a_page_past_the_end_is_a_404_in_json(api_client):
    many_sources(3)

    assert_json_error(listed(api_client, "sources", "page=2"), 404, "detail")


def test_an_empty_list_is_one_empty_page_not_a_404(api_client):
    response = listed(api_client, "sources")

    assert response.json() == {"count": 0, "next": None, "previous": None, "results": []}


@pytest.mark.parametrize("query", ["page=", "page_size=", "page=&page_size="])
def test_an_empty_page_or_page_size_is_not_given_as_the_schema_says(api_client, query):
    many_sources(3)

    assert len(results(listed(api_client, "sources", query))) == 3
