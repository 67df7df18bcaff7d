"""Helpers for the admin tests: a model's admin URL, a parametrize id, and a populated data
set whose changelists grow with its size; a factory for every data model the admin lists."""

import pytest
from django.urls import reverse

from aircraft.models import (
    AircraftCapability,
    AircraftType,
    Armament,
    Capability,
    Inventory,
    Manufacturer,
    Weapon,
)
from curation.models import LoadStamp
from patrols.models import (
    Interception,
    Participation,
    Patrol,
    PatrolRegion,
    ReportedFigure,
    Statement,
    ZoneEntry,
)
from reference.models import Citation, Claim, Country, Organization, Region, Source, ZoneBoundary
from tests import factories
from tests.patrols.activity_factories import ActivityCount, ActivityCountFactory

# One record of every model of the data apps' admins (and the loader's stamps).
FACTORIES = {
    Country: factories.CountryFactory,
    Organization: factories.OrganizationFactory,
    Region: factories.RegionFactory,
    ZoneBoundary: factories.ZoneBoundaryFactory,
    Source: factories.SourceFactory,
    Citation: factories.CitationFactory,
    Claim: factories.ClaimFactory,
    LoadStamp: factories.LoadStampFactory,
    Manufacturer: factories.ManufacturerFactory,
    AircraftType: factories.AircraftTypeFactory,
    Capability: factories.CapabilityFactory,
    AircraftCapability: factories.AircraftCapabilityFactory,
    Weapon: factories.WeaponFactory,
    Armament: factories.ArmamentFactory,
    Inventory: factories.InventoryFactory,
    Patrol: factories.PatrolFactory,
    PatrolRegion: factories.PatrolRegionFactory,
    Participation: factories.ParticipationFactory,
    Interception: factories.InterceptionFactory,
    Statement: factories.StatementFactory,
    ActivityCount: ActivityCountFactory,
    ReportedFigure: factories.ReportedFigureFactory,
    ZoneEntry: factories.ZoneEntryFactory,
}


def admin_url(model, view, *args):
    return reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_{view}", args=args)


def model_id(model):
    return model._meta.label


# As for the API's routes (tests/core/api_routes.py ``QUICK``): every model's admin in the full
# suite, these two otherwise (``make test-fast``, and the PostgreSQL leg of CI).
QUICK_ADMINS = {"patrols.Patrol", "reference.Source"}


def admin_params(models):
    """``models`` as pytest params: the ``QUICK_ADMINS`` always, every other one marked slow."""
    return [
        pytest.param(
            model,
            id=model_id(model),
            marks=() if model_id(model) in QUICK_ADMINS else pytest.mark.slow,
        )
        for model in models
    ]


def populate(n):
    """``n`` joint patrols, each flown by two countries and citing two sources.

    One participation in each patrol flies a variant made for it (of a shared base type, with a
    manufacturer and a country of origin), so the aircraft-type list grows with ``n`` too. Each
    patrol and each variant carries a claim and the variants a citation, so the citation and
    claim lists hold ``3n`` and ``2n`` rows pointing at two kinds of record.
    """
    russia, china = factories.CountryFactory(), factories.CountryFactory()
    russian_air_force = factories.OrganizationFactory(country=russia)
    chinese_air_force = factories.OrganizationFactory(country=china)
    base = factories.AircraftTypeFactory(
        manufacturer=factories.ManufacturerFactory(), country_of_origin=russia
    )
    h6 = factories.AircraftTypeFactory(country_of_origin=china)
    sources = factories.SourceFactory.create_batch(2)
    for patrol in factories.PatrolFactory.create_batch(n):
        variant = factories.AircraftTypeFactory(
            variant_of=base, manufacturer=base.manufacturer, country_of_origin=russia
        )
        factories.ParticipationFactory(
            patrol=patrol, operator=russian_air_force, aircraft_type=variant
        )
        chinese = factories.ParticipationFactory(
            patrol=patrol, operator=chinese_air_force, aircraft_type=h6
        )
        # A participation names its type and operator: cited, it must not cost a query a row.
        factories.CitationFactory(content_object=chinese, source=sources[1])
        for source in sources:
            factories.CitationFactory(content_object=patrol, source=source)
        factories.CitationFactory(content_object=variant, source=sources[0])
        factories.ClaimFactory(content_object=patrol, source=sources[0])
        factories.ClaimFactory(
            content_object=variant, source=sources[1], field="range_km", value="15000"
        )
