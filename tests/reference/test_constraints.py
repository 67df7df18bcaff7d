"""The data rules: the database refuses a bad row whoever writes it, and forms name the field.

Rows are written with ``objects.create()`` or ``.update()``, which skip ``full_clean()``, so each
test shows the database itself holding the line. The last sections check that the same rules
reach ``full_clean()`` (and so the admin and the loader) as errors on the offending field, and
the values derived from the rows: countries, summaries, disputes, variants.
"""

import datetime
from contextlib import contextmanager

import pytest
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db import DataError, IntegrityError, transaction
from django.db.models import ProtectedError

from aircraft.models import FIGURE_FIELDS, AircraftType, Weapon
from patrols.models import Interception, Participation, Patrol, Statement
from reference.models import Citation, Claim, Country, Organization, Region, Source
from tests import factories

pytestmark = pytest.mark.django_db

OPEN_RING = [[130, 35], [135, 35], [135, 40], [130, 40]]
CLOSED_RING = [*OPEN_RING, [130, 35]]


@contextmanager
def refused_by_the_database(*errors):
    """The statement inside fails in the database; the savepoint keeps the test usable."""
    with pytest.raises(errors or IntegrityError), transaction.atomic():
        yield


def field_errors(instance):
    """What ``full_clean()`` reports, field by field (empty when it passes)."""
    try:
        instance.full_clean()
    except ValidationError as error:
        return error.message_dict
    return {}


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


def test_two_sources_with_the_same_url_are_refused_by_the_database():
    factories.SourceFactory(url="https://mod.gov.example/news/1")

    with refused_by_the_database():
        factories.SourceFactory(url="https://mod.gov.example/news/1")


def test_any_number_of_sources_may_have_no_url():
    factories.SourceFactory(url="")
    factories.SourceFactory(url="")

    assert Source.objects.filter(url="").count() == 2


def test_citing_the_same_source_twice_for_one_record_is_refused_by_the_database():
    citation = factories.CitationFactory()

    with refused_by_the_database():
        Citation.objects.create(content_object=citation.content_object, source=citation.source)


def test_the_same_source_may_be_cited_by_two_records():
    source = factories.SourceFactory()
    factories.CitationFactory(source=source)
    factories.CitationFactory(source=source)

    assert source.citations.count() == 2


def test_the_same_claim_twice_is_refused_by_the_database():
    claim = factories.ClaimFactory()

    with refused_by_the_database():
        factories.ClaimFactory(
            content_object=claim.content_object,
            field=claim.field,
            value=claim.value,
            source=claim.source,
        )


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


# --- Country codes --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("code", "code3"),
    [("ru", "RUS"), ("Ru", "RUS"), ("R", "RUS"), ("RU", "rus"), ("RU", "RU")],
)
def test_a_country_code_that_is_not_upper_case_letters_of_the_right_length_is_refused(code, code3):
    with refused_by_the_database():
        Country.objects.create(code=code, code3=code3, name="Russia")


def test_an_over_long_country_code_is_refused_by_the_database():
    # PostgreSQL refuses the value for its column width (DataError), SQLite by the CHECK.
    with refused_by_the_database(IntegrityError, DataError):
        Country.objects.create(code="RUS", code3="RUS", name="Russia")


def test_a_country_with_upper_case_codes_is_accepted():
    Country.objects.create(code="RU", code3="RUS", name="Russia")

    assert Country.objects.get(code="RU").code3 == "RUS"


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


def test_an_inventory_of_zero_aircraft_is_accepted_but_not_a_negative_one():
    assert factories.InventoryFactory(count=0).count == 0

    with refused_by_the_database():
        factories.InventoryFactory(count=-1)


# --- Figures are unknown or not negative ----------------------------------------------------------


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


def test_a_source_accessed_before_it_was_published_is_refused_by_the_database():
    with refused_by_the_database():
        factories.SourceFactory(
            published_on=datetime.date(2020, 1, 2), accessed_on=datetime.date(2020, 1, 1)
        )


