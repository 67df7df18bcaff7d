"""Range filters: every ``<name>_min``/``<name>_max`` and ``<name>_after``/``<name>_before`` pair.

Each pair is one django-filter range filter (``core.filters.number_range`` / ``date_range``)
whose bounds are strict: whole numbers within the column's bounds, ISO dates. A bad bound is a
400 naming its own parameter, an empty one is no filter, and the schema documents each bound
as a parameter of its own. The cases are generated from every FilterSet the API serves, so a
range filter added later is covered without a new test.
"""

import datetime

import pytest
from django_filters import RangeFilter
from factory.django import DjangoModelFactory

from config.api import router
from core.filters import IntegerRangeFilter, ISODateRangeFilter, RecordFilterSet
from patrols.filters import FigureRangeFilter
from tests import factories
from tests.api_resources import RESOURCES
from tests.core.filter_cases import filters_by_filterset

pytestmark = pytest.mark.django_db

SUFFIXES = {"min": "max", "after": "before"}


def served_filtersets():
    """(resource, FilterSet) for every resource whose list takes filters."""
    return [
        (prefix, viewset.filterset_class)
        for prefix, viewset, _ in router.registry
        if filters_by_filterset(viewset) and viewset.filterset_class
    ]


def range_cases():
    """(resource, filter name, filter, its two parameters) for every range filter served."""
    cases = []
    for resource, filterset in served_filtersets():
        for name, filter_ in filterset.base_filters.items():
            if isinstance(filter_, RangeFilter):
                suffixes = filter_.field_class.widget.suffixes
                cases.append((resource, name, filter_, [f"{name}_{s}" for s in suffixes]))
    return cases


RANGES = range_cases()
IDS = [f"{resource}:{name}" for resource, name, _, _ in RANGES]
BOUNDS = [
    (resource, name, filter_, parameter)
    for resource, name, filter_, parameters in RANGES
    for parameter in parameters
]
BOUND_IDS = [f"{resource}?{parameter}" for resource, _, _, parameter in BOUNDS]


def all_filtersets():
    found, pending = set(), [RecordFilterSet]
    while pending:
        for subclass in pending.pop().__subclasses__():
            if subclass not in found:
                found.add(subclass)
                pending.append(subclass)
    return found


def is_integer(filter_):
    return isinstance(filter_, IntegerRangeFilter)


FACTORIES = {
    factory._meta.model: factory
    for factory in vars(factories).values()
    if isinstance(factory, type)
    and issubclass(factory, DjangoModelFactory)
    and factory._meta.model is not None
}


def record_with(resource, filter_, value):
    """A record of ``resource`` that ``filter_`` sees holding ``value``: on the record itself,
    or, for a filter on a related row (``reported_figures__value``), on a row built with that
    row's factory and the filter's own condition on it (a figure filter's quantity)."""
    factory, _ = RESOURCES[resource]
    relation, _, field = filter_.field_name.partition("__")
    if not field:
        return factory(**{relation: value})
    record = factory()
    reverse = factory._meta.model._meta.get_field(relation)
    conditions = {"quantity": filter_.quantity} if isinstance(filter_, FigureRangeFilter) else {}
    FACTORIES[reverse.related_model](**{reverse.field.name: record, field: value, **conditions})
    return record


def good_value(filter_):
    if is_integer(filter_):
        return str(filter_.extra.get("min_value", 0))
    return "2024-01-31"


def bad_values(filter_):
    if is_integer(filter_):
        low, high = filter_.extra["min_value"], filter_.extra["max_value"]
        return ["2024.5", "²", "1e3", "soon", str(low - 1), str(high + 1)]
    return ["01/02/2024", "2024-13-01", "2024-02-30", "20240131", "2024-1-5", "soon"]


def get(client, resource, params):
    return client.get(f"/api/v1/{resource}/", params)


# --- The filters themselves ---------------------------------------------------------------------


def test_the_api_has_range_filters_of_both_kinds():
    kinds = {
        kind
        for _, _, filter_, _ in RANGES
        for kind in (IntegerRangeFilter, ISODateRangeFilter)
        if isinstance(filter_, kind)  # a subclass (a figure filter) is of its kind
    }
    assert kinds == {IntegerRangeFilter, ISODateRangeFilter}
    names = {(resource, name) for resource, name, _, _ in RANGES}
    assert {("patrols", "date"), ("sources", "published"), ("statements", "date")} <= names
    assert {("patrols", "duration_hours"), ("patrols", "distance_km")} <= names
    assert {("aircraft-types", "crew"), ("aircraft-types", "first_flight")} <= names
    assert {("weapons", "range_km"), ("inventories", "as_of_year")} <= names


def test_every_range_filter_of_every_filterset_is_strict():
    """django-filter's own RangeFilter takes decimals and its DateFromToRangeFilter locale
    dates; the project's take whole numbers within bounds and ISO dates only."""
    for filterset in all_filtersets():
        for name, filter_ in filterset.base_filters.items():
            if isinstance(filter_, RangeFilter):
                assert isinstance(filter_, (IntegerRangeFilter, ISODateRangeFilter)), (
                    f"{filterset.__name__}.{name}"
                )
                if is_integer(filter_):
                    assert {"min_value", "max_value"} <= set(filter_.extra), name


