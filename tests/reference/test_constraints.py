"""The data rules of the reference records: countries, organizations, regions, sources,
citations and claims.

Rows are written with ``objects.create()`` or ``.update()``, which skip ``full_clean()``, so each
test shows the database itself holding the line; the ``full_clean()`` tests check that the same
rules reach the admin and the loader as errors on the offending field.

The rules every model shares are in tests/core/test_constraints.py.
"""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.db import DataError, IntegrityError

from reference.models import Citation, Country, Organization, Region, Source
from tests import factories
from tests.core.db_rules import (
    CLOSED_RING,
    OPEN_RING,
    assert_protected,
    field_errors,
    refused_by_the_database,
)

pytestmark = pytest.mark.django_db


# --- Uniqueness -----------------------------------------------------------------------------------


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


# --- Sources, parents, texts ----------------------------------------------------------------------


def test_a_source_accessed_before_it_was_published_is_refused_by_the_database():
    with refused_by_the_database():
        factories.SourceFactory(
            published_on=datetime.date(2020, 1, 2), accessed_on=datetime.date(2020, 1, 1)
        )


def test_an_organization_or_region_cannot_be_its_own_parent():
    organization = factories.OrganizationFactory()
    region = factories.RegionFactory()

    with refused_by_the_database():
        Organization.objects.filter(pk=organization.pk).update(parent=organization)
    with refused_by_the_database():
        Region.objects.filter(pk=region.pk).update(parent=region)


def test_a_claim_with_an_empty_value_is_refused_by_the_database():
    with refused_by_the_database():
        factories.ClaimFactory(value="")


# --- Geometry -------------------------------------------------------------------------------------


def test_a_region_geometry_of_an_unknown_type_is_refused_by_the_database():
    region = factories.RegionFactory()

    with refused_by_the_database():
        Region.objects.filter(pk=region.pk).update(geometry={"type": "Circle"})


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


# --- What may not be deleted ----------------------------------------------------------------------


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


# --- The same rules reach forms as errors on the field --------------------------------------------


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
