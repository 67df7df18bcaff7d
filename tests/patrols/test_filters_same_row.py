"""A patrol's filters on its participations (or on its interceptions) are met by one and the
same row: ``country=CN&role=escort`` is a Chinese escort, not a Chinese bomber beside a Russian
escort. Repeating a parameter ORs its values within that row.

The world is every pair of row profiles, one patrol per pair; the expected patrols are computed
from the profiles (some row meets every filter given), for every combination of two or more
filters of a relation. The filters of each relation are read from ``PatrolFilterSet``, so a new
filter on participations or interceptions must be added here.
"""

import itertools

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from patrols.filters import PatrolFilterSet
from tests import factories
from tests.core.filter_cases import listed, slugs

pytestmark = pytest.mark.django_db

# filter -> (query value, what a profile must have to match it)
PARTICIPATION_FILTERS = {
    "country": ("CN", lambda row: row["operator"] in {"plaaf", "plan-aviation"}),
    "operator": ("plaaf", lambda row: row["operator"] == "plaaf"),
    "aircraft_type": ("h-6", lambda row: row["aircraft_type"] == "h-6k"),  # a variant of h-6
    "role": ("escort", lambda row: row["role"] == "escort"),
}
INTERCEPTION_FILTERS = {
    "intercepted_by": ("JP", lambda row: row["responder"] in {"jasdf", "jmsdf"}),
    "responder": ("jasdf", lambda row: row["responder"] == "jasdf"),
    "airspace_violated": ("true", lambda row: row["airspace_violated"] is True),
}
SPECS = {"participations": PARTICIPATION_FILTERS, "interceptions": INTERCEPTION_FILTERS}

PARTICIPATION_PROFILES = [
    {"operator": operator, "aircraft_type": aircraft_type, "role": role}
    for operator in ("plaaf", "plan-aviation", "vks")
    for aircraft_type in ("h-6k", "tu-95ms")
    for role in ("escort", "bomber")
]
INTERCEPTION_PROFILES = [
    {"responder": responder, "airspace_violated": violated}
    for responder in ("jasdf", "jmsdf", "rokaf")
    for violated in (True, False)
]


def combinations(relation):
    names = sorted(SPECS[relation])
    return [
        (relation, combo)
        for size in range(2, len(names) + 1)
        for combo in itertools.combinations(names, size)
    ]


CASES = combinations("participations") + combinations("interceptions")


def test_every_filter_on_a_same_row_relation_is_covered_here():
    for relation, spec in SPECS.items():
        assert relation in PatrolFilterSet.same_row
        on_relation = {
            name
            for name, filter_ in PatrolFilterSet.base_filters.items()
            if filter_.field_name.startswith(f"{relation}__")
        }
        assert on_relation == set(spec), relation


@pytest.fixture
def world():
    china = factories.CountryFactory(code="CN", code3="CHN", name="China")
    russia = factories.CountryFactory(code="RU", code3="RUS", name="Russia")
    japan = factories.CountryFactory(code="JP", code3="JPN", name="Japan")
    korea = factories.CountryFactory(code="KR", code3="KOR", name="South Korea")
    org = factories.OrganizationFactory
    h6 = factories.AircraftTypeFactory(slug="h-6", designation="H-6")
    return {
        "plaaf": org(slug="plaaf", country=china),
        "plan-aviation": org(slug="plan-aviation", country=china),
        "vks": org(slug="vks", country=russia),
        "jasdf": org(slug="jasdf", country=japan),
        "jmsdf": org(slug="jmsdf", country=japan),
        "rokaf": org(slug="rokaf", country=korea),
        "h-6": h6,
        "h-6k": factories.AircraftTypeFactory(slug="h-6k", designation="H-6K", variant_of=h6),
        "tu-95ms": factories.AircraftTypeFactory(slug="tu-95ms", designation="Tu-95MS"),
    }