def test_every_filterset_is_served():
    """So the generated cases below cover every range filter there is."""
    served = {filterset for _, filterset in served_filtersets()}
    concrete = {fs for fs in all_filtersets() if fs._meta.model is not None}
    assert concrete <= served


def plain_pairs():
    """(resource, name, whether ``name`` is itself a filter) for every ``<name>_min``/``_max``
    or ``_after``/``_before`` pair of two plain filters."""
    pairs = set()
    for resource, filterset in served_filtersets():
        names = set(filterset.base_filters)
        for name in names:
            for low, high in SUFFIXES.items():
                if name.endswith(f"_{low}") and f"{name.removesuffix(low)}{high}" in names:
                    base = name.removesuffix(f"_{low}")
                    pairs.add((resource, base, base in names))
    return pairs


def test_pairs_of_plain_filters_are_only_the_known_exceptions():
    """A ``<name>_min``/``_max`` or ``_after``/``_before`` pair is a range filter, unless it
    cannot be one: a FilterSet holds one filter per name, and ``<name>`` is already a filter of
    its own (``year``, the exact year, beside ``year_min``/``year_max``; so ``fiscal_year``)."""
    pairs = plain_pairs()
    assert {(resource, base) for resource, base, taken in pairs if not taken} == set()
    exceptions = {(resource, base) for resource, base, _ in pairs}
    assert {("patrols", "year"), ("patrols", "fiscal_year")} <= exceptions


# --- Accepted and refused values ----------------------------------------------------------------


@pytest.mark.parametrize(("resource", "name", "filter_", "parameter"), BOUNDS, ids=BOUND_IDS)
def test_a_good_bound_is_accepted(api_client, resource, name, filter_, parameter):
    response = get(api_client, resource, {parameter: good_value(filter_)})
    assert response.status_code == 200, response.content


@pytest.mark.parametrize(("resource", "name", "filter_", "parameter"), BOUNDS, ids=BOUND_IDS)
def test_an_empty_bound_is_no_filter(api_client, resource, name, filter_, parameter):
    factory, _ = RESOURCES[resource]
    factory()
    unfiltered = get(api_client, resource, {}).json()["count"]

    response = get(api_client, resource, {parameter: ""})

    assert response.status_code == 200, response.content
    assert response.json()["count"] == unfiltered > 0


@pytest.mark.parametrize(("resource", "name", "filter_", "parameter"), BOUNDS, ids=BOUND_IDS)
def test_a_bad_bound_is_a_400_naming_its_parameter(api_client, resource, name, filter_, parameter):
    for value in bad_values(filter_):
        response = get(api_client, resource, {parameter: value})

        assert response.status_code == 400, (value, response.content)
        assert response["Content-Type"].startswith("application/json")
        body = response.json()
        assert list(body) == [parameter], (value, body)
        assert body[parameter] and all(isinstance(message, str) for message in body[parameter])


@pytest.mark.parametrize(("resource", "name", "filter_", "parameters"), RANGES, ids=IDS)
def test_two_bad_bounds_are_both_named(api_client, resource, name, filter_, parameters):
    response = get(api_client, resource, dict.fromkeys(parameters, "soon"))

    assert response.status_code == 400
    assert list(response.json()) == parameters


@pytest.mark.parametrize(("resource", "name", "filter_", "parameters"), RANGES, ids=IDS)
def test_bounds_are_inclusive_and_either_may_be_left_out(
    api_client, resource, name, filter_, parameters
):
    if is_integer(filter_):
        low, high = 1950, 2000
        texts = str(low), str(high)
    else:
        low, high = datetime.date(2020, 1, 31), datetime.date(2021, 6, 30)
        texts = low.isoformat(), high.isoformat()
    ids = {value: record_with(resource, filter_, value).pk for value in (low, high)}
    start, stop = parameters

    def found(params):
        response = get(api_client, resource, {**params, "page_size": 500})
        assert response.status_code == 200, response.content
        return {row["id"] for row in response.json()["results"]}

    assert found({start: texts[1]}) == {ids[high]}
    assert found({stop: texts[0]}) == {ids[low]}
    assert found({start: texts[0], stop: texts[1]}) == {ids[low], ids[high]}
    assert found({start: texts[1], stop: texts[0]}) == set()
    assert found({start: texts[0], stop: ""}) == {ids[low], ids[high]}


# --- The schema ---------------------------------------------------------------------------------


@pytest.mark.parametrize(("resource", "name", "filter_", "parameter"), BOUNDS, ids=BOUND_IDS)
def test_each_bound_is_documented_as_a_parameter_with_its_type(
    schema, resource, name, filter_, parameter
):
    documented = {
        p["name"]: p for p in schema["paths"][f"/api/v1/{resource}/"]["get"]["parameters"]
    }

    assert name not in documented  # the pair's own name is no parameter
    bound = documented[parameter]
    assert bound["in"] == "query" and not bound.get("required")
    assert bound["allowEmptyValue"] is True
    assert bound["description"] == filter_.help_texts[parameter.removeprefix(f"{name}_")]
    if is_integer(filter_):
        assert bound["schema"] == {
            "type": "integer",
            "minimum": filter_.extra["min_value"],
            "maximum": filter_.extra["max_value"],
        }
    else:
        assert bound["schema"] == {"type": "string", "format": "date"}
