"""The filters of the records that hang off a patrol: participations, interceptions,
statements and the regions a patrol crossed.

The tests run over the small world of ``tests.core.filter_cases``; what a bad value answers is in
tests/core/test_api_filters.py.
"""

import pytest

from tests import factories
from tests.core import filter_cases
from tests.core.filter_cases import day, listed, rows, slugs

pytestmark = pytest.mark.django_db

# Fixtures from tests.core.filter_cases, bound to these names for pytest to find.
world = filter_cases.world
patrols = filter_cases.patrols


def participation_ids(response):
    return {
        (row["patrol"]["slug"], row["aircraft_type"]["slug"], row["role"]) for row in rows(response)
    }


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("country=CN&year=2023", {("jp-2023", "h-6k", "bomber"), ("cn-2023", "h-6k", "bomber")}),
        ("role=escort", {("jp-2023", "su-35s", "escort"), ("ru-2024", "su-35s", "escort")}),
        ("role=aew_c&country=RU", {("jp-2019", "a-50", "aew_c")}),
        (
            "year=2024&country=ru",
            {
                ("jp-2024", "tu-95ms", "bomber"),
                ("ru-2024", "tu-95ms", "bomber"),
                ("ru-2024", "su-35s", "escort"),
            },
        ),
        ("patrol=jp-2022&aircraft_type=h-6k", {("jp-2022", "h-6k", "bomber")}),
        ("operator=vks&year=2019", {("jp-2019", "a-50", "aew_c")}),
    ],
)
def test_participations_by_country_role_and_year(api_client, patrols, query, expected):
    assert participation_ids(listed(api_client, "participations", query)) == expected


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("country=KR", {("jp-2019", "rokaf")}),
        ("country=JP", {("jp-2019", "jasdf"), ("jp-2022", "jasdf"), ("ru-2024", "jasdf")}),
        ("airspace_violated=true", {("jp-2019", "rokaf")}),
        ("airspace_violated=false", {("jp-2022", "jasdf")}),  # unknown matches neither
        ("country=JP&year=2024", {("ru-2024", "jasdf")}),
        ("aircraft_type=f-15j", {("jp-2022", "jasdf")}),
        ("region=kadiz", {("jp-2019", "rokaf")}),
        ("responder=jasdf&patrol=jp-2019", {("jp-2019", "jasdf")}),
    ],
)
def test_interceptions_by_country_airspace_and_more(api_client, patrols, query, expected):
    found = {
        (row["patrol"]["slug"], row["responder"]["slug"])
        for row in rows(listed(api_client, "interceptions", query))
    }

    assert found == expected


@pytest.fixture
def statements(world, patrols):
    statement = factories.StatementFactory
    statement(slug="cn-announces", organization=world["mnd"], kind="announcement",
              date=day("2019-07-23"), patrol=patrols["jp-2019"])  # fmt: skip
    statement(slug="kr-protests", organization=world["rokaf"], kind="protest",
              date=day("2019-07-24"), patrol=patrols["jp-2019"])  # fmt: skip
    statement(slug="jp-concern", organization=world["jasdf"], kind="concern",
              date=day("2022-05-24"), patrol=patrols["jp-2022"])  # fmt: skip
    statement(slug="cn-undated", organization=world["mnd"], kind="justification", date=None)


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("kind=protest", {"kr-protests"}),
        ("kind=protest&kind=concern", {"kr-protests", "jp-concern"}),
        ("organization=mnd", {"cn-announces", "cn-undated"}),
        ("country=KR&country=JP", {"kr-protests", "jp-concern"}),
        ("date_after=2019-07-24", {"kr-protests", "jp-concern"}),  # inclusive; undated: neither
        ("date_before=2019-07-24", {"cn-announces", "kr-protests"}),
        ("date_after=2019-07-24&date_before=2020-01-01", {"kr-protests"}),
        ("patrol=jp-2019", {"cn-announces", "kr-protests"}),
    ],
)
def test_statements_by_kind_organization_and_date(api_client, statements, query, expected):
    assert slugs(listed(api_client, "statements", query)) == expected


def test_patrol_regions_by_region_and_patrol(api_client, patrols):
    def crossings(query):
        return {
            (row["patrol"]["slug"], row["region"]["slug"])
            for row in rows(listed(api_client, "patrol-regions", query))
        }

    assert crossings("region=kadiz") == {("jp-2019", "kadiz")}
    assert crossings("region=sea-of-japan") == {
        ("jp-2019", "sea-of-japan"),
        ("jp-2023", "sea-of-japan"),
        ("ru-2024", "sea-of-japan"),
    }
    assert crossings("patrol=jp-2022") == {("jp-2022", "east-china-sea")}
