"""The tree of aircraft variants: no type is its own ancestor, however the loop would be
closed (an update, a save, an insert, a form), and a type's descendants are found at every
depth."""

import pytest
from django.db import IntegrityError, transaction

from aircraft.models import AircraftType
from tests import factories
from tests.core.db_rules import assert_protected, field_errors, refused_by_the_database

pytestmark = pytest.mark.django_db


# --- No loops -------------------------------------------------------------------------------------


def test_an_aircraft_type_cannot_be_its_own_variant():
    aircraft = factories.AircraftTypeFactory()

    with refused_by_the_database():
        AircraftType.objects.filter(pk=aircraft.pk).update(variant_of=aircraft)

    aircraft.refresh_from_db()
    assert aircraft.variant_of is None


def test_an_aircraft_type_cannot_become_the_variant_of_its_own_variant():
    parent = factories.AircraftTypeFactory()
    child = factories.AircraftTypeFactory(variant_of=parent)

    with refused_by_the_database():
        AircraftType.objects.filter(pk=parent.pk).update(variant_of=child)

    parent.refresh_from_db()
    assert parent.variant_of is None


def test_a_loop_through_three_aircraft_types_is_refused_even_by_save():
    parent = factories.AircraftTypeFactory()
    child = factories.AircraftTypeFactory(variant_of=parent)
    grandchild = factories.AircraftTypeFactory(variant_of=child)

    parent.variant_of = grandchild
    with refused_by_the_database():
        parent.save()


def test_moving_an_aircraft_type_under_another_branch_is_accepted():
    root = factories.AircraftTypeFactory()
    branch = factories.AircraftTypeFactory(variant_of=root)
    other = factories.AircraftTypeFactory()

    AircraftType.objects.filter(pk=other.pk).update(variant_of=branch)
    AircraftType.objects.filter(pk=branch.pk).update(variant_of=None)

    other.refresh_from_db()
    assert other.variant_of == branch


def test_an_aircraft_type_cannot_close_a_loop_when_it_is_inserted():
    """With deferred foreign keys a type can point at a row before it exists: B → 777777,
    then inserting 777777 → B would close a loop, which the insert trigger refuses."""
    parent = factories.AircraftTypeFactory()
    with pytest.raises(IntegrityError), transaction.atomic():
        AircraftType.objects.filter(pk=parent.pk).update(variant_of_id=777777)
        AircraftType.objects.create(
            pk=777777, designation="Loop", slug="loop", role="bomber", variant_of=parent
        )


def test_full_clean_names_variant_of_for_an_aircraft_type_made_its_own_ancestor():
    parent = factories.AircraftTypeFactory()
    child = factories.AircraftTypeFactory(variant_of=parent)
    grandchild = factories.AircraftTypeFactory(variant_of=child)

    parent.variant_of = grandchild
    assert "variant_of" in field_errors(parent)

    child.variant_of = child
    assert "variant_of" in field_errors(child)


# --- Families -------------------------------------------------------------------------------------


def test_an_aircraft_type_with_variants_cannot_be_deleted():
    variant = factories.AircraftTypeFactory(variant_of=factories.AircraftTypeFactory())

    assert_protected(variant.variant_of)


def test_the_descendants_of_an_aircraft_type_include_variants_at_every_depth():
    tu95 = factories.AircraftTypeFactory(designation="Tu-95")
    tu95m = factories.AircraftTypeFactory(designation="Tu-95M", variant_of=tu95)
    tu95ms = factories.AircraftTypeFactory(designation="Tu-95MS", variant_of=tu95m)
    tu95ms16 = factories.AircraftTypeFactory(designation="Tu-95MS-16", variant_of=tu95ms)
    tu142 = factories.AircraftTypeFactory(designation="Tu-142", variant_of=tu95)
    factories.AircraftTypeFactory(designation="H-6")

    assert set(AircraftType.objects.descendants_of(tu95)) == {tu95, tu95m, tu95ms, tu95ms16, tu142}
    assert set(AircraftType.objects.descendants_of(tu95ms)) == {tu95ms, tu95ms16}