# --- Patrols --------------------------------------------------------------------------------------


def test_a_patrol_ending_before_it_starts_is_refused_by_the_database():
    with refused_by_the_database():
        factories.PatrolFactory(
            start_date=datetime.date(2019, 7, 23), end_date=datetime.date(2019, 7, 22)
        )


def test_a_one_day_patrol_may_end_on_the_day_it_starts():
    patrol = factories.PatrolFactory(
        start_date=datetime.date(2019, 7, 23), end_date=datetime.date(2019, 7, 23)
    )

    assert patrol.end_date == patrol.start_date


@pytest.mark.parametrize("kind", ["national_long_range_patrol", "exercise"])
def test_an_ordinal_on_a_patrol_that_is_not_a_joint_strategic_patrol_is_refused(kind):
    with refused_by_the_database():
        factories.PatrolFactory(kind=kind, ordinal=1)


def test_two_joint_patrols_with_the_same_ordinal_are_refused_by_the_database():
    factories.PatrolFactory(ordinal=3)

    with refused_by_the_database():
        factories.PatrolFactory(ordinal=3)


def test_any_number_of_joint_patrols_may_be_unnumbered():
    factories.PatrolFactory.create_batch(2, ordinal=None)

    assert Patrol.objects.filter(ordinal__isnull=True).count() == 2


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


# --- Participations -------------------------------------------------------------------------------


def test_the_same_aircraft_type_operator_and_role_twice_in_one_patrol_is_refused():
    first = factories.ParticipationFactory()

    with refused_by_the_database():
        factories.ParticipationFactory(
            patrol=first.patrol,
            aircraft_type=first.aircraft_type,
            operator=first.operator,
            role=first.role,
        )


def test_the_same_aircraft_type_and_operator_in_another_role_is_accepted():
    first = factories.ParticipationFactory(role="bomber")

    factories.ParticipationFactory(
        patrol=first.patrol,
        aircraft_type=first.aircraft_type,
        operator=first.operator,
        role="escort",
    )

    assert first.patrol.participations.count() == 2


def test_the_same_unidentified_aircraft_operator_and_role_twice_in_one_patrol_is_refused():
    first = factories.ParticipationFactory(
        aircraft_type=None, aircraft_description="unidentified fighters", role="escort"
    )

    with refused_by_the_database():
        factories.ParticipationFactory(
            patrol=first.patrol,
            aircraft_type=None,
            aircraft_description="unidentified fighters",
            operator=first.operator,
            role="escort",
        )


def test_a_participation_with_neither_aircraft_type_nor_description_is_refused():
    with refused_by_the_database():
        factories.ParticipationFactory(aircraft_type=None, aircraft_description="")


# --- Aircraft variants ----------------------------------------------------------------------------


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


def test_an_organization_or_region_cannot_be_its_own_parent():
    organization = factories.OrganizationFactory()
    region = factories.RegionFactory()

    with refused_by_the_database():
        Organization.objects.filter(pk=organization.pk).update(parent=organization)
    with refused_by_the_database():
        Region.objects.filter(pk=region.pk).update(parent=region)


# --- Geometry -------------------------------------------------------------------------------------


def test_a_region_geometry_of_an_unknown_type_is_refused_by_the_database():
    region = factories.RegionFactory()

    with refused_by_the_database():
        Region.objects.filter(pk=region.pk).update(geometry={"type": "Circle"})


def test_a_patrol_route_of_an_unknown_type_is_refused_by_the_database():
    patrol = factories.PatrolFactory()

    with refused_by_the_database():
        Patrol.objects.filter(pk=patrol.pk).update(route={"type": "Circle"})


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


def test_a_region_with_a_valid_polygon_is_stored():
    geometry = {"type": "Polygon", "coordinates": [CLOSED_RING]}

    region = factories.RegionFactory(geometry=geometry)

    region.refresh_from_db()
    assert region.geometry == geometry


