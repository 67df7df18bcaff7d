"""The data rules every model shares: the database refuses a bad row whoever writes it.

Each test runs over the models of every data app: unique values, links recorded twice, counts,
years, choices, geometries, and the field ``full_clean()`` names for a bad value. The rules of
one app's models are in tests/<app>/test_constraints.py.

Rows are written with ``objects.create()`` or ``.update()``, which skip ``full_clean()``, so each
test shows the database itself holding the line; the ``full_clean()`` tests check that the same
rules reach the admin and the loader as errors on the offending field.
"""

import datetime

import pytest

from aircraft.models import AircraftType, Weapon
from patrols.models import Interception, Participation, Patrol, Statement
from reference.models import Claim, Organization, Region, Source
from tests import factories
from tests.core.db_rules import OPEN_RING, field_errors, refused_by_the_database

pytestmark = pytest.mark.django_db


# --- Uniqueness -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("factory", "field"),
    [
        (factories.CountryFactory, "code"),
        (factories.CountryFactory, "code3"),
        (factories.CountryFactory, "name"),
        (factories.OrganizationFactory, "slug"),
        (factories.OrganizationFactory, "name"),
        (factories.RegionFactory, "slug"),
        (factories.SourceFactory, "slug"),
        (factories.ManufacturerFactory, "slug"),
        (factories.AircraftTypeFactory, "slug"),
        (factories.AircraftTypeFactory, "designation"),
        (factories.CapabilityFactory, "slug"),
        (factories.WeaponFactory, "slug"),
        (factories.PatrolFactory, "slug"),
        (factories.StatementFactory, "slug"),
    ],
    ids=lambda value: value if isinstance(value, str) else value._meta.model.__name__,
)
def test_a_second_row_with_the_same_unique_value_is_refused_by_the_database(factory, field):
    first = factory()

    with refused_by_the_database():
        factory(**{field: getattr(first, field)})

    assert factory._meta.model.objects.filter(**{field: getattr(first, field)}).count() == 1


@pytest.mark.parametrize(
    ("factory", "fields"),
    [
        (factories.AircraftCapabilityFactory, ("aircraft_type", "capability")),
        (factories.ArmamentFactory, ("aircraft_type", "weapon")),
        (factories.InventoryFactory, ("aircraft_type", "operator", "as_of_year")),
        (factories.InterceptionFactory, ("patrol", "responder", "aircraft_type", "date")),
    ],
    ids=["AircraftCapability", "Armament", "Inventory", "Interception"],
)
def test_a_link_recorded_twice_is_refused_by_the_database(factory, fields):
    if factory is factories.InterceptionFactory:
        first = factory(aircraft_type=factories.AircraftTypeFactory(), date="2019-07-23")
    else:
        first = factory()

    with refused_by_the_database():
        factory(**{name: getattr(first, name) for name in fields})


# --- Counts are unknown or at least one -----------------------------------------------------------


COUNTS = [
    (factories.ParticipationFactory, "count"),
    (factories.InterceptionFactory, "count"),
    (factories.ArmamentFactory, "max_carried"),
    (factories.AircraftTypeFactory, "crew"),
    (factories.PatrolFactory, "ordinal"),
]
COUNT_IDS = [f"{factory._meta.model.__name__}.{field}" for factory, field in COUNTS]


@pytest.mark.parametrize(("factory", "field"), COUNTS, ids=COUNT_IDS)
def test_a_count_of_zero_is_refused_by_the_database(factory, field):
    with refused_by_the_database():
        factory(**{field: 0})


@pytest.mark.parametrize(("factory", "field"), COUNTS, ids=COUNT_IDS)
def test_a_count_of_zero_set_by_an_update_is_refused_by_the_database(factory, field):
    row = factory(**{field: 1})

    with refused_by_the_database():
        type(row).objects.filter(pk=row.pk).update(**{field: 0})

    row.refresh_from_db()
    assert getattr(row, field) == 1


@pytest.mark.parametrize(("factory", "field"), COUNTS, ids=COUNT_IDS)
def test_an_unknown_count_is_accepted(factory, field):
    row = factory(**{field: None})

    row.refresh_from_db()
    assert getattr(row, field) is None


