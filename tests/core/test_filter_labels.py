"""The browsable API's filter form labels each filter as a client writes it: its parameter
names and their description, never django-filter's guess from the ORM path ("Start date year is
greater than or equal to") nor "[invalid name]" (core/filters.py, ``labelled``)."""

import pytest
from django.test import RequestFactory

from core.api.params import filterset_parameters
from core.filters import parameter_names
from tests.api_resources import list_url
from tests.core.test_filter_ranges import all_filtersets

pytestmark = pytest.mark.django_db

FILTERSETS = sorted(
    (filterset for filterset in all_filtersets() if filterset._meta.model is not None),
    key=lambda filterset: filterset.__name__,
)
FILTERS = [
    pytest.param(filterset, name, id=f"{filterset.__name__}.{name}")
    for filterset in FILTERSETS
    for name in filterset.base_filters
]


def form_of(filterset_class):
    request = RequestFactory().get("/")
    return filterset_class(
        data={},
        queryset=filterset_class._meta.model._default_manager.none(),
        request=request,
        every_filter=True,  # as the browsable API's form shows them (a request builds fewer)
    ).form


@pytest.mark.parametrize(("filterset_class", "name"), FILTERS)
def test_each_filter_is_labelled_by_its_parameters_and_description(filterset_class, name):
    filter_ = filterset_class.base_filters[name]
    label = str(form_of(filterset_class).fields[name].label)
    names = parameter_names(name, filter_)

    assert "[invalid name]" not in label
    assert "__" not in label
    assert label.startswith(" / ".join(names))
    assert set(names) <= set(filterset_parameters(filterset_class))
    description = filter_.extra.get("help_text")
    if description:
        assert label.endswith(f": {description}")


def test_the_labels_do_not_leak_into_the_class_filters():
    """A form's labels are its own FilterSet's copies: another instance starts afresh."""
    filterset_class = FILTERSETS[0]
    first = form_of(filterset_class)
    second = form_of(filterset_class)
    assert first.fields.keys() == second.fields.keys()
    for name in first.fields:
        assert first.fields[name].label == second.fields[name].label


@pytest.mark.parametrize("resource", ["patrols", "aircraft-types", "participations"])
def test_the_browsable_api_page_shows_them(resource, client):
    response = client.get(list_url(resource), HTTP_ACCEPT="text/html")
    page = response.content.decode()
    assert response.status_code == 200
    assert "[invalid name]" not in page
    assert "is greater than or equal to" not in page


def test_the_browsable_api_page_labels_a_range_by_its_parameters(client):
    page = client.get(list_url("aircraft-types"), HTTP_ACCEPT="text/html").content.decode()
    assert "crew_min / crew_max: Crew: at least this. Crew: at most this." in page
    assert "year_min: Started in this year or later." in (
        client.get(list_url("patrols"), HTTP_ACCEPT="text/html").content.decode()
    )
