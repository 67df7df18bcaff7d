"""How a patrol reads in the API: the countries and joint flag it derives, and the compact
participations, interceptions and statements a client reads without a second request."""

import pytest

from tests import factories
from tests.core.resource_cases import API, BASE, compact, day

pytestmark = pytest.mark.django_db

STATUS = ("confidence", "disputed", "sources", "sources_inherited", "claims")


@pytest.fixture
def joint_patrol():
    """A patrol flown by China and Russia, intercepted by Japan, announced by Russia."""
    china = factories.CountryFactory(code="CN", code3="CHN", name="China")
    russia = factories.CountryFactory(code="RU", code3="RUS", name="Russia")
    japan = factories.CountryFactory(code="JP", code3="JPN", name="Japan")
    plaaf = factories.OrganizationFactory(slug="plaaf", name="PLA Air Force", country=china)
    lra = factories.OrganizationFactory(slug="lra", name="Long-Range Aviation", country=russia)
    jasdf = factories.OrganizationFactory(slug="jasdf", name="JASDF", country=japan)
    h6k = factories.AircraftTypeFactory(slug="h-6k", designation="H-6K")
    tu95 = factories.AircraftTypeFactory(slug="tu-95ms", designation="Tu-95MS")
    f15 = factories.AircraftTypeFactory(slug="f-15j", designation="F-15J", role="fighter")
    sea = factories.RegionFactory(slug="east-china-sea", name="East China Sea")
    patrol = factories.PatrolFactory(slug="joint-patrol-4", start_date=day("2022-05-24"))
    factories.PatrolRegionFactory(patrol=patrol, region=sea)
    h6k_part = factories.ParticipationFactory(
        patrol=patrol, aircraft_type=h6k, operator=plaaf, count=2
    )
    tu95_part = factories.ParticipationFactory(
        patrol=patrol, aircraft_type=tu95, operator=lra, count=2
    )
    factories.ParticipationFactory(
        patrol=patrol,
        aircraft_type=None,
        aircraft_description="fighters",
        operator=lra,
        count=None,
        role="escort",
    )
    interception = factories.InterceptionFactory(
        patrol=patrol,
        responder=jasdf,
        aircraft_type=f15,
        date=day("2022-05-24"),
        region=sea,
        airspace_violated=False,
    )
    statement = factories.StatementFactory(
        slug="mod-ru-announcement", patrol=patrol, organization=lra, date=day("2022-05-24")
    )
    return {
        "patrol": patrol,
        "h6k_participation": h6k_part,
        "tu95_participation": tu95_part,
        "interception": interception,
        "statement": statement,
    }


def test_a_patrol_derives_its_countries_and_is_joint_with_two(api_client, joint_patrol):
    data = api_client.get(f"{API}/patrols/joint-patrol-4/").json()

    assert data["countries"] == [
        compact("code", "CN", "countries", "China"),
        compact("code", "RU", "countries", "Russia"),
    ]
    assert data["joint"] is True
    assert data["aircraft_known_minimum"] == 4  # the escort's unknown count adds nothing
    assert data["participations_with_unknown_count"] == 1
    assert data["aircraft_at_least"] == 4
    assert data["regions"] == [
        compact("slug", "east-china-sea", "regions", "East China Sea"),
    ]


def test_a_patrol_of_one_country_is_not_joint(api_client):
    russia = factories.CountryFactory(code="RU", code3="RUS", name="Russia")
    lra = factories.OrganizationFactory(country=russia)
    vks = factories.OrganizationFactory(country=russia)
    patrol = factories.PatrolFactory(kind="national_long_range_patrol")
    factories.ParticipationFactory(patrol=patrol, operator=lra)
    factories.ParticipationFactory(patrol=patrol, operator=vks, role="escort")

    data = api_client.get(f"{API}/patrols/{patrol.slug}/").json()

    assert data["countries"] == [compact("code", "RU", "countries", "Russia")]
    assert data["joint"] is False


def test_a_patrol_without_participations_has_no_countries_and_no_count(api_client):
    patrol = factories.PatrolFactory()

    data = api_client.get(f"{API}/patrols/{patrol.slug}/").json()

    assert data["countries"] == []
    assert data["joint"] is False
    assert (data["aircraft_known_minimum"], data["aircraft_at_least"]) == (0, 0)
    assert data["aircraft_reported_total"] is None
    assert data["participations"] == []


def test_a_patrols_participations_name_type_operator_and_country_compactly(
    api_client, joint_patrol
):
    data = api_client.get(f"{API}/patrols/joint-patrol-4/").json()
    by_id = {p["id"]: p for p in data["participations"]}

    h6k = by_id[joint_patrol["h6k_participation"].pk]
    assert set(h6k) == {
        "id", "aircraft_type", "aircraft_description", "operator", "country", "count", "role",
        "notes", *STATUS,
    }  # fmt: skip
    assert h6k["aircraft_type"] == compact("slug", "h-6k", "aircraft-types", "H-6K")
    assert h6k["operator"] == compact("slug", "plaaf", "organizations", "PLA Air Force")
    assert h6k["country"] == compact("code", "CN", "countries", "China")
    assert (h6k["count"], h6k["role"]) == (2, "bomber")
    unidentified = next(p for p in data["participations"] if p["aircraft_type"] is None)
    assert unidentified["aircraft_description"] == "fighters"
    assert unidentified["country"]["code"] == "RU"


def test_a_patrols_interceptions_and_statements_are_compact(api_client, joint_patrol):
    data = api_client.get(f"{API}/patrols/joint-patrol-4/").json()

    [interception] = data["interceptions"]
    assert set(interception) == {
        "id", "responder", "country", "aircraft_type", "count", "date", "region",
        "airspace_violated", "notes", *STATUS,
    }  # fmt: skip
    assert interception["responder"] == compact("slug", "jasdf", "organizations", "JASDF")
    assert interception["country"] == compact("code", "JP", "countries", "Japan")
    assert interception["aircraft_type"] == compact("slug", "f-15j", "aircraft-types", "F-15J")
    assert interception["region"] == compact("slug", "east-china-sea", "regions", "East China Sea")
    assert interception["airspace_violated"] is False
    [statement] = data["statements"]
    assert set(statement) == {
        "id", "url", "slug", "organization", "speaker", "date", "kind", "summary", *STATUS,
    }  # fmt: skip
    assert statement["url"] == f"{BASE}/statements/mod-ru-announcement/"
    assert statement["organization"] == compact(
        "slug", "lra", "organizations", "Long-Range Aviation"
    )


def test_a_participation_shows_its_patrol_and_derived_country(api_client, joint_patrol):
    participation = joint_patrol["tu95_participation"]

    data = api_client.get(f"{API}/participations/{participation.pk}/").json()

    assert data["patrol"] == compact(
        "slug", "joint-patrol-4", "patrols", joint_patrol["patrol"].name
    )
    assert data["aircraft_type"] == compact("slug", "tu-95ms", "aircraft-types", "Tu-95MS")
    assert data["country"] == compact("code", "RU", "countries", "Russia")
