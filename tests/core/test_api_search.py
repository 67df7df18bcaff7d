"""Searching lists: ``search=`` finds records by their names and related records' names."""

import pytest

from tests import factories
from tests.core.resource_cases import in_order, keys, listed, results

pytestmark = pytest.mark.django_db


def test_search_finds_a_country_by_name_or_code(api_client):
    factories.CountryFactory(code="JP", code3="JPN", name="Japan")
    factories.CountryFactory(code="KR", code3="KOR", name="South Korea")

    assert keys(listed(api_client, "countries", "search=korea"), "code") == {"KR"}
    assert keys(listed(api_client, "countries", "search=JPN"), "code") == {"JP"}


def test_search_finds_a_source_by_publisher(api_client):
    tass = factories.SourceFactory(publisher="TASS")
    factories.SourceFactory(publisher="Kyodo News")

    assert keys(listed(api_client, "sources", "search=tass")) == {tass.slug}


def test_search_finds_an_aircraft_type_by_its_nato_name(api_client):
    bear = factories.AircraftTypeFactory(designation="Tu-95MS", nato_name="Bear-H")
    factories.AircraftTypeFactory(designation="H-6K", nato_name="Badger")

    assert keys(listed(api_client, "aircraft-types", "search=bear")) == {bear.slug}


def test_search_finds_a_patrol_by_an_aircraft_type_taking_part_listed_once(api_client):
    patrol = factories.PatrolFactory(name="First joint patrol")
    for designation in ("Tu-95MS", "Tu-95MSM"):
        factories.ParticipationFactory(
            patrol=patrol, aircraft_type=factories.AircraftTypeFactory(designation=designation)
        )
    other = factories.PatrolFactory(name="Other patrol")
    factories.ParticipationFactory(
        patrol=other, aircraft_type=factories.AircraftTypeFactory(designation="H-6K")
    )

    response = listed(api_client, "patrols", "search=tu-95")

    assert in_order(response) == [patrol.slug]
    assert response.json()["count"] == 1


def test_search_finds_a_statement_by_its_speaker(api_client):
    spoken = factories.StatementFactory(speaker="Chung Eui-yong")
    factories.StatementFactory(speaker="Someone else")

    assert keys(listed(api_client, "statements", "search=chung")) == {spoken.slug}


def test_a_search_matching_nothing_is_an_empty_list(api_client):
    factories.SourceFactory(title="Report")

    response = listed(api_client, "sources", "search=no-such-words")

    assert results(response) == []