def test_a_region_whose_polygon_ring_is_not_closed_is_refused_on_save():
    region = Region(
        name="Sea of Japan",
        slug="sea-of-japan",
        kind="sea",
        geometry={"type": "Polygon", "coordinates": [OPEN_RING]},
    )

    with pytest.raises(ValidationError, match="ring must end where it starts"):
        region.save()

    assert not Region.objects.exists()


def test_a_patrol_whose_route_is_malformed_is_refused_on_save():
    patrol = factories.PatrolFactory.build(route={"type": "LineString", "coordinates": [[130, 35]]})

    with pytest.raises(ValidationError, match=r"route\.coordinates"):
        patrol.save()

    assert not Patrol.objects.exists()


# --- Texts that may not be empty ------------------------------------------------------------------


def test_a_claim_with_an_empty_value_is_refused_by_the_database():
    with refused_by_the_database():
        factories.ClaimFactory(value="")


def test_a_statement_with_an_empty_summary_or_slug_is_refused_by_the_database():
    statement = factories.StatementFactory()

    with refused_by_the_database():
        Statement.objects.filter(pk=statement.pk).update(summary="")
    with refused_by_the_database():
        Statement.objects.filter(pk=statement.pk).update(slug="")


def test_a_statement_saved_without_a_slug_gets_one_from_its_organization_kind_and_date():
    organization = factories.OrganizationFactory(slug="mnd")
    first = factories.StatementFactory(
        slug="", organization=organization, kind="protest", date=datetime.date(2019, 7, 23)
    )
    second = factories.StatementFactory(
        slug="", organization=organization, kind="protest", date=datetime.date(2019, 7, 23)
    )

    assert (first.slug, second.slug) == ("mnd-protest-2019-07-23", "mnd-protest-2019-07-23-2")


# --- What may not be deleted, and what goes with a patrol -----------------------------------------


def assert_protected(row):
    with pytest.raises(ProtectedError):
        row.delete()
    assert type(row).objects.filter(pk=row.pk).exists()


def test_a_country_with_organizations_cannot_be_deleted():
    organization = factories.OrganizationFactory()

    assert_protected(organization.country)


def test_an_organization_that_flew_in_a_patrol_cannot_be_deleted():
    participation = factories.ParticipationFactory()

    assert_protected(participation.operator)


def test_a_region_a_patrol_crossed_cannot_be_deleted():
    crossing = factories.PatrolRegionFactory()

    assert_protected(crossing.region)
    assert crossing.patrol.regions.get() == crossing.region


def test_a_source_still_cited_cannot_be_deleted():
    citation = factories.CitationFactory()

    assert_protected(citation.source)


def test_a_source_still_behind_a_claim_cannot_be_deleted():
    claim = factories.ClaimFactory()

    assert_protected(claim.source)


def test_an_aircraft_type_that_flew_in_a_patrol_cannot_be_deleted():
    participation = factories.ParticipationFactory()

    assert_protected(participation.aircraft_type)


def test_an_aircraft_type_with_variants_cannot_be_deleted():
    variant = factories.AircraftTypeFactory(variant_of=factories.AircraftTypeFactory())

    assert_protected(variant.variant_of)


def test_deleting_a_patrol_deletes_its_participations_interceptions_and_citations():
    patrol = factories.PatrolFactory()
    factories.ParticipationFactory.create_batch(2, patrol=patrol)
    factories.InterceptionFactory(patrol=patrol)
    citation = factories.CitationFactory(content_object=patrol)

    patrol.delete()

    assert not Participation.objects.exists()
    assert not Interception.objects.exists()
    assert not Citation.objects.exists()
    assert Source.objects.filter(pk=citation.source_id).exists()
    assert Organization.objects.count() == 3
    assert AircraftType.objects.count() == 2


