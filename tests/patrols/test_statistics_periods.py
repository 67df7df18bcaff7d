"""Statistics per Japanese fiscal year, month and aircraft family; the fiscal-year filters;
patrols with unknown aircraft counts; statistics as CSV; a fixed number of queries."""

import csv
import io
from datetime import date

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from patrols.models import Patrol
from patrols.statistics import GROUPINGS, statistics
from tests import factories

pytestmark = pytest.mark.django_db

STATS = "/api/v1/patrols/stats/"
PATROLS = "/api/v1/patrols/"
FY_FILTERS = ("fiscal_year", "fiscal_year_min", "fiscal_year_max")


def patrol_on(day, **kwargs):
    return factories.PatrolFactory(start_date=day, slug=f"p-{day.isoformat()}", **kwargs)


def stats(client, **params):
    response = client.get(STATS, params)
    assert response.status_code == 200, response.json()
    return response.json()


def table(body):
    """{key: (name, patrols, patrols with unknown count, aircraft)}, in the answer's order."""
    return {
        g["key"]: (
            g["name"],
            g["patrols"],
            g["patrols_with_unknown_count"],
            g["aircraft_known_minimum"],
        )
        for g in body["groups"]
    }


def slugs(client, **params):
    response = client.get(PATROLS, {**params, "page_size": 100})
    assert response.status_code == 200, response.json()
    return {patrol["slug"] for patrol in response.json()["results"]}


@pytest.fixture
def around_april():
    """Patrols on either side of two fiscal-year boundaries (31 March / 1 April)."""
    days = [date(2024, 3, 31), date(2024, 4, 1), date(2025, 3, 31), date(2025, 4, 1)]
    for day in days:
        factories.ParticipationFactory(patrol=patrol_on(day), count=2)
    return days


def test_fiscal_years_run_from_april_to_march(api_client, around_april):
    body = stats(api_client, group_by="fiscal_year")

    assert list(table(body)) == ["FY2023", "FY2024", "FY2025"]  # in order
    assert table(body) == {
        "FY2023": ("FY2023 (April 2023 – March 2024)", 1, 0, 2),
        "FY2024": ("FY2024 (April 2024 – March 2025)", 2, 0, 4),
        "FY2025": ("FY2025 (April 2025 – March 2026)", 1, 0, 2),
    }


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({"fiscal_year": 2024}, {"2024-04-01", "2025-03-31"}),
        ({"fiscal_year": 2023}, {"2024-03-31"}),
        ({"fiscal_year": 2026}, set()),
        ({"fiscal_year_min": 2024}, {"2024-04-01", "2025-03-31", "2025-04-01"}),
        ({"fiscal_year_max": 2024}, {"2024-03-31", "2024-04-01", "2025-03-31"}),
        ({"fiscal_year_min": 2024, "fiscal_year_max": 2024}, {"2024-04-01", "2025-03-31"}),
        ({"fiscal_year_min": 2025, "fiscal_year_max": 2023}, set()),
        ({"fiscal_year": 1}, set()),  # the bounds themselves are questions with answers
        ({"fiscal_year": 9999}, set()),
        ({"fiscal_year_max": 9999}, {"2024-03-31", "2024-04-01", "2025-03-31", "2025-04-01"}),
        ({"fiscal_year_min": 1}, {"2024-03-31", "2024-04-01", "2025-03-31", "2025-04-01"}),
    ],
)
def test_fiscal_year_filters(api_client, around_april, params, expected):
    assert slugs(api_client, **params) == {f"p-{day}" for day in expected}
    assert stats(api_client, group_by="year", **params)["patrols"] == len(expected)


@pytest.mark.parametrize("name", FY_FILTERS)
@pytest.mark.parametrize("value", ["0", "10000", "-1", "²", "2024.5", "FY2024", "1e3"])
@pytest.mark.parametrize("url", [STATS, PATROLS])
def test_fiscal_year_refusals(api_client, url, name, value):
    response = api_client.get(
        url, {"group_by": "year", name: value} if url == STATS else {name: value}
    )
    assert response.status_code == 400
    assert name in response.json()


