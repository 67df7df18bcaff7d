"""What a patrol derives from its participations: its countries, whether it is joint, and the
summary counts of aircraft, countries and sources."""

import pytest

from patrols.models import Patrol
from tests import factories

pytestmark = pytest.mark.django_db


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
        summaries[patrol.pk].aircraft_known_minimum,
        summaries[patrol.pk].country_count,
        summaries[patrol.pk].source_count,
    ) == (5, 2, 2)
    assert (
        summaries[other.pk].aircraft_known_minimum,
        summaries[other.pk].country_count,
        summaries[other.pk].source_count,
    ) == (6, 1, 1)


def test_a_patrol_without_participations_or_sources_counts_no_countries_and_no_sources():
    patrol = Patrol.objects.with_summary().get(pk=factories.PatrolFactory().pk)

    assert (patrol.country_count, patrol.source_count) == (0, 0)


def test_joint_patrols_are_those_flown_by_two_countries_or_more(russia_and_china):
    russia, china = russia_and_china
    joint = factories.PatrolFactory()
    factories.ParticipationFactory(patrol=joint, operator=russia)
    factories.ParticipationFactory(patrol=joint, operator=china)
    national = factories.PatrolFactory()
    factories.ParticipationFactory(patrol=national, operator=china)

    assert list(Patrol.objects.joint()) == [joint]
    assert list(Patrol.objects.joint(False)) == [national]
