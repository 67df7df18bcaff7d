"""One factory per model, each producing a valid row with as little as possible filled in.

Unique values (slugs, names, designations, country codes) come from sequences, so any number of
rows can be built in one test. Related rows are built by sub-factories unless passed in.
"""

import datetime
import string

import factory
from django.contrib.contenttypes.models import ContentType
from django.utils import timezone

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
from reference.models import (
    Citation,
    Claim,
    Country,
    Organization,
    Region,
    Source,
    ZoneBoundary,
)

# Generated country codes start with one of these letters, none of which begins a code the tests
# spell out (CN, JP, KR, RU, US), so a generated country never collides with a named one.
GENERATED_CODE_FIRST_LETTERS = "QXZ"


def country_code(n):
    """Two upper-case letters, distinct for 78 consecutive sequence numbers."""
    first = GENERATED_CODE_FIRST_LETTERS[(n // 26) % len(GENERATED_CODE_FIRST_LETTERS)]
    return first + string.ascii_uppercase[n % 26]


class CountryFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Country

    code = factory.Sequence(country_code)
    code3 = factory.LazyAttribute(lambda country: f"{country.code}Q")
    name = factory.Sequence(lambda n: f"Country {n}")


class OrganizationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Organization

    name = factory.Sequence(lambda n: f"Air Force {n}")
    slug = factory.Sequence(lambda n: f"air-force-{n}")
    kind = "air_force"
    country = factory.SubFactory(CountryFactory)


class RegionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Region

    name = factory.Sequence(lambda n: f"Sea {n}")
    slug = factory.Sequence(lambda n: f"sea-{n}")
    kind = "sea"


class ZoneBoundaryFactory(factory.django.DjangoModelFactory):
    """A partial boundary of its own ADIZ from a date of its own (a zone may have several):
    two numbered points, in order."""

    class Meta:
        model = ZoneBoundary

    slug = factory.Sequence(lambda n: f"boundary-{n}")
    region = factory.SubFactory(RegionFactory, kind="adiz")
    effective_from = factory.Sequence(lambda n: datetime.date(1950, 1, 1) + datetime.timedelta(n))
    status = "partial"
    points_ordered = True
    points = factory.LazyFunction(
        lambda: [
            {"n": 1, "lon": 138.746389, "lat": 45.751944, "dms": "45°45'07\"N 138°44'47\"E"},
            {"n": 2, "lon": 132.997222, "lat": 40.669167, "dms": None},
        ]
    )


class SourceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Source

    slug = factory.Sequence(lambda n: f"source-{n}")
    title = factory.Sequence(lambda n: f"Report {n}")
    url = factory.Sequence(lambda n: f"https://news.example.org/report-{n}")
    kind = "news_report"


class ManufacturerFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Manufacturer

    name = factory.Sequence(lambda n: f"Design Bureau {n}")
    slug = factory.Sequence(lambda n: f"design-bureau-{n}")


class AircraftTypeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = AircraftType

    designation = factory.Sequence(lambda n: f"B-{n}")
    slug = factory.Sequence(lambda n: f"b-{n}")
    role = "strategic_bomber"


class CapabilityFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Capability

    name = factory.Sequence(lambda n: f"Capability {n}")
    slug = factory.Sequence(lambda n: f"capability-{n}")


class AircraftCapabilityFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = AircraftCapability

    aircraft_type = factory.SubFactory(AircraftTypeFactory)
    capability = factory.SubFactory(CapabilityFactory)


class WeaponFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Weapon

    name = factory.Sequence(lambda n: f"Missile {n}")
    slug = factory.Sequence(lambda n: f"missile-{n}")
    kind = "cruise_missile"


class ArmamentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Armament

    aircraft_type = factory.SubFactory(AircraftTypeFactory)
    weapon = factory.SubFactory(WeaponFactory)
    max_carried = 6


class InventoryFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Inventory

    aircraft_type = factory.SubFactory(AircraftTypeFactory)
    operator = factory.SubFactory(OrganizationFactory)
    count = 10
    as_of_year = 2020


class PatrolFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Patrol

    slug = factory.Sequence(lambda n: f"patrol-{n}")
    name = factory.Sequence(lambda n: f"Patrol {n}")
    kind = "joint_strategic_patrol"
    start_date = datetime.date(2019, 7, 23)


class PatrolRegionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = PatrolRegion

    patrol = factory.SubFactory(PatrolFactory)
    region = factory.SubFactory(RegionFactory)


class ParticipationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Participation

    patrol = factory.SubFactory(PatrolFactory)
    aircraft_type = factory.SubFactory(AircraftTypeFactory)
    operator = factory.SubFactory(OrganizationFactory)
    count = 2
    role = "bomber"


class InterceptionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Interception

    patrol = factory.SubFactory(PatrolFactory)
    responder = factory.SubFactory(OrganizationFactory)
    count = 4


class StatementFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Statement

    slug = factory.Sequence(lambda n: f"statement-{n}")
    organization = factory.SubFactory(OrganizationFactory)
    kind = "announcement"
    summary = "The flight was carried out according to plan."


class ReportedFigureFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ReportedFigure

    patrol = factory.SubFactory(PatrolFactory)
    quantity = "duration_hours"
    value = 8
    qualifier = "about"
    reported_by = factory.SubFactory(OrganizationFactory)


class ZoneEntryFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ZoneEntry

    patrol = factory.SubFactory(PatrolFactory)
    zone = factory.SubFactory(RegionFactory, kind="adiz")
    country = factory.SubFactory(CountryFactory)
    aircraft_count = 2
    count_qualifier = "exact"


class CitationFactory(factory.django.DjangoModelFactory):
    """A source cited by a record (a patrol unless ``content_object`` is given)."""

    class Meta:
        model = Citation

    content_object = factory.SubFactory(PatrolFactory)
    source = factory.SubFactory(SourceFactory)


class ClaimFactory(factory.django.DjangoModelFactory):
    """Another source's value for one field of a record (a patrol unless given)."""

    class Meta:
        model = Claim

    content_object = factory.SubFactory(PatrolFactory)
    field = "start_date"
    value = factory.Sequence(lambda n: f"2019-07-{(n % 28) + 1:02d}")
    source = factory.SubFactory(SourceFactory)


class LoadStampFactory(factory.django.DjangoModelFactory):
    """What the loader last wrote to a record (a country unless given)."""

    class Meta:
        model = LoadStamp
        exclude = ("record",)

    record = factory.SubFactory(CountryFactory)
    content_type = factory.LazyAttribute(lambda o: ContentType.objects.get_for_model(o.record))
    object_id = factory.SelfAttribute("record.pk")
    natural_key = factory.Sequence(lambda n: f"key-{n}")
    digest = "0" * 64
    record_updated_at = factory.LazyFunction(timezone.now)


from tests.patrols.activity_factories import ActivityCountFactory  # noqa: E402, F401
