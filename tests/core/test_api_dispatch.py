"""How a read is answered is decided in one place, ``RecordViewSet.list`` / ``retrieve``.

A list is CSV (``format=csv``, every row streamed), the records as they stood (``as_of``), JSON
built from plain rows (a resource declaring ``fast_list``, JSON only) or the general path. A
resource declares; it never overrides ``list()`` or ``retrieve()``, and neither does the history
mixin, whose past records the dispatcher asks for.
"""

import inspect

import pytest
from rest_framework.mixins import ListModelMixin

from config.api import router
from core.api.history import HistoryMixin
from core.api.views import FastList, RecordViewSet
from core.models import natural_key_field
from patrols.api import pages
from patrols.api.views import PatrolViewSet
from tests import factories

pytestmark = pytest.mark.django_db

PATROLS = "/api/v1/patrols/"
PAST = "2999-01-01T00:00:00Z"
VIEWSETS = [viewset for _, viewset, _ in router.registry]


def every_subclass(cls):
    for subclass in cls.__subclasses__():
        yield subclass
        yield from every_subclass(subclass)


# --- Declarations, not overrides ----------------------------------------------------------------


@pytest.mark.parametrize("viewset", sorted(set(every_subclass(RecordViewSet)), key=str))
def test_no_resource_overrides_list_or_retrieve(viewset):
    """Each is RecordViewSet's own (``extend_schema_view`` may wrap it, to document it)."""
    for name in ("list", "retrieve"):
        assert inspect.unwrap(getattr(viewset, name)) is vars(RecordViewSet)[name], viewset


def test_the_history_mixin_does_not_compete_for_list_or_retrieve():
    assert "list" not in vars(HistoryMixin) and "retrieve" not in vars(HistoryMixin)
    assert {"past_list", "past_detail"} <= set(vars(HistoryMixin))


def test_the_patrols_declare_their_fast_page_and_nobody_else_does():
    assert PatrolViewSet.fast_list == FastList(pages.PATROL_COLUMNS, pages.patrol_page)
    others = [viewset for viewset in VIEWSETS if viewset is not PatrolViewSet]
    assert all(viewset.fast_list is None for viewset in others)


@pytest.mark.parametrize("viewset", VIEWSETS, ids=[prefix for prefix, _, _ in router.registry])
def test_a_resource_is_keyed_by_its_models_natural_key(viewset):
    assert viewset.lookup_field == natural_key_field(viewset.queryset.model)


# --- Which path answers -------------------------------------------------------------------------


@pytest.fixture
def patrol():
    patrol = factories.PatrolFactory()
    factories.ParticipationFactory(patrol=patrol)
    return patrol


@pytest.fixture
def paths(monkeypatch):
    """Record which of the list's paths answered: fast, past or general (CSV streams)."""
    taken = []
    fast = PatrolViewSet.fast_list
    past_list, general_list = HistoryMixin.past_list, ListModelMixin.list

    def fast_page(rows, request):
        taken.append("fast")
        return fast.page(rows, request)

    def past(self, moment):
        taken.append("past")
        return past_list(self, moment)

    def general(self, request, *args, **kwargs):
        taken.append("general")
        return general_list(self, request, *args, **kwargs)

    monkeypatch.setattr(PatrolViewSet, "fast_list", FastList(fast.columns, fast_page))
    monkeypatch.setattr(HistoryMixin, "past_list", past)
    monkeypatch.setattr(ListModelMixin, "list", general)
    return taken


def test_json_lists_of_a_resource_with_a_fast_page_take_it(api_client, patrol, paths):
    response = api_client.get(PATROLS)
    assert response.status_code == 200
    assert [record["slug"] for record in response.json()["results"]] == [patrol.slug]
    assert paths == ["fast"]


def test_the_browsable_api_takes_the_general_path(api_client, patrol, paths):
    assert api_client.get(PATROLS, HTTP_ACCEPT="text/html").status_code == 200
    assert paths == ["general"]


def test_as_of_takes_the_past_path_even_with_a_fast_page(api_client, patrol, paths):
    response = api_client.get(PATROLS, {"as_of": PAST})
    assert response.status_code == 200
    assert [record["slug"] for record in response.json()["results"]] == [patrol.slug]
    assert paths == ["past"]


def test_csv_streams_every_row_and_takes_neither_page_path(api_client, patrol, paths):
    response = api_client.get(PATROLS, {"format": "csv"})
    assert response.status_code == 200
    assert response.streaming
    assert response["Content-Disposition"] == 'attachment; filename="patrols.csv"'
    assert paths == []


def test_a_resource_without_a_fast_page_takes_the_general_path(api_client, paths):
    factories.SourceFactory()
    assert api_client.get("/api/v1/sources/").status_code == 200
    assert paths == ["general"]


@pytest.mark.parametrize(
    ("params", "error"),
    [
        ({"format": "csv", "page": "abc"}, {"page": ["A page number from 1."]}),
        ({"format": "csv", "page_size": "0"}, {"page_size": ["A whole number from 1 to 500."]}),
        ({"format": "csv", "as_of": PAST}, {"as_of": ["as_of answers in JSON only."]}),
        ({"as_of": PAST, "year": "2024"}, {"as_of": ["as_of cannot be combined with: year."]}),
    ],
)
def test_refusals_come_before_any_path_and_answer_in_json(api_client, patrol, paths, params, error):
    response = api_client.get(PATROLS, params)
    assert response.status_code == 400
    assert response["Content-Type"].startswith("application/json")
    assert response.json() == error
    assert paths == []


def test_a_detail_as_of_is_the_record_as_it_stood(api_client, patrol):
    patrol.name = "Renamed"
    patrol.save()
    now = api_client.get(f"{PATROLS}{patrol.slug}/").json()
    then = api_client.get(f"{PATROLS}{patrol.slug}/", {"as_of": PAST}).json()
    assert now["name"] == then["name"] == "Renamed"
    before = api_client.get(f"{PATROLS}{patrol.slug}/", {"as_of": "2000-01-01T00:00:00Z"})
    assert before.status_code == 404
