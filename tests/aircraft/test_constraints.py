"""The data rules of aircraft types, weapons and inventories: figures are unknown or not
negative, an inventory may be zero, a type that flew may not be deleted.

Rows are written with ``objects.create()`` or ``.update()``, which skip ``full_clean()``, so each
test shows the database itself holding the line; the ``full_clean()`` tests check that the same
rules reach the admin and the loader as errors on the offending field.

The variant tree has tests/aircraft/test_variants.py; the rules every model shares are in
tests/core/test_constraints.py.
"""

import pytest

from aircraft.models import FIGURE_FIELDS, AircraftType
from tests import factories
from tests.core.db_rules import assert_protected, refused_by_the_database

pytestmark = pytest.mark.django_db


# --- Counts and figures are unknown or not negative -----------------------------------------------


def test_an_inventory_of_zero_aircraft_is_accepted_but_not_a_negative_one():
    assert factories.InventoryFactory(count=0).count == 0

    with refused_by_the_database():
        factories.InventoryFactory(count=-1)


@pytest.mark.parametrize("field", FIGURE_FIELDS)
def test_a_negative_aircraft_figure_is_refused_by_the_database(field):
    with refused_by_the_database():
        factories.AircraftTypeFactory(**{field: -1})


@pytest.mark.parametrize("field", FIGURE_FIELDS)
def test_an_aircraft_figure_of_zero_or_unknown_is_accepted(field):
    zero = factories.AircraftTypeFactory(**{field: 0})
    unknown = factories.AircraftTypeFactory(**{field: None})

    assert AircraftType.objects.filter(**{f"{field}": 0}).get() == zero
    assert unknown in AircraftType.objects.filter(**{f"{field}__isnull": True})


def test_a_negative_weapon_range_is_refused_by_the_database():
    with refused_by_the_database():
        factories.WeaponFactory(range_km=-1)


# --- What may not be deleted ----------------------------------------------------------------------


def test_an_aircraft_type_that_flew_in_a_patrol_cannot_be_deleted():
    participation = factories.ParticipationFactory()

    assert_protected(participation.aircraft_type)
