"""The researchers' questions, each answered exactly by one call on the curated data.

These are the questions the researchers' issue was filed for; each test makes the one call a
researcher would make and compares the answer with the patrols read by hand from the data files
(patrols/data/*.yaml, built from the fact sheets). They run on SQLite and PostgreSQL alike.
"""

import pytest

from tests.core.filter_cases import listed, slugs

pytestmark = pytest.mark.django_db

JOINT = {f"joint-patrol-{n}" for n in range(1, 12)}


def stats(client, query):
    response = client.get(f"/api/v1/patrols/stats/?{query}")
    assert response.status_code == 200, response.content
    return response.json()


def by_key(body, *fields):
    return {group["key"]: tuple(group[field] for field in fields) for group in body["groups"]}


def test_which_joint_patrols_had_chinese_fighters_escorting(api_client, loaded):
    found = slugs(listed(api_client, "patrols", "joint=true&country=CN&role=escort"))

    # J-16 (5th, 9th, 10th, 11th), J-11B (6th), J-10C and J-11 (11th); the other joint patrols'
    # escorts were Russian. Country and role must match one and the same participation: joined
    # across rows the answer was ten patrols.
    assert found == {
        "joint-patrol-5",
        "joint-patrol-6",
        "joint-patrol-9",
        "joint-patrol-10",
        "joint-patrol-11",
    }


def test_which_patrols_did_h6_bombers_fly(api_client, loaded):
    found = slugs(listed(api_client, "patrols", "aircraft_type=h-6"))

    # Stored as its variants: H-6K in every joint patrol, H-6N beside it in the 9th.
    assert found == JOINT


def test_which_patrols_had_su35s(api_client, loaded):
    found = slugs(listed(api_client, "patrols", "aircraft_type=su-35"))

    # Stored as su-35 (7th joint patrol, the Jan 2024 flight) or su-35s, its variant; the
    # national flights whose escort the Russian MoD names as Su-35S.
    assert found == {
        "joint-patrol-3",
        "joint-patrol-5",
        "joint-patrol-6",
        "joint-patrol-7",
        "joint-patrol-8",
        "joint-patrol-9",
        "joint-patrol-10",
        "tu-95ms-flight-2019-11-27",
        "tu-95ms-flight-2021-03-11",
        "tu-95ms-flight-2021-08-17",
        "tu-95ms-flight-2021-10-22",
        "tu-95ms-flight-2021-12-15",
        "tu-95ms-flight-2022-12-14",
        "tu-95ms-flight-2023-03-21",
        "tu-95ms-flight-2023-08-15",
        "tu-95ms-flight-2023-10-17",
        "tu-95ms-flight-2024-01-16",
        "tu-95ms-flight-2024-07-30",
        "tu-95ms-flight-2025-01-30",
        "tu-95ms-flight-2025-08-19",
        "tu-95ms-flight-2025-10-24",
        "tu-95ms-flight-2026-01-21",
    }


NATIONAL_FLIGHTS_PER_YEAR = {
    # facts.yaml's solo flights (2021-03-11, 2024-01-16, 2025-01-30, 2025-10-24, 2026-01-21) and
    # facts-extra.yaml's twenty national flights.
    "2019": 3,
    "2020": 1,
    "2021": 4,
    "2022": 3,
    "2023": 5,
    "2024": 4,
    "2025": 4,
    "2026": 1,
}


def test_how_many_national_russian_bomber_flights_each_year(api_client, loaded):
    body = stats(api_client, "kind=national_long_range_patrol&group_by=year")

    assert {key: patrols for key, (patrols,) in by_key(body, "patrols").items()} == (
        NATIONAL_FLIGHTS_PER_YEAR
    )
    assert body["patrols"] == 25


def test_how_many_aircraft_took_part_in_2026(api_client, loaded):
    body = stats(api_client, "group_by=year&year=2026")

    # The 11th joint patrol: no count known, "more than 10" aircraft (ROK JCS), so 11; the
    # 21 January flight: no count known, four Russian aircraft in the KADIZ (SBS), so 4.
    assert by_key(body, "patrols", "aircraft_known_minimum", "aircraft_at_least") == {
        "2026": (2, 0, 15)
    }
    [group] = body["groups"]
    assert (group["patrols_with_unknown_count"], group["patrols_with_reported_total"]) == (2, 1)


def test_how_many_aircraft_the_2nd_joint_patrol_had_at_least(api_client, loaded):
    patrol = api_client.get("/api/v1/patrols/joint-patrol-2/").json()

    # Known counts: 2 Tu-95MS + 4 H-6K + 1 …; the ROK JCS counted 4 Chinese and 15 Russian
    # aircraft in the KADIZ, so at least 19 took part.
    assert patrol["aircraft_at_least"] == 19
    assert patrol["aircraft_known_minimum"] < 19


def test_which_joint_patrols_does_each_japanese_fiscal_year_hold(api_client, loaded):
    body = stats(api_client, "joint=true&group_by=fiscal_year")

    # Dates from the data: 23 Jul 2019, 22 Dec 2020, 19 Nov 2021, 24 May and 30 Nov 2022,
    # 6 Jun and 14 Dec 2023, 24 Jul and 29 Nov 2024, 9 Dec 2025, 27 Jun 2026.
    assert by_key(body, "patrols") == {
        "FY2019": (1,),
        "FY2020": (1,),
        "FY2021": (1,),
        "FY2022": (2,),
        "FY2023": (2,),
        "FY2024": (2,),
        "FY2025": (1,),
        "FY2026": (1,),
    }


def test_a_claimed_aircraft_reads_as_claimed_inside_its_patrol(api_client, loaded):
    patrol = api_client.get("/api/v1/patrols/joint-patrol-1/").json()
    kj2000 = next(
        row
        for row in patrol["participations"]
        if row["aircraft_type"] and row["aircraft_type"]["slug"] == "kj-2000"
    )

    # Only Kobylash (TASS, Sputnik) names the KJ-2000: reported, with those two sources.
    assert kj2000["confidence"] == "reported"
    assert kj2000["disputed"] is False
    assert {source["slug"] for source in kj2000["sources"]} == {
        "tass-first-joint-patrol-2019",
        "urdupoint-sputnik-aewc-2019",
    }