@pytest.mark.parametrize("name", FY_FILTERS)
@pytest.mark.parametrize("url", [STATS, PATROLS])
def test_a_fiscal_year_is_given_once(api_client, url, name):
    query = f"{name}=2024&{name}=2025" + ("&group_by=year" if url == STATS else "")
    response = api_client.get(f"{url}?{query}")
    assert response.status_code == 400
    assert "once" in response.json()[name][0]


def test_fiscal_year_filters_are_documented(api_client):
    schema = api_client.get("/api/schema/", {"format": "json"}).json()
    for path in (STATS, PATROLS):
        operation = schema["paths"][path]["get"]
        parameters = {p["name"]: p for p in operation["parameters"]}
        for name in FY_FILTERS:
            assert parameters[name]["schema"]["type"] == "integer"
            assert "April" in parameters[name]["description"]
    group_by = {p["name"]: p for p in schema["paths"][STATS]["get"]["parameters"]}["group_by"]
    assert set(group_by["schema"]["enum"]) == set(GROUPINGS) >= {"fiscal_year", "month", "family"}
    statistic = schema["components"]["schemas"]["Statistic"]["properties"]
    assert "known minimum" in statistic["aircraft_known_minimum"]["description"]
    assert "patrols_with_unknown_count" in statistic


def test_months(api_client):
    for day, count in [
        (date(2024, 5, 1), 1), (date(2024, 5, 31), 2), (date(2024, 6, 1), 4), (date(2023, 5, 9), 8),
    ]:  # fmt: skip
        factories.ParticipationFactory(patrol=patrol_on(day), count=count)

    assert table(stats(api_client, group_by="month")) == {
        "2023-05": ("2023-05", 1, 0, 8),
        "2024-05": ("2024-05", 2, 0, 3),
        "2024-06": ("2024-06", 1, 0, 4),
    }
    assert table(stats(api_client, group_by="month", fiscal_year=2024)) == {
        "2024-05": ("2024-05", 2, 0, 3),
        "2024-06": ("2024-06", 1, 0, 4),
    }


def test_families_follow_variants_at_any_depth(api_client):
    """H-6 ← H-6K ← H-6KD (three levels) count as one family; a type alone is its own."""
    root = factories.AircraftTypeFactory(designation="H-6", slug="h-6")
    middle = factories.AircraftTypeFactory(designation="H-6K", slug="h-6k", variant_of=root)
    leaf = factories.AircraftTypeFactory(designation="H-6KD", slug="h-6kd", variant_of=middle)
    alone = factories.AircraftTypeFactory(designation="Tu-95MS", slug="tu-95ms")
    first, second, third = (patrol_on(date(2024, 7, day)) for day in (1, 2, 3))
    factories.ParticipationFactory(patrol=first, aircraft_type=leaf, count=2)
    factories.ParticipationFactory(patrol=first, aircraft_type=middle, count=3)
    factories.ParticipationFactory(patrol=first, aircraft_type=alone, count=None)
    factories.ParticipationFactory(patrol=second, aircraft_type=root, count=None)
    factories.ParticipationFactory(patrol=third, aircraft_type=alone, count=4)
    factories.ParticipationFactory(
        patrol=third, aircraft_type=None, aircraft_description="fighters", count=5
    )

    body = stats(api_client, group_by="family")

    assert table(body) == {
        "h-6": ("H-6", 2, 1, 5),
        "tu-95ms": ("Tu-95MS", 2, 1, 4),
    }
    assert list(table(stats(api_client, group_by="aircraft_type"))) == [
        "h-6", "h-6k", "h-6kd", "tu-95ms",
    ]  # fmt: skip
    assert table(stats(api_client, group_by="family", fiscal_year=2023)) == {}


def test_unknown_counts_are_reported_per_group(api_client):
    """A patrol whose aircraft in a group are not all counted is counted as such: a participation
    without a count, or (for groups of whole patrols) no participation at all."""
    china, russia = factories.CountryFactory(code="CN"), factories.CountryFactory(code="RU")
    plaaf = factories.OrganizationFactory(country=china)
    vks = factories.OrganizationFactory(country=russia)
    counted, partly, uncounted = (patrol_on(date(2026, 6, day)) for day in (1, 2, 3))
    factories.ParticipationFactory(patrol=counted, operator=plaaf, count=2)
    factories.ParticipationFactory(patrol=counted, operator=vks, count=2)
    factories.ParticipationFactory(patrol=partly, operator=plaaf, count=4)
    factories.ParticipationFactory(patrol=partly, operator=vks, count=None)
    factories.PatrolRegionFactory(patrol=uncounted)  # no aircraft recorded

    assert table(stats(api_client, group_by="year"))["2026"][1:] == (3, 2, 8)
    by_country = table(stats(api_client, group_by="country"))
    assert by_country[china.code][1:] == (2, 0, 6)  # every Chinese aircraft counted
    assert by_country[russia.code][1:] == (2, 1, 2)  # at least 2
    assert table(stats(api_client, group_by="region")) == {
        region.slug: (region.name, 1, 1, 0) for region in uncounted.regions.all()
    }