def test_a_patrol_that_statements_refer_to_cannot_be_deleted():
    patrol = factories.PatrolFactory()
    factories.ParticipationFactory(patrol=patrol)
    factories.StatementFactory(patrol=patrol)

    assert_protected(patrol)
    assert patrol.participations.count() == 1


# --- The same rules reach forms as errors on the field --------------------------------------------


def test_full_clean_names_count_for_a_participation_of_zero_aircraft():
    participation = factories.ParticipationFactory()
    participation.count = 0

    assert "count" in field_errors(participation)


def test_full_clean_names_aircraft_type_for_a_participation_with_nothing_identifying_the_aircraft():
    participation = factories.ParticipationFactory()
    participation.aircraft_type, participation.aircraft_description = None, "   "

    assert "aircraft_type" in field_errors(participation)


def test_full_clean_names_end_date_for_a_patrol_ending_before_it_starts():
    patrol = factories.PatrolFactory.build(
        start_date=datetime.date(2019, 7, 23), end_date=datetime.date(2019, 7, 22)
    )

    assert field_errors(patrol) == {"end_date": ["The end date cannot come before the start date."]}


def test_full_clean_names_ordinal_for_a_numbered_patrol_that_is_not_joint():
    patrol = factories.PatrolFactory.build(kind="exercise", ordinal=1)

    assert field_errors(patrol) == {"ordinal": ["Only joint strategic patrols are numbered."]}


@pytest.mark.parametrize(
    ("ordinal", "start_date"),
    [(3, datetime.date(2020, 1, 1)), (1, datetime.date(2021, 1, 1))],
    ids=["later-number-earlier-date", "earlier-number-later-date"],
)
def test_full_clean_names_ordinal_for_a_patrol_numbered_out_of_date_order(ordinal, start_date):
    factories.PatrolFactory(ordinal=2, start_date=datetime.date(2020, 12, 22))
    patrol = factories.PatrolFactory.build(ordinal=ordinal, start_date=start_date)

    assert "ordinal" in field_errors(patrol)


def test_full_clean_accepts_a_patrol_numbered_in_date_order():
    factories.PatrolFactory(ordinal=1, start_date=datetime.date(2019, 7, 23))
    factories.PatrolFactory(ordinal=3, start_date=datetime.date(2021, 11, 19))
    patrol = factories.PatrolFactory.build(ordinal=2, start_date=datetime.date(2020, 12, 22))

    assert field_errors(patrol) == {}


def test_full_clean_names_variant_of_for_an_aircraft_type_made_its_own_ancestor():
    parent = factories.AircraftTypeFactory()
    child = factories.AircraftTypeFactory(variant_of=parent)
    grandchild = factories.AircraftTypeFactory(variant_of=child)

    parent.variant_of = grandchild
    assert "variant_of" in field_errors(parent)

    child.variant_of = child
    assert "variant_of" in field_errors(child)


@pytest.mark.parametrize("day", [datetime.date(2020, 12, 21), datetime.date(2020, 12, 24)])
def test_full_clean_names_date_for_an_interception_outside_the_patrol_dates(day):
    patrol = factories.PatrolFactory(
        start_date=datetime.date(2020, 12, 22), end_date=datetime.date(2020, 12, 23)
    )
    interception = factories.InterceptionFactory.build(
        patrol=patrol, responder=factories.OrganizationFactory(), date=day
    )

    assert "date" in field_errors(interception)


def test_full_clean_accepts_an_interception_on_the_last_day_of_the_patrol():
    patrol = factories.PatrolFactory(
        start_date=datetime.date(2020, 12, 22), end_date=datetime.date(2020, 12, 23)
    )
    interception = factories.InterceptionFactory.build(
        patrol=patrol, responder=factories.OrganizationFactory(), date=datetime.date(2020, 12, 23)
    )

    assert field_errors(interception) == {}


