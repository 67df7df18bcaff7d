"""Patrol statistics, checked against the curated data counted record by record."""

from collections import defaultdict

import pytest

from patrols.models import Patrol

pytestmark = pytest.mark.usefixtures("loaded")

STATS = "/api/v1/patrols/stats/"


def counted_by_hand(patrols, group_of):
    """{key: (patrols, patrols with an unknown count, aircraft)} walking every participation;
    ``group_of`` gives a participation's groups (its patrol's year, its operator's country, …)."""
    members, unknown, aircraft = defaultdict(set), defaultdict(set), defaultdict(int)
    for patrol in patrols:
        for participation in patrol.participations.all():
            for key in group_of(patrol, participation):
                members[key].add(patrol.pk)
                aircraft[key] += participation.count or 0
                if participation.count is None:
                    unknown[key].add(patrol.pk)
        if not patrol.participations.all():
            for key in group_of(patrol, None):
                members[key].add(patrol.pk)
                unknown[key].add(patrol.pk)  # no aircraft recorded: none counted
    return {key: (len(members[key]), len(unknown[key]), aircraft[key]) for key in members}


def family(aircraft_type):
    while aircraft_type.variant_of is not None:
        aircraft_type = aircraft_type.variant_of
    return aircraft_type.slug


def fiscal_year(day):
    return f"FY{day.year if day.month >= 4 else day.year - 1}"


GROUPS = {
    "year": lambda patrol, p: [str(patrol.start_date.year)],
    "fiscal_year": lambda patrol, p: [fiscal_year(patrol.start_date)],
    "month": lambda patrol, p: [f"{patrol.start_date:%Y-%m}"],
    "family": lambda patrol, p: [family(p.aircraft_type)] if p and p.aircraft_type else [],
    "country": lambda patrol, p: [p.operator.country.code] if p and p.operator.country else [],
    "aircraft_type": lambda patrol, p: [p.aircraft_type.slug] if p and p.aircraft_type else [],
    "region": lambda patrol, p: [region.slug for region in patrol.regions.all()],
}


def answered(client, **params):
    response = client.get(STATS, params)
    assert response.status_code == 200, response.json()
    body = response.json()
    return body, {
        g["key"]: (g["patrols"], g["patrols_with_unknown_count"], g["aircraft_known_minimum"])
        for g in body["groups"]
    }


@pytest.mark.parametrize("group_by", sorted(GROUPS))
def test_statistics_match_the_curated_data(api_client, group_by):
    patrols = Patrol.objects.prefetch_related(
        "participations__operator__country",
        "participations__aircraft_type__variant_of__variant_of__variant_of",
        "regions",
    )
    body, groups = answered(api_client, group_by=group_by)

    assert body["group_by"] == group_by
    assert body["patrols"] == patrols.count()
    assert groups == counted_by_hand(patrols, GROUPS[group_by])


def test_statistics_honour_the_filters(api_client):
    joint = Patrol.objects.filter(kind="joint_strategic_patrol").prefetch_related(
        "participations__operator__country"
    )
    body, groups = answered(api_client, group_by="country", kind="joint_strategic_patrol")

    assert body["patrols"] == 11
    assert groups == counted_by_hand(joint, GROUPS["country"])
    assert groups["CN"][0] == groups["RU"][0] == 11  # every joint patrol had both


def test_known_figures(api_client):
    """Spot checks a reader can verify in patrols.yaml: one joint patrol a year in 2019–2021."""
    _, by_year = answered(api_client, group_by="year", kind="joint_strategic_patrol")
    assert [by_year[str(year)][0] for year in (2019, 2020, 2021)] == [1, 1, 1]


@pytest.mark.parametrize("params", [{}, {"group_by": "week"}])
def test_grouping_is_required_and_checked(api_client, params):
    response = api_client.get(STATS, params)
    assert response.status_code == 400
    assert "group_by" in response.json()


def test_a_bad_filter_is_refused_here_too(api_client):
    response = api_client.get(STATS, {"group_by": "year", "country": "XX"})
    assert response.status_code == 400
    assert "country" in response.json()


def test_japanese_fiscal_year_counts(api_client):
    """ "Japanese fiscal-year counts" in one call: the joint patrols per fiscal year (April–March),
    as a reader can count them in patrols.yaml (Dec 2020 and Mar 2021 fall in FY2020)."""
    _, by_fiscal_year = answered(api_client, group_by="fiscal_year", kind="joint_strategic_patrol")
    assert {key: counts[0] for key, counts in by_fiscal_year.items()} == {
        "FY2019": 1, "FY2020": 1, "FY2021": 1, "FY2022": 2, "FY2023": 2, "FY2024": 2,
        "FY2025": 1, "FY2026": 1,
    }  # fmt: skip
    assert by_fiscal_year["FY2026"][1] == 1  # the 11th patrol: no counts given


def test_fiscal_year_filter_on_the_curated_data(api_client):
    """FY2020 holds the joint patrol of December 2020 and the flight of 11 March 2021."""
    response = api_client.get("/api/v1/patrols/", {"fiscal_year": 2020, "page_size": 100})
    results = response.json()["results"]
    dates = {patrol["start_date"] for patrol in results}
    assert {"2020-12-22", "2021-03-11"} <= dates
    assert all("2020-04-01" <= day <= "2021-03-31" for day in dates)
    expected = Patrol.objects.filter(start_date__range=("2020-04-01", "2021-03-31")).count()
    assert len(results) == expected
