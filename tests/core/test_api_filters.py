"""The list filters' error contract, over every resource: a bad value is a 400.

A filter value naming nothing (an unknown slug, country code or choice) or malformed (a number,
date or boolean that does not parse) is a 400 whose JSON names the parameter, never a 200 with an
empty or unfiltered list. What each filter selects is tested per app, in
tests/<app>/test_filters.py.
"""

import django_filters
import pytest
from django.urls import reverse

from config.api import router
from core.filters import MAX_LISTED
from tests import factories
from tests.core import filter_cases
from tests.core.filter_cases import ALL_PATROLS, listed, slugs

pytestmark = pytest.mark.django_db

# Fixtures from tests.core.filter_cases, bound to these names for pytest to find.
world = filter_cases.world
patrols = filter_cases.patrols


BAD_VALUES = [
    # an unknown slug or code
    ("patrols", "aircraft_type=no-such-type", "aircraft_type"),
    ("patrols", "country=XX", "country"),
    ("patrols", "country=CN&country=XX", "country"),  # one bad value among good ones
    ("patrols", "region=atlantis", "region"),
    ("patrols", "operator=nobody", "operator"),
    ("patrols", "source=no-such-source", "source"),
    ("patrols", "intercepted_by=XX", "intercepted_by"),
    ("patrols", "responder=nobody", "responder"),
    ("aircraft-types", "variant_of=no-such-type", "variant_of"),
    ("aircraft-types", "manufacturer=nobody", "manufacturer"),
    ("aircraft-types", "capability=time-travel", "capability"),
    ("aircraft-types", "weapon=no-such-weapon", "weapon"),
    ("aircraft-types", "country=XX", "country"),
    ("organizations", "country=XX", "country"),
    ("organizations", "parent=nobody", "parent"),
    ("regions", "declared_by=XX", "declared_by"),
    ("citations", "source=no-such-source", "source"),
    ("armaments", "weapon=no-such-weapon", "weapon"),
    ("inventories", "country=XX", "country"),
    ("manufacturers", "country=XX", "country"),
    ("aircraft-capabilities", "capability=time-travel", "capability"),
    ("participations", "country=XX", "country"),
    ("interceptions", "country=XX", "country"),
    ("statements", "organization=nobody", "organization"),
    ("patrol-regions", "region=atlantis", "region"),
    # an unknown choice
    ("patrols", "kind=nonsense", "kind"),
    ("patrols", "role=pilot", "role"),
    ("patrols", "confidence=certain", "confidence"),
    ("aircraft-types", "role=pilot", "role"),
    ("aircraft-types", "status=flying", "status"),
    ("organizations", "kind=nonsense", "kind"),
    ("regions", "kind=lake", "kind"),
    ("sources", "kind=rumour", "kind"),
    ("sources", "reliability=Z", "reliability"),
    ("weapons", "kind=laser", "kind"),
    ("participations", "role=pilot", "role"),
    ("statements", "kind=nonsense", "kind"),
    ("claims", "confidence=certain", "confidence"),
    ("citations", "record_type=patrols.nonsense", "record_type"),
    ("claims", "record_type=nonsense", "record_type"),
    ("claims", "record_type=reference.source", "record_type"),  # not a fact record
    # a malformed number
    ("patrols", "year=20x4", "year"),
    ("patrols", "year_min=soon", "year_min"),
    ("patrols", "year_max=NaN", "year_max"),
    ("patrols", "year=2024.5", "year"),  # a year is a whole number
    ("patrols", "year_min=1e3", "year_min"),
    ("participations", "year=20x4", "year"),
    ("interceptions", "year=20x4", "year"),
    ("aircraft-types", "range_km_min=far", "range_km_min"),
    ("aircraft-types", "max_speed_kmh_max=fast", "max_speed_kmh_max"),
    ("aircraft-types", "crew_min=many", "crew_min"),
    ("aircraft-types", "crew_min=1.5", "crew_min"),  # crew and figures are whole numbers
    ("weapons", "range_km_max=far", "range_km_max"),
    ("inventories", "as_of_year_min=recent", "as_of_year_min"),
    # a malformed date
    ("patrols", "date_after=2024-13-45", "date_after"),
    ("patrols", "date_before=yesterday", "date_before"),
    ("sources", "published_after=2024-02-30", "published_after"),
    ("statements", "date_after=2024-13-45", "date_after"),
    ("aircraft-types", "first_flight_before=1950s", "first_flight_before"),
    # a malformed boolean
    ("patrols", "joint=maybe", "joint"),
    ("patrols", "disputed=maybe", "disputed"),
    ("patrols", "airspace_violated=perhaps", "airspace_violated"),
    ("weapons", "nuclear_capable=perhaps", "nuclear_capable"),
    ("interceptions", "airspace_violated=maybe", "airspace_violated"),
    ("aircraft-types", "disputed=2", "disputed"),
]


