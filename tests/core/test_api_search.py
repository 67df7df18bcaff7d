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


# --- Bounds: what one search may make the database do (issue 10, item 6) -------------------------

THOUSAND_WORDS = " ".join(f"word{i}" for i in range(1000))


@pytest.mark.parametrize(
    "query",
    [
        THOUSAND_WORDS,  # was a 500 on SQLite, 30 s of PostgreSQL
        " ".join("abcdefghijk"),  # 11 words
        "x" * 101,  # one word too long
        ",".join(["ab"] * 70),  # 200+ characters
    ],
    ids=["1000 words", "11 words", "a 101-character word", "over 200 characters"],
)
@pytest.mark.parametrize("resource", ["patrols", "sources", "aircraft-types"])
def test_a_search_past_the_limits_is_a_400_naming_search(api_client, resource, query):
    response = listed(api_client, resource, f"search={query}")

    assert response.status_code == 400, response.content
    assert list(response.json()) == ["search"]
    assert "At most 10 words" in response.json()["search"][0]


def test_ten_words_with_repeats_are_searched_once_each(api_client):
    tass = factories.SourceFactory(publisher="TASS")

    response = listed(api_client, "sources", "search=" + " ".join(["tass", "TASS"] * 5))

    assert keys(response) == {tass.slug}


def test_the_search_limits_are_documented(schema):
    (search,) = [
        p for p in schema["paths"]["/api/v1/patrols/"]["get"]["parameters"] if p["name"] == "search"
    ]
    assert search["schema"]["maxLength"] == 200
    assert "At most 10 words" in search["description"]
