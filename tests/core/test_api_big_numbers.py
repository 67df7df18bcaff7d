"""A whole number of thousands of digits is a clean 400, in a JSON body and in a filter, never
Python's "use sys.set_int_max_str_digits()" (over 4,300 digits) nor a 500
(core/api/parsers.py ``whole_number``; the filters' ``forms.IntegerField``). Cases from the URL
conf and the filtersets, so a new write endpoint or number filter is covered."""

import json

import pytest
from django import forms

from config.api import router
from core.api.parsers import MAX_DIGITS
from tests.core.api_routes import ROUTES, params
from tests.core.filter_cases import filters_by_filterset

pytestmark = pytest.mark.django_db

PYTHONS_WORDS = "set_int_max_str_digits"


def number_filter_parameters():
    """``(resource, parameter)`` for every query parameter read by a whole-number form field."""
    cases = []
    for prefix, viewset, _ in router.registry:
        if not filters_by_filterset(viewset) or not viewset.filterset_class:
            continue
        for name, filter_ in viewset.filterset_class.base_filters.items():
            field = filter_.field
            fields = getattr(field, "fields", None) or [field]
            if all(isinstance(f, forms.IntegerField) for f in fields):
                suffixes = getattr(field.widget, "suffixes", None)
                names = [f"{name}_{s}" for s in suffixes] if suffixes else [name]
                cases += [(prefix, parameter) for parameter in names]
    return cases


NUMBER_FILTERS = number_filter_parameters()


def test_the_number_filters_are_found():
    assert ("patrols", "year") in NUMBER_FILTERS
    assert len(NUMBER_FILTERS) > 5


@pytest.mark.parametrize("digits", [30, 5_000])
@pytest.mark.parametrize(("resource", "parameter"), NUMBER_FILTERS)
def test_a_filter_number_of_thousands_of_digits_is_a_clean_400(
    api_client, resource, parameter, digits
):
    response = api_client.get(f"/api/v1/{resource}/", {parameter: "9" * digits})

    assert response.status_code == 400, response.content[:300]
    assert list(response.json()) == [parameter]
    assert PYTHONS_WORDS not in response.content.decode()


@pytest.mark.parametrize("digits", [MAX_DIGITS + 1, 4_301, 5_000, 100_000])
@pytest.mark.parametrize(
    ("route", "method"),
    params((r, m) for r in ROUTES for m in ("POST", "PUT", "PATCH") if m in r.methods),
)
def test_a_body_number_of_thousands_of_digits_is_a_clean_400(
    route, method, digits, curator_api_client
):
    url = route.url()
    before = route.stored()
    body = '{"year": ' + "9" * digits + ', "notes": -' + "1" * digits + "}"

    response = curator_api_client.generic(method, url, body, content_type="application/json")

    assert response.status_code == 400, response.content[:300]
    assert response.json() == {
        "detail": f"JSON parse error - a whole number of {digits} digits: no field takes "
        f"more than {MAX_DIGITS}."
    }
    assert route.stored() == before


def test_a_body_number_at_the_bound_reaches_the_serializer(curator_api_client):
    """Length alone is no fault below the bound: the field then says what is wrong."""
    body = json.dumps({"slug": "s", "kind": "news_report", "title": "t"})
    body = body[:-1] + ', "published_on": ' + "9" * MAX_DIGITS + "}"

    response = curator_api_client.post("/api/v1/sources/", body, content_type="application/json")

    assert response.status_code == 400
    assert "published_on" in response.json()
