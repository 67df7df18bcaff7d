"""A fast list's CSV download (a resource declaring ``fast_list``: the patrols) is built as its
JSON pages are, a chunk of records at a time (``RecordViewSet.every_record``): byte for byte the
CSV the serializer writes, in the list's order, with a fixed number of queries per chunk. The
lists come from the router, so a new fast list is covered."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from rest_framework.generics import GenericAPIView

from config.api import router
from core.api import views
from tests import factories

pytestmark = pytest.mark.django_db

FAST_LISTS = {
    f"/api/v1/{prefix}/": viewset for prefix, viewset, _ in router.registry if viewset.fast_list
}
QUERIES = [  # filters that join to-many relations, search and orderings among them
    {},
    {"year": "2024"},
    {"ordering": "name"},
    {"country": "CN", "ordering": "-end_date"},
    {"search": "Tu-95"},
    {"joint": "false", "ordering": "ordinal,-name"},
    {"disputed": "true"},
]


def downloaded(client, url, query):
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url, {**query, "format": "csv"})
        assert response.status_code == 200
        body = b"".join(response.streaming_content)
    return body, len(captured)


@pytest.mark.usefixtures("loaded")
@pytest.mark.parametrize("query", QUERIES, ids=lambda query: "&".join(query) or "all")
@pytest.mark.parametrize("url", FAST_LISTS)
def test_a_fast_lists_csv_is_the_serializers(api_client, monkeypatch, url, query):
    """In chunks of 3 records, so the curated patrols span several."""
    monkeypatch.setattr(views, "CSV_CHUNK", 3)
    fast, _ = downloaded(api_client, url, query)

    monkeypatch.setattr(FAST_LISTS[url], "fast_list", None)  # the serializer over instances
    general, _ = downloaded(api_client, url, query)

    assert fast.count(b"\n") > 1  # a header and rows: the curated data has some
    assert fast == general


@pytest.mark.parametrize("url", FAST_LISTS)
def test_a_fast_list_shows_every_row_of_its_model(url):
    """Its pages and CSV start from the model's plain rows (``core.api.views.FastList``): the
    viewset's queryset must choose no fewer."""
    viewset = FAST_LISTS[url]

    assert viewset.get_queryset is GenericAPIView.get_queryset
    assert not viewset.queryset.query.where
    assert not viewset.queryset.query.distinct_fields and not viewset.queryset.query.is_sliced


@pytest.mark.parametrize("url", FAST_LISTS)
def test_a_fast_lists_csv_reads_a_fixed_number_of_queries_per_chunk(api_client, monkeypatch, url):
    """(A year no curated patrol is in: another test may have loaded them.)"""
    monkeypatch.setattr(views, "CSV_CHUNK", 10)
    year = {"year": "1990"}
    factories.PatrolFactory.create_batch(3, start_date="1990-03-01")
    downloaded(api_client, url, year)  # the content types read once
    _, three = downloaded(api_client, url, year)
    factories.PatrolFactory.create_batch(7, start_date="1990-03-01")
    _, ten = downloaded(api_client, url, year)
    factories.PatrolFactory(start_date="1990-03-01")
    _, eleven = downloaded(api_client, url, year)

    assert three == ten < eleven  # one chunk, then two
