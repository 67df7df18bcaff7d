"""Paging lists: 50 rows a page unless asked otherwise, at most 500, and a bad page is an
error in JSON."""

import pytest

from reference.models import Source
from tests.core.resource_cases import assert_json_error, in_order, listed, results

pytestmark = pytest.mark.django_db


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


def test_a_page_size_above_500_is_accepted_and_capped_at_500(api_client):
    many_sources(501)

    response = listed(api_client, "sources", "page_size=1000")

    assert len(results(response)) == 500
    assert response.json()["next"] is not None


def test_a_large_page_size_over_a_few_rows_returns_them_all(api_client):
    many_sources(3)

    assert len(results(listed(api_client, "sources", "page_size=1000"))) == 3


def test_page_last_is_the_last_page(api_client):
    many_sources(5)

    response = listed(api_client, "sources", "ordering=title&page_size=2&page=last")

    assert in_order(response) == ["bulk-0004"]


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
