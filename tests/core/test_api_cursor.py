"""Paging by cursor (core/api/cursor.py): ``?cursor=`` starts a walk that follows the list's
ordering, ``next`` and ``previous`` carry opaque cursors, and ``count`` comes only when asked.

On every list of the URL conf, for its default ordering and every ``ordering=`` choice (both
directions), a walk by cursor sees every row exactly once, in the page-number walk's order,
though rows share values and some values are NULL; walking back through ``previous`` gives the
same rows reversed. A cursor the list did not give is a 400 naming ``cursor``.
"""

import re

import pytest
from django.db import IntegrityError, connection, transaction
from django.test.utils import CaptureQueriesContext
from django.urls import resolve, reverse

from reference.models import Source
from tests import factories
from tests.api_resources import build, list_url
from tests.core.api_routes import ROUTES, params
from tests.core.resource_cases import assert_json_error, in_order, listed, results
from tests.core.test_api_queries import rich

pytestmark = pytest.mark.django_db

LISTS = [route for route in ROUTES if route.name.endswith("-list")]
RECORDS = 5  # per walk; pages of 2, so a walk crosses page boundaries inside runs of ties


def view_of(route):
    return resolve(reverse(route.name)).func.cls


def orderings(route):
    """The list's default ordering (no parameter) and each ``ordering=`` choice, both ways."""
    fields = view_of(route).ordering_fields
    return [None, *(f"{sign}{name}" for name in fields for sign in ("", "-"))]


WALKS = params((route, ordering) for route in LISTS for ordering in orderings(route))


def key_of(row):
    """What names a row of any list (every resource shows its URL)."""
    return row["url"]


def with_ties_and_nulls(model, fields):
    """Give the ordering fields shared values and NULLs where the database allows it, so a
    walk crosses runs of equal keys (each change tried alone; a refused one is left out)."""
    ids = list(model._default_manager.order_by("pk").values_list("pk", flat=True))
    for name in fields:
        field = model._meta.get_field(name)
        if not field.concrete or field.primary_key or field.is_relation:
            continue
        first = model._default_manager.filter(pk=ids[0]).values_list(name, flat=True).get()
        changes = [(ids[1:3], first)] + ([(ids[3:4], None)] if field.null else [])
        for chosen, value in changes:
            try:
                with transaction.atomic():
                    model._default_manager.filter(pk__in=chosen).update(**{name: value})
            except IntegrityError:
                pass  # a unique field, or a rule across fields: no ties there


def walk(client, first_url):
    """Every page from ``first_url`` by ``next``; the rows and the last page's answer."""
    rows, url, pages = [], first_url, 0
    while url:
        response = client.get(url)
        assert response.status_code == 200, response.content
        body = response.json()
        assert "count" not in body
        rows += [key_of(row) for row in body["results"]]
        url, pages = body["next"], pages + 1
        assert pages <= RECORDS * 3, "the walk does not end"
    return rows, body


def walk_back(client, url):
    rows = []
    while url:
        body = client.get(url).json()
        rows = [key_of(row) for row in body["results"]] + rows
        url = body["previous"]
    return rows


@pytest.mark.parametrize(("route", "ordering"), WALKS)
def test_a_cursor_walk_sees_every_row_once_in_the_lists_order(route, ordering, api_client):
    view = view_of(route)
    model = view.queryset.model
    resource = route.resource
    for _ in range(RECORDS):
        build(resource)
    with_ties_and_nulls(model, view.ordering_fields)
    query = f"&ordering={ordering}" if ordering else ""
    url = reverse(route.name)

    by_page = [key_of(row) for row in results(api_client.get(f"{url}?page_size=500{query}"))]
    by_cursor, last = walk(api_client, f"{url}?cursor=&page_size=2{query}")

    assert len(by_page) == model._default_manager.count() >= RECORDS
    assert by_cursor == by_page
    back = walk_back(api_client, last["previous"])
    assert back + [key_of(row) for row in last["results"]] == by_page


def queries(client, url):
    with CaptureQueriesContext(connection) as context:
        response = client.get(url)
    assert response.status_code == 200, response.content
    return len(context), response.json()


@pytest.mark.parametrize("route", params((route,) for route in LISTS))
def test_a_cursor_page_costs_the_same_for_1_and_50_rows_and_no_count(route, api_client):
    """One query fewer than a page by number (no count); with count=true, the same."""
    url = f"{reverse(route.name)}?cursor="
    rich(route.resource)
    api_client.get(url)  # content types are looked up once per process
    one, _ = queries(api_client, url)
    for _ in range(60):
        rich(route.resource)
    fifty, page = queries(api_client, url)
    by_number, _ = queries(api_client, reverse(route.name))
    counted, with_count = queries(api_client, f"{url}&count=true")

    assert len(page["results"]) == 50 and "count" not in page
    assert with_count["count"] >= 61
    assert fifty == one == by_number - 1
    assert counted == by_number


def many_sources(n):
    Source.objects.bulk_create(
        Source(slug=f"bulk-{i:04d}", title=f"Bulk report {i:04d}", kind="news_report")
        for i in range(n)
    )


def test_the_first_page_by_cursor_has_next_and_no_previous(api_client):
    many_sources(3)

    body = listed(api_client, "sources", "cursor=&page_size=2&ordering=title").json()

    assert list(body) == ["next", "previous", "results"]
    assert [row["slug"] for row in body["results"]] == ["bulk-0000", "bulk-0001"]
    assert body["previous"] is None
    assert "cursor=" in body["next"] and "ordering=title" in body["next"]
    last = api_client.get(body["next"]).json()
    assert [row["slug"] for row in last["results"]] == ["bulk-0002"]
    assert last["next"] is None and last["previous"]


