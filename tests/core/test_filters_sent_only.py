"""A request's FilterSet builds only the filters the request sends (core/filters.py
``RecordFilterSet``): a filter not sent filters nothing, and building every one (a related
filter's queryset among them) was about 40 % of a list request. Generated from every FilterSet
the API serves, so a new one is covered."""

import pytest
from django.http import QueryDict

from config.api import router
from core.filters import parameter_names
from tests.core.filter_cases import filters_by_filterset
from tests.core.test_filter_ranges import served_filtersets

pytestmark = pytest.mark.django_db

FILTERSETS = sorted(
    {(resource, filterset) for resource, filterset in served_filtersets()},
    key=lambda pair: pair[0],
)
CASES = [
    pytest.param(filterset, name, id=f"{resource}:{name}")
    for resource, filterset in FILTERSETS
    for name in filterset.base_filters
]


@pytest.mark.parametrize(("filterset", "name"), CASES)
def test_a_bound_filterset_holds_the_filters_sent_and_no_other(filterset, name):
    parameter = parameter_names(name, filterset.base_filters[name])[0]

    bound = filterset(QueryDict(f"{parameter}="))

    assert list(bound.filters) == [name]
    assert bound.is_valid()  # an empty value is no filter


@pytest.mark.parametrize("filterset", [pytest.param(f, id=r) for r, f in FILTERSETS])
def test_every_filter_is_kept_for_an_unbound_form_or_when_asked(filterset):
    assert list(filterset().filters) == list(filterset.base_filters)
    assert list(filterset(QueryDict(), every_filter=True).filters) == list(filterset.base_filters)
    assert list(filterset(QueryDict()).filters) == []


def test_the_browsable_api_s_filter_form_shows_every_filter(api_client):
    page = api_client.get("/api/v1/patrols/?year=2024", HTTP_ACCEPT="text/html")

    assert page.status_code == 200
    html = page.content.decode()
    for parameter in ("year", "country", "aircraft_type", "confidence"):
        assert f'name="{parameter}"' in html


def test_a_filter_not_sent_is_still_refused_when_malformed_if_sent(api_client):
    """Building only what is sent loses no check: a sent filter is cleaned as before."""
    response = api_client.get("/api/v1/patrols/?year=soon")

    assert response.status_code == 400
    assert "year" in response.json()


def test_every_filtering_resource_is_covered():
    filtering = [r for r, viewset, _ in router.registry if filters_by_filterset(viewset)]

    assert {resource for resource, _ in FILTERSETS} == set(filtering)