def test_full_clean_names_field_for_a_claim_about_a_field_the_record_does_not_have():
    claim = factories.ClaimFactory.build(
        content_object=factories.PatrolFactory(), source=factories.SourceFactory(), field="speed"
    )

    assert field_errors(claim) == {"field": ["Patrol has no field 'speed'."]}


def test_full_clean_accepts_a_claim_about_a_real_field_or_the_whole_record():
    patrol = factories.PatrolFactory()
    source = factories.SourceFactory()

    for field in ("end_date", ""):
        claim = factories.ClaimFactory.build(content_object=patrol, source=source, field=field)
        assert field_errors(claim) == {}


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


# --- Derived values -------------------------------------------------------------------------------


@pytest.fixture
def russia_and_china():
    russia = factories.OrganizationFactory(
        country=factories.CountryFactory(code="RU", code3="RUS", name="Russia")
    )
    china = factories.OrganizationFactory(
        country=factories.CountryFactory(code="CN", code3="CHN", name="China")
    )
    return russia, china


def test_a_patrols_countries_are_those_of_its_participations_operators(russia_and_china):
    russia, china = russia_and_china
    patrol = factories.PatrolFactory()
    factories.ParticipationFactory(patrol=patrol, operator=russia, role="bomber")
    factories.ParticipationFactory(patrol=patrol, operator=russia, role="escort")
    factories.ParticipationFactory(patrol=patrol, operator=china)
    factories.ParticipationFactory(
        patrol=patrol, operator=factories.OrganizationFactory(country=None)
    )

    assert [country.code for country in patrol.countries] == ["CN", "RU"]
    assert patrol.is_joint


def test_a_patrol_flown_by_one_country_is_not_joint(russia_and_china):
    russia, _ = russia_and_china
    patrol = factories.PatrolFactory()
    factories.ParticipationFactory.create_batch(2, patrol=patrol, operator=russia)

    assert [country.code for country in patrol.countries] == ["RU"]
    assert not patrol.is_joint
    assert factories.PatrolFactory().countries == []


def test_the_patrol_summary_counts_aircraft_countries_and_sources_without_multiplying_them(
    russia_and_china,
):
    russia, china = russia_and_china
    patrol = factories.PatrolFactory()
    factories.ParticipationFactory(patrol=patrol, operator=russia, count=2)
    factories.ParticipationFactory(patrol=patrol, operator=china, count=3)
    factories.ParticipationFactory(patrol=patrol, operator=china, count=None)
    factories.CitationFactory.create_batch(2, content_object=patrol)
    other = factories.PatrolFactory()
    factories.ParticipationFactory(patrol=other, operator=russia, count=6)
    factories.CitationFactory(content_object=other)

    summaries = {p.pk: p for p in Patrol.objects.with_summary()}

    assert (
        summaries[patrol.pk].aircraft_count,
        summaries[patrol.pk].country_count,
        summaries[patrol.pk].source_count,
    ) == (5, 2, 2)
    assert (
        summaries[other.pk].aircraft_count,
        summaries[other.pk].country_count,
        summaries[other.pk].source_count,
    ) == (6, 1, 1)


def test_a_patrol_without_participations_or_sources_counts_no_countries_and_no_sources():
    patrol = Patrol.objects.with_summary().get(pk=factories.PatrolFactory().pk)

    assert (patrol.country_count, patrol.source_count) == (0, 0)


def test_source_counts_ignore_citations_of_other_kinds_of_record_with_the_same_id():
    patrol = factories.PatrolFactory()
    Citation.objects.create(
        content_type=ContentType.objects.get_for_model(AircraftType),
        object_id=patrol.pk,
        source=factories.SourceFactory(),
    )

    assert Patrol.objects.with_source_count().get(pk=patrol.pk).source_count == 0