def test_count_comes_first_when_asked(api_client):
    many_sources(3)

    body = listed(api_client, "sources", "cursor=&page_size=2&count=true").json()
    again = api_client.get(body["next"]).json()

    assert list(body) == ["count", "next", "previous", "results"]
    assert body["count"] == again["count"] == 3


def test_a_page_by_number_leaves_count_out_only_when_asked(api_client):
    many_sources(3)

    assert "count" in listed(api_client, "sources", "count=true").json()
    assert "count" in listed(api_client, "sources").json()
    assert list(listed(api_client, "sources", "count=false").json()) == [
        "next",
        "previous",
        "results",
    ]


def test_a_write_between_pages_neither_repeats_nor_skips_a_row(api_client):
    """A page number shifts when a row is added before it; a cursor does not."""
    many_sources(4)
    first = listed(api_client, "sources", "cursor=&page_size=2&ordering=title").json()
    Source.objects.create(slug="aaa", title="Aaa first", kind="news_report")

    second = api_client.get(first["next"])

    assert in_order(second) == ["bulk-0002", "bulk-0003"]


@pytest.mark.parametrize(
    "cursor",
    ["abc", "eyJ2IjpbXX0:1abc:xyz", "%00", "x" * 300],
    ids=["garbage", "forged", "nul", "long"],
)
def test_a_malformed_or_forged_cursor_is_a_400_naming_cursor(api_client, cursor):
    many_sources(3)

    body = assert_json_error(listed(api_client, "sources", f"cursor={cursor}"), 400, "cursor")

    assert "cursor= (empty)" in body["cursor"][0]


def test_a_tampered_cursor_is_a_400(api_client):
    many_sources(3)
    link = listed(api_client, "sources", "cursor=&page_size=1").json()["next"]
    token = link.split("cursor=")[1].split("&")[0]
    tampered = token[:5] + ("A" if token[5] != "A" else "B") + token[6:]

    assert_json_error(listed(api_client, "sources", f"cursor={tampered}"), 400, "cursor")


@pytest.mark.parametrize(
    ("url", "other"),
    [
        ("/api/v1/sources/?cursor=&page_size=1&ordering=title", "ordering=-title"),
        ("/api/v1/sources/?cursor=&page_size=1", None),
    ],
    ids=["another-ordering", "another-list"],
)
def test_a_cursor_belongs_to_its_list_and_ordering(api_client, url, other):
    many_sources(3)
    factories.CountryFactory()
    link = api_client.get(url).json()["next"]
    if other:
        moved = link.replace("ordering=title", other)
    else:
        moved = link.replace("/sources/", "/countries/")

    assert_json_error(api_client.get(moved), 400, "cursor")


@pytest.mark.parametrize("query", ["cursor=&page=2", "cursor=&page=1", "page=1&cursor=abc"])
def test_cursor_and_page_together_are_a_400(api_client, query):
    many_sources(3)

    assert_json_error(listed(api_client, "sources", query), 400, "cursor", "page")


@pytest.mark.parametrize("query", ["cursor=&page_size=501", "cursor=&count=yes"])
def test_page_size_and_count_are_checked_by_cursor_too(api_client, query):
    response = listed(api_client, "sources", query)

    assert_json_error(response, 400, query.split("&")[1].split("=")[0])


def test_a_csv_download_checks_the_cursor_and_gives_every_row(api_client):
    many_sources(3)

    assert_json_error(listed(api_client, "sources", "format=csv&cursor=bad"), 400, "cursor")
    response = listed(api_client, "sources", "format=csv&cursor=&page_size=1")
    assert b"".join(response.streaming_content).count(b"Bulk report") == 3


def test_a_records_history_pages_by_cursor(api_client):
    source = factories.SourceFactory()
    for number in range(4):
        source.title = f"Title {number}"
        source.save()
    url = f"{list_url('sources')}{source.slug}/history/"

    by_page = [row["version"] for row in results(api_client.get(url))]
    by_cursor, rows, next_url = [], None, f"{url}?cursor=&page_size=2"
    while next_url:
        body = api_client.get(next_url).json()
        rows = body["results"]
        by_cursor += [row["version"] for row in rows]
        next_url = body["next"]

    assert by_cursor == by_page and len(by_page) == 5
    assert rows[-1]["type"] == "created"


def test_the_browsable_api_shows_previous_and_next_by_cursor(api_client):
    many_sources(3)

    page = listed(api_client, "sources", "cursor=&page_size=1&format=api")

    assert page.status_code == 200
    assert b'class="pager"' in page.content
    assert re.search(rb'href="[^"]*cursor=[^&"]+', page.content)


@pytest.mark.parametrize("route", LISTS, ids=str)
def test_the_schema_documents_cursor_and_count(schema, route):
    operation = schema["paths"][reverse(route.name)]["get"]
    parameters = {p["name"]: p for p in operation["parameters"]}

    assert parameters["cursor"]["schema"]["type"] == "string"
    assert "cursor=" in parameters["cursor"]["description"]
    assert parameters["count"]["schema"] == {"type": "string", "enum": ["true", "false"]}
    page = operation["responses"]["200"]["content"]["application/json"]["schema"]
    page = schema["components"]["schemas"][page["$ref"].rsplit("/", 1)[1]]
    assert page["required"] == ["results"]
    assert "count=true" in page["properties"]["count"]["description"]