def csv_rows(response):
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    text = b"".join(getattr(response, "streaming_content", [response.content])).decode()
    assert text.startswith("\ufeff")
    return list(csv.reader(io.StringIO(text[1:])))


HEADER = [
    "key",
    "name",
    "patrols",
    "patrols_with_unknown_count",
    "patrols_with_reported_total",
    "aircraft_known_minimum",
    "aircraft_at_least",
]


def test_statistics_as_csv(api_client, around_april):
    factories.PatrolRegionFactory(
        patrol=patrol_on(date(2024, 8, 1)), region=factories.RegionFactory(name="=1+2")
    )
    response = api_client.get(STATS, {"group_by": "fiscal_year", "format": "csv"})

    assert response["Content-Disposition"] == 'attachment; filename="patrol-stats-fiscal_year.csv"'
    assert csv_rows(response) == [
        HEADER,
        ["FY2023", "FY2023 (April 2023 – March 2024)", "1", "0", "0", "2", "2"],
        ["FY2024", "FY2024 (April 2024 – March 2025)", "3", "1", "0", "4", "4"],
        ["FY2025", "FY2025 (April 2025 – March 2026)", "1", "0", "0", "2", "2"],
    ]
    regions = csv_rows(api_client.get(STATS, {"group_by": "region", "format": "csv"}))
    assert regions[1][1] == "'=1+2"  # a spreadsheet does not run it
    empty = api_client.get(STATS, {"group_by": "month", "fiscal_year": 1990, "format": "csv"})
    assert csv_rows(empty) == [HEADER]


def test_csv_refusals_are_json(api_client):
    response = api_client.get(STATS, {"group_by": "week", "format": "csv"})
    assert response.status_code == 400
    assert "group_by" in response.json()


# Queries for one statistics answer, whatever the number of patrols, types and regions: the
# groups with their patrol counts, the aircraft totals, the patrol count; for a family, the
# variant_of links as well.
# Reported totals (one more query) apply to every grouping but aircraft types and families.
STATS_QUERIES = dict.fromkeys(GROUPINGS, 5) | {"family": 4, "aircraft_type": 3}


def build(patrols, first=0):
    """``patrols`` patrols, each with a three-level family, an uncounted participation and a
    region."""
    for n in range(first, first + patrols):
        root = factories.AircraftTypeFactory()
        variant = factories.AircraftTypeFactory(
            variant_of=factories.AircraftTypeFactory(variant_of=root)
        )
        patrol = patrol_on(date(2020 + n, 1 + n % 12, 1))
        factories.ParticipationFactory(patrol=patrol, aircraft_type=variant, count=None)
        factories.ParticipationFactory(patrol=patrol, aircraft_type=root)
        factories.PatrolRegionFactory(patrol=patrol)


def request_queries(client, group_by, patrols):
    with CaptureQueriesContext(connection) as queries:
        body = stats(client, group_by=group_by, year_min=2000)
    assert body["patrols"] == patrols
    assert len(body["groups"]) >= 1
    return len(queries)


@pytest.mark.parametrize("group_by", sorted(GROUPINGS))
def test_the_query_count_is_fixed(api_client, group_by):
    """The same number of queries for 1 patrol as for 12; and, for the statistics themselves,
    the budget above (the request around them may read more: the dataset's version, …)."""
    build(1)
    one = request_queries(api_client, group_by, 1)
    build(11, first=1)
    assert request_queries(api_client, group_by, 12) == one
    with CaptureQueriesContext(connection) as queries:
        answer = statistics(Patrol.objects.all(), group_by)
    assert answer["patrols"] == 12
    assert len(queries) == STATS_QUERIES[group_by], [q["sql"] for q in queries]