def build(world, relation, count=None, prefix=""):
    """One patrol per pair of profiles, each with two rows; ``{slug: profiles}``."""
    profiles = PARTICIPATION_PROFILES if relation == "participations" else INTERCEPTION_PROFILES
    pairs = list(itertools.combinations(range(len(profiles)), 2))[:count]
    patrols = {}
    for first, second in pairs:
        patrol = factories.PatrolFactory(slug=f"{prefix}{relation}-{first}-{second}")
        rows = [profiles[first], profiles[second]]
        for row in rows:
            if relation == "participations":
                factories.ParticipationFactory(
                    patrol=patrol,
                    operator=world[row["operator"]],
                    aircraft_type=world[row["aircraft_type"]],
                    role=row["role"],
                )
            else:
                factories.InterceptionFactory(
                    patrol=patrol,
                    responder=world[row["responder"]],
                    airspace_violated=row["airspace_violated"],
                )
        patrols[patrol.slug] = rows
    return patrols


def query(relation, names):
    return "&".join(f"{name}={SPECS[relation][name][0]}" for name in names)


@pytest.mark.parametrize(("relation", "names"), CASES, ids=lambda case: str(case))
def test_combined_filters_are_met_by_one_and_the_same_row(api_client, world, relation, names):
    patrols = build(world, relation)
    predicates = [SPECS[relation][name][1] for name in names]
    same_row = {
        slug
        for slug, rows in patrols.items()
        if any(all(match(row) for match in predicates) for row in rows)
    }
    any_rows = {
        slug
        for slug, rows in patrols.items()
        if all(any(match(row) for row in rows) for match in predicates)
    }

    assert slugs(listed(api_client, "patrols", query(relation, names))) == same_row
    # The world tells the two readings apart, except where one filter implies the other
    # (plaaf is Chinese, jasdf Japanese).
    if set(names) not in ({"country", "operator"}, {"intercepted_by", "responder"}):
        assert same_row < any_rows


def test_a_repeated_parameter_ors_its_values_within_the_row(api_client, world):
    patrols = build(world, "participations")
    expected = {
        slug
        for slug, rows in patrols.items()
        if any(row["role"] == "escort" and row["operator"] != "vks" for row in rows)
    }

    found = slugs(
        listed(api_client, "patrols", "role=escort&operator=plaaf&operator=plan-aviation")
    )
    assert found == expected


def test_participation_and_interception_filters_together_each_match_their_own_row(
    api_client, world
):
    patrol = factories.PatrolFactory(slug="both")
    factories.ParticipationFactory(patrol=patrol, operator=world["plaaf"], role="escort")
    factories.ParticipationFactory(patrol=patrol, operator=world["vks"], role="bomber")
    factories.InterceptionFactory(patrol=patrol, responder=world["jasdf"], airspace_violated=False)
    factories.InterceptionFactory(patrol=patrol, responder=world["rokaf"], airspace_violated=True)

    assert slugs(listed(api_client, "patrols", "country=CN&role=escort&intercepted_by=KR")) == {
        "both"
    }
    assert not slugs(listed(api_client, "patrols", "country=CN&role=escort&responder=jasdf"
                                                   "&airspace_violated=true"))  # fmt: skip
    assert not slugs(listed(api_client, "patrols", "country=RU&role=escort&intercepted_by=KR"))


def count_queries(client, query_string):
    with CaptureQueriesContext(connection) as queries:
        response = listed(client, "patrols", query_string)
    assert response.status_code == 200, response.content
    return len(queries)


def test_the_query_count_does_not_grow_with_the_data_or_the_variant_tree(api_client, world):
    every_filter = "&".join(
        [
            query("participations", PARTICIPATION_FILTERS),
            query("interceptions", INTERCEPTION_FILTERS),
        ]
    )
    build(world, "participations", count=3)
    build(world, "interceptions", count=3)
    small = count_queries(api_client, every_filter)

    deeper = factories.AircraftTypeFactory(slug="h-6k-sub", variant_of=world["h-6k"])
    factories.AircraftTypeFactory(slug="h-6k-sub-sub", variant_of=deeper)
    build(world, "participations", prefix="more-")
    build(world, "interceptions", prefix="more-")

    assert count_queries(api_client, every_filter) == small