# --- Years and choices ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("factory", "field"),
    [
        (factories.RegionFactory, "established_year"),
        (factories.AircraftTypeFactory, "service_entry_year"),
        (factories.InventoryFactory, "as_of_year"),
    ],
    ids=lambda value: value if isinstance(value, str) else value._meta.model.__name__,
)
@pytest.mark.parametrize("year", [1899, 2101])
def test_a_year_outside_1900_to_2100_is_refused_by_the_database(factory, field, year):
    with refused_by_the_database():
        factory(**{field: year})


@pytest.mark.parametrize(
    ("model", "field", "value"),
    [
        (Patrol, "kind", "raid"),
        (Patrol, "confidence", "certain"),
        (Organization, "kind", "navy"),
        (Organization, "confidence", "certain"),
        (Region, "kind", "lake"),
        (Region, "confidence", "certain"),
        (Source, "kind", "rumour"),
        (Source, "reliability", "G"),
        (Claim, "confidence", "certain"),
        (AircraftType, "role", "airliner"),
        (AircraftType, "status", "scrapped"),
        (AircraftType, "first_flight_precision", "week"),
        (AircraftType, "confidence", "certain"),
        (Participation, "role", "pilot"),
        (Participation, "confidence", "certain"),
        (Interception, "confidence", "certain"),
        (Statement, "kind", "apology"),
        (Statement, "confidence", "certain"),
        (Weapon, "kind", "bomb"),
    ],
    ids=lambda value: value if isinstance(value, str) else value.__name__,
)
def test_a_value_outside_the_choices_is_refused_by_the_database(model, field, value):
    factory = {
        Patrol: factories.PatrolFactory,
        Organization: factories.OrganizationFactory,
        Region: factories.RegionFactory,
        Source: factories.SourceFactory,
        Claim: factories.ClaimFactory,
        AircraftType: factories.AircraftTypeFactory,
        Participation: factories.ParticipationFactory,
        Interception: factories.InterceptionFactory,
        Statement: factories.StatementFactory,
        Weapon: factories.WeaponFactory,
    }[model]

    with refused_by_the_database():
        factory(**{field: value})

    row = factory()
    with refused_by_the_database():
        model.objects.filter(pk=row.pk).update(**{field: value})


# --- Geometry -------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "geometry",
    [{"coordinates": [130, 35]}, [130, 35], "Sea of Japan"],
    ids=["no-type", "list", "str"],
)
@pytest.mark.parametrize(
    ("factory", "field"),
    [(factories.RegionFactory, "geometry"), (factories.PatrolFactory, "route")],
    ids=["Region.geometry", "Patrol.route"],
)
def test_a_geometry_without_a_geometry_type_is_refused_by_the_database(factory, field, geometry):
    row = factory()

    with refused_by_the_database():
        type(row).objects.filter(pk=row.pk).update(**{field: geometry})


# --- The same rules reach forms as errors on the field --------------------------------------------


@pytest.mark.parametrize(
    ("factory", "values", "field"),
    [
        (factories.AircraftTypeFactory, {"crew": 0}, "crew"),
        (factories.ArmamentFactory, {"max_carried": 0}, "max_carried"),
        (factories.InterceptionFactory, {"count": 0}, "count"),
        (factories.CountryFactory, {"code": "ru"}, "code"),
        (factories.CountryFactory, {"code3": "rus"}, "code3"),
        (
            factories.RegionFactory,
            {"geometry": {"type": "Polygon", "coordinates": [OPEN_RING]}},
            "geometry",
        ),
        (factories.PatrolFactory, {"route": {"type": "Circle"}}, "route"),
        (factories.SourceFactory, {"reliability": "G"}, "reliability"),
        (
            factories.SourceFactory,
            {"published_on": datetime.date(2020, 1, 2), "accessed_on": datetime.date(2020, 1, 1)},
            "accessed_on",
        ),
        (factories.AircraftTypeFactory, {"service_entry_year": 1899}, "service_entry_year"),
        (
            factories.AircraftTypeFactory,
            {"first_flight": datetime.date(1952, 11, 12), "service_entry_year": 1950},
            "service_entry_year",
        ),
    ],
    ids=[
        "crew-zero",
        "max-carried-zero",
        "interception-count-zero",
        "lower-case-code",
        "lower-case-code3",
        "unclosed-ring",
        "unknown-route-type",
        "unknown-reliability",
        "accessed-before-published",
        "service-entry-before-1900",
        "service-entry-before-first-flight",
    ],
)
def test_full_clean_names_the_field_of_a_bad_value(factory, values, field):
    row = factory()
    for name, value in values.items():
        setattr(row, name, value)

    assert field in field_errors(row)
