"""The sample data set the dataset tests export and import."""

import datetime as dt

import pytest

from tests import factories

from .support import export

# --- A few records of every data model ----------------------------------------------------------


@pytest.fixture
def sample(db):
    """Every data model, with what a round trip could lose: parents before and after their
    children, geometries, non-ASCII text, empty values, citations and claims on different kinds
    of record, and a loader stamp."""
    country = factories.CountryFactory(name="Côte d’Ivoire")
    command = factories.OrganizationFactory(name="Armée de l’air", country=country)
    wing = factories.OrganizationFactory(country=country, parent=command)
    sea = factories.RegionFactory(
        geometry={
            "type": "Polygon",
            "coordinates": [[[130.0, 35.5], [131.25, 35.5], [131.25, 36.125], [130.0, 35.5]]],
        }
    )
    strait = factories.RegionFactory(kind="strait", parent=sea, declared_by=country)
    bomber = factories.AircraftTypeFactory(
        manufacturer=factories.ManufacturerFactory(country=country),
        country_of_origin=country,
        first_flight=dt.date(1952, 11, 12),
        max_speed_kmh=920,
    )
    variant = factories.AircraftTypeFactory(variant_of=bomber, nato_name="Bear")
    factories.AircraftCapabilityFactory(aircraft_type=bomber)
    factories.ArmamentFactory(aircraft_type=variant, weapon=factories.WeaponFactory(range_km=None))
    factories.InventoryFactory(aircraft_type=bomber, operator=wing)
    patrol = factories.PatrolFactory(
        ordinal=1,
        end_date=dt.date(2019, 7, 24),
        summary="Two H-6K — and two Tu-95MS.",
        route={"type": "LineString", "coordinates": [[125.0, 33.0], [130.5, 35.25]]},
    )
    factories.PatrolRegionFactory(patrol=patrol, region=strait)
    factories.ParticipationFactory(patrol=patrol, aircraft_type=variant, operator=wing)
    factories.ParticipationFactory(
        patrol=patrol,
        aircraft_type=None,
        aircraft_description="Unidentified fighters",
        count=None,
        role="escort",
        operator=command,
    )
    factories.InterceptionFactory(
        patrol=patrol, responder=command, region=sea, date=patrol.start_date
    )
    factories.StatementFactory(organization=command, patrol=patrol)
    factories.ReportedFigureFactory(  # a decimal value, one country's
        patrol=patrol, value="5.5", country=country
    )
    factories.ZoneEntryFactory(  # times with an offset; a count unknown
        patrol=patrol, country=country, aircraft_count=None, count_qualifier=None,
        entered_at=dt.datetime(2019, 7, 23, 9, 9, tzinfo=dt.timezone(dt.timedelta(hours=9))),
    )  # fmt: skip
    adiz = factories.RegionFactory(kind="adiz", declared_by=country)
    factories.ZoneBoundaryFactory(  # points as JSON, printed DMS with ' and "
        region=adiz, segments_not_points=["(10)–(11): 14 nm outside the baseline"]
    )
    factories.ActivityCountFactory(  # part of a year, one country's, split by subdivision
        measure="adiz_entries", reported_by=command, zone=adiz, period="calendar_year",
        year=2019, period_end=dt.date(2019, 6, 30), scope="country", country=country,
        count=140, approximate=True, breakdown={"nord": 40, "süd": 100},
    )  # fmt: skip
    source = factories.SourceFactory(published_on=dt.date(2019, 7, 23))
    factories.CitationFactory(content_object=patrol, source=source)
    factories.CitationFactory(content_object=bomber, source=source)
    factories.ClaimFactory(content_object=patrol, source=source)
    factories.LoadStampFactory(record=country)
    return patrol


@pytest.fixture
def exported(sample, tmp_path):
    """The sample exported to dataset.json."""
    path = tmp_path / "dataset.json"
    export(path)
    return path
