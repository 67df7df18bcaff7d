"""Patrol statistics, checked against the curated data counted record by record."""

from collections import defaultdict

import pytest

from patrols.models import Patrol

pytestmark = pytest.mark.usefixtures("loaded")

STATS = "/api/v1/patrols/stats/"


def counted_by_hand(patrols, group_of):
    """{key: (patrols, aircraft)} walking every participation; ``group_of`` gives a
    participation's groups (its patrol's year, its operator's country, …)."""
    members, aircraft = defaultdict(set), defaultdict(int)
    for patrol in patrols:
        for participation in patrol.participations.all():
            for key in group_of(patrol, participation):
                members[key].add(patrol.pk)
                aircraft[key] += participation.count or 0
        if not patrol.participations.all():
            for key in group_of(patrol, None):
                members[key].add(patrol.pk)
    return {key: (len(members[key]), aircraft[key]) for key in members}


GROUPS = {
    "year": lambda patrol, p: [str(patrol.start_date.year)],
    "country": lambda patrol, p: [p.operator.country.code] if p and p.operator.country else [],
    "aircraft_type": lambda patrol, p: [p.aircraft_type.slug] if p and p.aircraft_type else [],
    "region": lambda patrol, p: [region.slug for region in patrol.regions.all()],
}


def answered(client, **params):
    response = client.get(STATS, params)
    assert response.status_code == 200, response.json()
    body = response.json()
    return body, {g["key"]: (g["patrols"], g["aircraft"]) for g in body["groups"]}


@pytest.mark.parametrize("group_by", sorted(GROUPS))
def test_statistics_match_the_curated_data(api_client, group_by):
    patrols = Patrol.objects.prefetch_related(
        "participations__operator__country", "participations__aircraft_type", "regions"
    )
    body, groups = answered(api_client, group_by=group_by)

    assert body["group_by"] == group_by
    assert body["patrols"] == 16
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


@pytest.mark.parametrize("params", [{}, {"group_by": "month"}])
def test_grouping_is_required_and_checked(api_client, params):
    response = api_client.get(STATS, params)
    assert response.status_code == 400
    assert "group_by" in response.json()


def test_a_bad_filter_is_refused_here_too(api_client):
    response = api_client.get(STATS, {"group_by": "year", "country": "XX"})
    assert response.status_code == 400
    assert "country" in response.json()