def test_joint_patrols_are_those_flown_by_two_countries_or_more(russia_and_china):
    russia, china = russia_and_china
    joint = factories.PatrolFactory()
    factories.ParticipationFactory(patrol=joint, operator=russia)
    factories.ParticipationFactory(patrol=joint, operator=china)
    national = factories.PatrolFactory()
    factories.ParticipationFactory(patrol=national, operator=china)

    assert list(Patrol.objects.joint()) == [joint]
    assert list(Patrol.objects.joint(False)) == [national]


def test_disputed_records_are_those_marked_disputed_or_carrying_a_claim():
    marked = factories.PatrolFactory(confidence="disputed")
    claimed = factories.PatrolFactory(confidence="confirmed")
    factories.ClaimFactory(content_object=claimed)
    plain = factories.PatrolFactory(confidence="reported")

    assert set(Patrol.objects.disputed()) == {marked, claimed}
    assert set(Patrol.objects.disputed(False)) == {plain}
    assert (marked.is_disputed, claimed.is_disputed, plain.is_disputed) == (True, True, False)


def test_a_claim_on_another_kind_of_record_with_the_same_id_does_not_dispute_a_patrol():
    patrol = factories.PatrolFactory(confidence="reported")
    Claim.objects.create(
        content_type=ContentType.objects.get_for_model(AircraftType),
        object_id=patrol.pk,
        value="x",
        source=factories.SourceFactory(),
    )

    assert list(Patrol.objects.disputed()) == []
    assert list(Patrol.objects.disputed(False)) == [patrol]


def test_the_descendants_of_an_aircraft_type_include_variants_at_every_depth():
    tu95 = factories.AircraftTypeFactory(designation="Tu-95")
    tu95m = factories.AircraftTypeFactory(designation="Tu-95M", variant_of=tu95)
    tu95ms = factories.AircraftTypeFactory(designation="Tu-95MS", variant_of=tu95m)
    tu95ms16 = factories.AircraftTypeFactory(designation="Tu-95MS-16", variant_of=tu95ms)
    tu142 = factories.AircraftTypeFactory(designation="Tu-142", variant_of=tu95)
    factories.AircraftTypeFactory(designation="H-6")

    assert set(AircraftType.objects.descendants_of(tu95)) == {tu95, tu95m, tu95ms, tu95ms16, tu142}
    assert set(AircraftType.objects.descendants_of(tu95ms)) == {tu95ms, tu95ms16}


def test_a_records_sources_are_its_cited_sources_in_citation_order():
    patrol = factories.PatrolFactory()
    first, second = factories.SourceFactory(title="Zeta"), factories.SourceFactory(title="Alpha")
    factories.CitationFactory(content_object=patrol, source=first)
    factories.CitationFactory(content_object=patrol, source=second)

    assert Patrol.objects.with_sources().get(pk=patrol.pk).sources == [first, second]


# --- Citations and claims point at real fact records ----------------------------------------------


def test_a_citation_of_a_record_that_does_not_exist_is_refused_as_a_field_error():
    patrol = factories.PatrolFactory()
    citation = factories.CitationFactory.build(content_object=patrol)
    citation.object_id = patrol.pk + 1000

    with pytest.raises(ValidationError) as error:
        citation.full_clean()
    assert "object_id" in error.value.message_dict


def test_only_fact_records_can_cite_sources():
    country = factories.CountryFactory()
    claim = factories.ClaimFactory.build(content_object=country, field="", value="x")

    with pytest.raises(ValidationError) as error:
        claim.full_clean()
    assert "content_type" in error.value.message_dict


def test_an_aircraft_type_cannot_close_a_loop_when_it_is_inserted():
    """With deferred foreign keys a type can point at a row before it exists: B → 777777,
    then inserting 777777 → B would close a loop, which the insert trigger refuses."""
    parent = factories.AircraftTypeFactory()
    with pytest.raises(IntegrityError), transaction.atomic():
        AircraftType.objects.filter(pk=parent.pk).update(variant_of_id=777777)
        AircraftType.objects.create(
            pk=777777, designation="Loop", slug="loop", role="bomber", variant_of=parent
        )