@pytest.fixture
def china():
    """A country a valid code can name, so that only the bad value among good ones is refused."""
    return factories.CountryFactory(code="CN", code3="CHN", name="China")


@pytest.mark.parametrize(
    ("resource", "query", "parameter"),
    BAD_VALUES,
    ids=[f"{resource}?{query}" for resource, query, _ in BAD_VALUES],
)
def test_a_bad_filter_value_is_a_400_naming_the_parameter(
    api_client, china, resource, query, parameter
):
    response = listed(api_client, resource, query)

    assert response.status_code == 400, response.content
    assert response["Content-Type"].startswith("application/json")
    body = response.json()
    assert list(body) == [parameter]
    assert body[parameter] and all(isinstance(message, str) for message in body[parameter])


BAD_YEARS = [
    ("patrols", "year=10000", "year"),
    ("patrols", "year=0", "year"),
    ("patrols", "year=-1", "year"),
    ("patrols", "year_min=0", "year_min"),
    ("patrols", "year_max=99999", "year_max"),
    ("participations", "year=0", "year"),
    ("interceptions", "year=10000", "year"),
]


@pytest.mark.parametrize(
    ("resource", "query", "parameter"),
    BAD_YEARS,
    ids=[f"{resource}?{query}" for resource, query, _ in BAD_YEARS],
)
def test_a_year_out_of_the_calendars_range_is_a_400_naming_it(
    api_client, resource, query, parameter
):
    response = listed(api_client, resource, query)

    assert response.status_code == 400, response.content
    assert parameter in response.json()


def test_every_bad_parameter_is_named_at_once(api_client):
    response = listed(api_client, "patrols", "year=20x4&kind=nonsense&joint=maybe&country=XX")

    assert response.status_code == 400
    assert set(response.json()) == {"year", "kind", "joint", "country"}


def test_a_valid_value_matching_nothing_is_an_empty_200_not_an_error(api_client, world):
    # The contrast with the 400s above: a known slug with no patrols is a plain empty list.
    for query in ("aircraft_type=f-15j", "country=US", "region=kadiz", "year=1999", "role=tanker"):
        assert slugs(listed(api_client, "patrols", query)) == set(), query


def test_an_unknown_parameter_is_a_400_not_ignored(api_client, patrols):
    # (every route and parameter: tests/core/test_api_params.py)
    response = listed(api_client, "patrols", "colour=blue")

    assert response.status_code == 400
    assert list(response.json()) == ["colour"]


def test_an_empty_filter_value_is_no_filter(api_client, patrols):
    assert slugs(listed(api_client, "patrols", "joint=")) == ALL_PATROLS


# --- An unknown choice or slug says what is accepted (issue 10, item 16) -------------------------


def test_an_unknown_capability_lists_the_capabilities(api_client):
    for slug in ("stealth", "air-refuelling"):
        factories.CapabilityFactory(slug=slug)

    response = listed(api_client, "aircraft-types", "capability=nuclear")

    (message,) = response.json()["capability"]
    assert message == "nuclear is not one of the allowed values: air-refuelling, stealth."


def test_an_unknown_country_lists_the_codes(api_client, china):
    response = listed(api_client, "patrols", "country=China")

    assert response.json()["country"] == ["CHINA is not one of the allowed values: CN."]


def test_an_unknown_slug_among_many_says_where_to_find_them(api_client):
    for i in range(MAX_LISTED + 1):
        factories.SourceFactory(slug=f"source-{i:02d}")

    response = listed(api_client, "patrols", "source=no-such-source")

    (message,) = response.json()["source"]
    assert "see /api/v1/sources/" in message
    assert "source-00" not in message


CHOICE_KINDS = (
    django_filters.ChoiceFilter,
    django_filters.ModelChoiceFilter,
    django_filters.MultipleChoiceFilter,  # and ModelMultipleChoiceFilter
)


def choice_filters():
    """``(list url, parameter)`` for every filter taking a choice or a related record's key."""
    return [
        (reverse(f"api:{basename}-list"), name)
        for _, viewset, basename in router.registry
        for name, filter_ in viewset.filterset_class.base_filters.items()
        if isinstance(filter_, CHOICE_KINDS)
    ]


CHOICE_FILTERS = choice_filters()


@pytest.mark.parametrize(
    ("url", "name"), CHOICE_FILTERS, ids=[f"{u}?{n}" for u, n in CHOICE_FILTERS]
)
def test_every_unknown_choice_or_key_is_refused_with_what_is_accepted(api_client, url, name):
    response = api_client.get(f"{url}?{name}=nonsense")

    assert response.status_code == 400, response.content
    (message,) = response.json()[name]
    assert "not one of the allowed values: " in message or "see /api/v1/" in message
