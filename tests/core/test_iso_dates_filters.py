"""Every date filter of every FilterSet the API serves reads ISO 8601 dates only.

``?date_after=02/01/2024`` was a 200 meaning 2 January, while a spreadsheet import read the same
text as 1 February. The filters' date fields (``core.filters.ISODateField``) take ``YYYY-MM-DD``
and answer anything else with a 400 naming the parameter. The cases are generated from the
filtersets: every filter whose form field is a date (or a range of dates), each of its
parameters; and every filter on a date column must be one of those or a part of the date
(``year``), so a date filter added later is covered or noticed.
"""

import pytest
from django import forms
from django.core.exceptions import FieldDoesNotExist
from django.db import models

from config.api import router
from core.dates import DATE_SPELLING
from tests.core.filter_cases import filters_by_filterset
from tests.core.test_iso_dates import ARABIC_INDIC, FULLWIDTH

pytestmark = pytest.mark.django_db

BAD_DATES = [
    "02/01/2024",
    "2/1/2024",
    "2024-1-2",
    "2024-02-30",
    ARABIC_INDIC,
    FULLWIDTH,
    "20240102",
    "2024-W01-2",
    "2024-01-02T00:00",
    "yesterday",
]
DATE_PARTS = {"year", "iso_year", "quarter", "month", "week", "week_day", "iso_week_day", "day"}


def served_filtersets():
    return [
        (prefix, viewset.filterset_class)
        for prefix, viewset, _ in router.registry
        if filters_by_filterset(viewset) and viewset.filterset_class
    ]


def is_date_field(field):
    """A date form field, or a range (MultiValueField) of them."""
    if isinstance(field, forms.MultiValueField):
        return bool(field.fields) and all(map(is_date_field, field.fields))
    return isinstance(field, forms.DateField | forms.DateTimeField)


def parameters(name, filter_):
    """The query parameters a filter reads: its name, or one per bound of a range."""
    suffixes = getattr(filter_.field.widget, "suffixes", None)
    return [f"{name}_{suffix}" for suffix in suffixes] if suffixes else [name]


def model_field(model, path):
    """The model field at the end of a ``field_name`` such as ``patrol__start_date``, or None
    (a filter with a method of its own, such as ``disputed``)."""
    field = None
    for part in path.split("__"):
        try:
            field = model._meta.get_field(part)
        except (FieldDoesNotExist, AttributeError):
            return None
        model = field.related_model
    return field


def date_filter_cases():
    return [
        (resource, name, parameter)
        for resource, filterset in served_filtersets()
        for name, filter_ in filterset.base_filters.items()
        if is_date_field(filter_.field)
        for parameter in parameters(name, filter_)
    ]


CASES = date_filter_cases()
IDS = [f"{resource}?{parameter}" for resource, _, parameter in CASES]


def test_the_date_filters_are_found():
    assert {
        ("patrols", "date_after"),
        ("patrols", "date_before"),
        ("statements", "date_after"),
        ("sources", "published_after"),
        ("aircraft-types", "first_flight_before"),
    } <= {(resource, parameter) for resource, _, parameter in CASES}


def test_every_filter_on_a_date_column_is_a_date_filter_or_a_part_of_the_date():
    """A text or number filter on a date column would read dates its own way."""
    for resource, filterset in served_filtersets():
        for name, filter_ in filterset.base_filters.items():
            field = model_field(filterset._meta.model, filter_.field_name)
            if isinstance(field, models.DateField):
                part = filter_.lookup_expr.split("__")[0]
                period = getattr(filter_, "date_part", None)  # a part the filter computes
                assert is_date_field(filter_.field) or part in DATE_PARTS or period, (
                    f"{resource}?{name}"
                )


@pytest.mark.parametrize(("resource", "name", "parameter"), CASES, ids=IDS)
def test_a_date_filter_refuses_every_other_spelling_naming_its_parameter(
    api_client, resource, name, parameter
):
    for value in BAD_DATES:
        response = api_client.get(f"/api/v1/{resource}/", {parameter: value})

        assert response.status_code == 400, (value, response.content)
        assert response["Content-Type"].startswith("application/json")
        body = response.json()
        assert list(body) == [parameter], (value, body)
        assert DATE_SPELLING in str(body[parameter]), body  # not only "Enter a valid date."


@pytest.mark.parametrize(("resource", "name", "parameter"), CASES, ids=IDS)
def test_a_date_filter_takes_an_iso_date(api_client, resource, name, parameter):
    response = api_client.get(f"/api/v1/{resource}/", {parameter: "2024-01-02"})

    assert response.status_code == 200, response.content
