"""How to build three records of each API resource, out of order, so that a correct order is
the API's doing (used by ``tests.core.resource_cases.RESOURCES``)."""

import datetime

from tests import factories


def day(text):
    return datetime.date.fromisoformat(text)


def build_countries():
    chad, andorra, belize = (
        factories.CountryFactory(name=n) for n in ("Chad", "Andorra", "Belize")
    )
    return [andorra, belize, chad]


def build_organizations():
    c, a, b = (
        factories.OrganizationFactory(name=n) for n in ("Charlie Wing", "Alpha Wing", "Bravo Wing")
    )
    return [a, b, c]


def build_regions():
    c, a, b = (factories.RegionFactory(established_year=y) for y in (2013, 1950, 1969))
    return [a, b, c]


def build_zone_boundaries():
    c, a, b = (
        factories.ZoneBoundaryFactory(effective_from=day(d))
        for d in ("2013-12-15", "1951-03-22", "1969-08-29")
    )
    return [a, b, c]


def build_sources():
    c, a, b = (
        factories.SourceFactory(published_on=day(d))
        for d in ("2023-06-06", "2019-07-23", "2020-12-22")
    )
    return [a, b, c]


def build_citations():
    return [factories.CitationFactory() for _ in range(3)]


def build_claims():
    patrol = factories.PatrolFactory()
    c, a, b = (
        factories.ClaimFactory(content_object=patrol, field=f, value="x")
        for f in ("start_date", "end_date", "name")
    )
    return [a, b, c]


def build_manufacturers():
    c, a, b = (factories.ManufacturerFactory(name=n) for n in ("Tupolev", "Beriev", "Ilyushin"))
    return [a, b, c]


def build_capabilities():
    c, a, b = (
        factories.CapabilityFactory(name=n)
        for n in ("Stand-off strike", "Aerial refuelling", "Nuclear strike")
    )
    return [a, b, c]


def build_aircraft_types():
    c, a, b = (factories.AircraftTypeFactory(max_speed_kmh=v) for v in (1050, 830, 925))
    return [a, b, c]


def build_aircraft_capabilities():
    return [factories.AircraftCapabilityFactory() for _ in range(3)]


def build_weapons():
    c, a, b = (factories.WeaponFactory(range_km=v) for v in (2800, 400, 2000))
    return [a, b, c]


def build_armaments():
    c, a, b = (factories.ArmamentFactory(max_carried=v) for v in (8, 2, 6))
    return [a, b, c]


def build_inventories():
    c, a, b = (factories.InventoryFactory(count=v) for v in (60, 5, 20))
    return [a, b, c]


def build_patrols():
    c, a, b = (
        factories.PatrolFactory(start_date=day(d))
        for d in ("2024-11-29", "2019-07-23", "2022-05-24")
    )
    return [a, b, c]


def build_patrol_regions():
    return [factories.PatrolRegionFactory() for _ in range(3)]


def build_participations():
    c, a, b = (factories.ParticipationFactory(count=v) for v in (4, 1, 2))
    return [a, b, c]


def build_interceptions():
    c, a, b = (
        factories.InterceptionFactory(date=day(d))
        for d in ("2024-11-29", "2019-07-23", "2022-05-24")
    )
    return [a, b, c]


def build_reported_figures():
    c, a, b = (factories.ReportedFigureFactory(value=v) for v in (13, 5, 8))
    return [a, b, c]


def build_zone_entries():
    c, a, b = (factories.ZoneEntryFactory(aircraft_count=v) for v in (15, 2, 4))
    return [a, b, c]


def build_statements():
    c, a, b = (
        factories.StatementFactory(date=day(d)) for d in ("2024-11-29", "2019-07-23", "2022-05-24")
    )
    return [a, b, c]
