"""Activity counts (``patrols.activity``): their rules, the one write path, the API resource with
its filters, CSV and statistics, and a list's fixed cost."""

import csv
import io
from datetime import date

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, connection, transaction
from django.test.utils import CaptureQueriesContext

from patrols.activity import ActivityCount
from patrols.activity_services import save_activity_count
from tests import factories
from tests.patrols.activity_factories import ActivityCountFactory

pytestmark = pytest.mark.django_db

URL = "/api/v1/activity-counts/"
STATS = f"{URL}stats/"


def refused_by_database(pk, **values):
    with pytest.raises(IntegrityError), transaction.atomic():
        ActivityCount.objects.filter(pk=pk).update(**values)


def cited(**fields):
    record = ActivityCountFactory(**fields)
    factories.CitationFactory(content_object=record)
    return record


# --- The rules ---------------------------------------------------------------------------------


def test_empty_dates_are_the_whole_fiscal_year_and_the_figure_is_not_partial():
    count = ActivityCountFactory(period="fiscal_year", year=2024)
    assert (count.period_start, count.period_end) == (date(2024, 4, 1), date(2025, 3, 31))
    assert count.partial is False
    assert count.label == "FY2024"


def test_a_figure_ending_before_the_year_does_is_partial_whatever_the_writer_says():
    count = ActivityCountFactory(year=2025, period_end=date(2025, 9, 30))
    count.partial = False
    count.save()
    assert ActivityCount.objects.get(pk=count.pk).partial is True


def test_a_calendar_year_runs_january_to_december():
    count = ActivityCountFactory(period="calendar_year", year=2023)
    assert (count.period_start, count.period_end, count.label) == (
        date(2023, 1, 1),
        date(2023, 12, 31),
        "2023",
    )


@pytest.mark.parametrize(
    "values",
    [
        {"partial": True},  # a whole year marked partial
        {"period_end": date(2025, 4, 1)},  # past the fiscal year
        {"period_start": date(2024, 3, 31)},  # before it
        {"period_start": date(2025, 3, 1), "period_end": date(2024, 5, 1)},  # backwards
        {"scope": "country"},  # a country's figure with no country
        {"count": None},  # an unknown count not explained
        {"measure": "sorties"},
        {"year": 1800},
    ],
    ids=str,
)
def test_the_database_refuses_what_the_rules_forbid(values):
    count = ActivityCountFactory(year=2024)
    refused_by_database(count.pk, **values)


def test_the_database_refuses_a_second_total_for_the_same_period():
    first = ActivityCountFactory(year=2024)
    with pytest.raises(IntegrityError), transaction.atomic():
        ActivityCount.objects.create(
            measure=first.measure, reported_by=first.reported_by, period=first.period,
            year=2024, scope="total", count=1,
        )  # fmt: skip


@pytest.mark.parametrize(
    ("fields", "field"),
    [
        ({"period_end": date(2026, 4, 1)}, "period_end"),
        ({"scope": "total", "country_code": "CN"}, "country"),
        ({"scope": "country"}, "country"),
        ({"count": None}, "count"),
        ({"count": 10, "breakdown": {"northern": 6, "southwestern": 5}}, "breakdown"),
        ({"breakdown": {"northern": -1}}, "breakdown"),
        ({"breakdown": [1, 2]}, "breakdown"),
        ({"breakdown": {"n": 2_147_483_648}}, "breakdown"),
        ({"year": 2101}, "year"),
        ({"year": 1899}, "year"),
        ({"zone_kind": "sea"}, "zone"),
    ],
    ids=str,
)
def test_clean_names_the_field_at_fault(fields, field):
    fields = dict(fields)
    code = fields.pop("country_code", None)
    if code:
        fields["country"] = factories.CountryFactory(code=code)
    kind = fields.pop("zone_kind", None)
    if kind:
        fields["zone"] = factories.RegionFactory(kind=kind)
    count = ActivityCountFactory.build(
        reported_by=factories.OrganizationFactory(), **{"year": 2025, **fields}
    )
    with pytest.raises(ValidationError) as refused:
        count.full_clean()
    assert field in refused.value.message_dict


def test_a_count_of_an_adiz_passes_clean():
    count = ActivityCountFactory.build(
        reported_by=factories.OrganizationFactory(), zone=factories.RegionFactory(kind="adiz")
    )
    count.full_clean()


def test_an_unknown_count_may_be_kept_when_the_row_says_why():
    count = ActivityCountFactory.build(
        reported_by=factories.OrganizationFactory(), count=None, as_reported="60 or 70"
    )
    count.full_clean()


def test_the_write_path_refuses_a_count_citing_no_source_and_writes_nothing():
    count = ActivityCountFactory.build(reported_by=factories.OrganizationFactory())
    with pytest.raises(ValidationError) as refused:
        save_activity_count(count, sources=[])
    assert "sources" in refused.value.message_dict
    assert not ActivityCount.objects.exists()


def test_the_write_path_saves_the_count_with_its_sources_and_a_version():
    source = factories.SourceFactory()
    count = ActivityCountFactory.build(reported_by=factories.OrganizationFactory(), year=2019)
    save_activity_count(count, sources=[source])
    assert [s.pk for s in ActivityCount.objects.get().sources] == [source.pk]
    assert count.history.count() == 1


# --- The API -----------------------------------------------------------------------------------


def test_a_count_reads_with_its_period_scope_and_sources(api_client):
    china = factories.CountryFactory(code="CN", name="China")
    count = cited(year=2025, period_end=date(2025, 9, 30), scope="country", country=china)
    body = api_client.get(f"{URL}{count.slug}/").json()
    assert body["slug"] == f"scrambles-{count.reported_by.slug}-fy2025-to-2025-09-30-cn"
    assert body["label"] == "FY2025"
    assert (body["period_start"], body["period_end"], body["partial"]) == (
        "2025-04-01",
        "2025-09-30",
        True,
    )
    assert body["country"]["code"] == "CN"
    assert body["reported_by"]["slug"] == count.reported_by.slug
    assert len(body["sources"]) == 1


def fiscal_years(api_client, query):
    answer = api_client.get(f"{URL}?{query}")
    assert answer.status_code == 200, answer.json()
    return sorted((row["label"], row["count"]) for row in answer.json()["results"])


def test_fiscal_year_filters_match_fiscal_years_only_and_year_filters_calendar_years(api_client):
    for year in (2017, 2018, 2024, 2025):
        ActivityCountFactory(year=year, count=year - 1000)
    ActivityCountFactory(period="calendar_year", year=2020, count=70)
    assert fiscal_years(api_client, "fiscal_year_min=2018&fiscal_year_max=2024") == [
        ("FY2018", 1018),
        ("FY2024", 1024),
    ]
    assert fiscal_years(api_client, "fiscal_year=2025") == [("FY2025", 1025)]
    assert fiscal_years(api_client, "year_min=2000") == [("2020", 70)]


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("country=CN", {"CN", "part"}),
        ("scope=total", {"total"}),
        ("partial=true", {"part"}),
        ("measure=adiz_entries", {"kadiz"}),
        ("zone=kadiz", {"kadiz"}),
    ],
)
def test_filters_select_by_country_scope_partial_measure_and_zone(api_client, query, expected):
    china = factories.CountryFactory(code="CN")
    kadiz = factories.RegionFactory(slug="kadiz", kind="adiz")
    rows = {
        "CN": ActivityCountFactory(year=2024, scope="country", country=china),
        "total": ActivityCountFactory(year=2024),
        "part": ActivityCountFactory(
            year=2025, period_end=date(2025, 6, 30), scope="country", country=china
        ),
        "kadiz": ActivityCountFactory(
            measure="adiz_entries", period="calendar_year", year=2020, zone=kadiz,
            scope="country", country=factories.CountryFactory(),
        ),
    }  # fmt: skip
    ids = {row["id"] for row in api_client.get(f"{URL}?{query}").json()["results"]}
    chosen = {name for name, row in rows.items() if row.pk in ids}
    assert chosen == expected


@pytest.mark.parametrize(
    "query",
    ["fiscal_year=20x4", "measure=sorties", "country=ZZ", "partial=perhaps", "scope=all"],
)
def test_a_bad_filter_value_is_a_400_naming_it(api_client, query):
    answer = api_client.get(f"{URL}?{query}")
    assert answer.status_code == 400
    assert query.split("=")[0] in answer.json()


def test_the_list_downloads_as_csv_with_a_row_per_count(api_client):
    for year in (2018, 2019):
        cited(year=year)
    answer = api_client.get(URL, {"format": "csv"})
    rows = list(csv.DictReader(io.StringIO(b"".join(answer.streaming_content).decode("utf-8-sig"))))
    assert sorted(row["label"] for row in rows) == ["FY2018", "FY2019"]
    assert all(row["sources"] for row in rows)


def test_a_list_page_costs_the_same_for_1_and_50_counts(api_client):
    def queries():
        api_client.get(URL)  # after writes, the data set's version is computed once first
        with CaptureQueriesContext(connection) as context:
            assert api_client.get(URL).status_code == 200
        return len(context.captured_queries)

    china = factories.CountryFactory()
    kadiz = factories.RegionFactory(kind="adiz")
    cited(year=1950, scope="country", country=china, zone=kadiz)
    one = queries()
    for year in range(1951, 2000):
        record = cited(year=year, scope="country", country=china, zone=kadiz)
        factories.ClaimFactory(content_object=record, field="count", value="1")
    assert queries() == one


# --- Statistics --------------------------------------------------------------------------------


def stats(api_client, **params):
    answer = api_client.get(STATS, params)
    assert answer.status_code == 200, answer.json()
    return answer.json()


def test_stats_by_fiscal_year_give_one_figure_per_year_the_longest_part_for_an_open_year(
    api_client,
):
    reporter = factories.OrganizationFactory(slug="jso")
    for year, count in ((2023, 669), (2024, 704)):
        ActivityCountFactory(reported_by=reporter, year=year, count=count)
    ActivityCountFactory(reported_by=reporter, year=2025, period_end=date(2025, 6, 30), count=157)
    ActivityCountFactory(reported_by=reporter, year=2025, period_end=date(2025, 9, 30), count=265)
    groups = stats(api_client, group_by="fiscal_year")["groups"]
    assert [(g["key"], g["count"], g["partial"]) for g in groups] == [
        ("FY2023", 669, 0),
        ("FY2024", 704, 0),
        ("FY2025", 265, 1),
    ]
    assert groups[0]["name"] == "FY2023 (April 2023 – March 2024)"


def test_stats_state_the_period_each_group_covers_so_parts_of_different_periods_stand_apart(
    api_client,
):
    china, russia = (factories.CountryFactory(code=code) for code in ("CN", "RU"))
    jso = factories.OrganizationFactory()
    ActivityCountFactory(reported_by=jso, year=2025, period_end=date(2025, 12, 31), count=448)
    for country, count in ((china, 198), (russia, 59)):
        ActivityCountFactory(
            reported_by=jso, year=2025, period_end=date(2025, 9, 30), scope="country",
            country=country, count=count,
        )  # fmt: skip
    groups = stats(api_client, group_by="fiscal_year", fiscal_year=2025)["groups"]
    assert [
        (g["key"], g["scope"], g["country"], g["count"], g["period_start"], g["period_end"])
        for g in groups
    ] == [
        ("FY2025", "country", "CN", 198, "2025-04-01", "2025-09-30"),
        ("FY2025", "country", "RU", 59, "2025-04-01", "2025-09-30"),
        ("FY2025", "total", None, 448, "2025-04-01", "2025-12-31"),
    ]
    assert all(g["partial"] == 1 for g in groups)
    answer = api_client.get(STATS, {"group_by": "fiscal_year", "format": "csv"})
    rows = list(csv.DictReader(io.StringIO(answer.content.decode("utf-8-sig"))))
    assert [(row["count"], row["period_end"], row["partial"]) for row in rows] == [
        ("198", "2025-09-30", "1"),
        ("59", "2025-09-30", "1"),
        ("448", "2025-12-31", "1"),
    ]


def test_stats_over_several_years_span_from_the_first_figure_to_the_last(api_client):
    jso = factories.OrganizationFactory()
    ActivityCountFactory(reported_by=jso, year=2018, count=900)
    ActivityCountFactory(reported_by=jso, year=2019, period_end=date(2019, 6, 30), count=9)
    (group,) = stats(api_client, group_by="country")["groups"]
    assert (group["count"], group["period_start"], group["period_end"], group["partial"]) == (
        909,
        "2018-04-01",
        "2019-06-30",
        1,
    )


def test_stats_by_country_never_add_a_total_to_its_parts(api_client):
    china = factories.CountryFactory(code="CN", name="China")
    jso = factories.OrganizationFactory()
    for year in (2018, 2019):
        ActivityCountFactory(reported_by=jso, year=year, count=900)
        ActivityCountFactory(reported_by=jso, year=year, scope="country", country=china, count=600)
    ActivityCountFactory(reported_by=jso, year=2019, scope="other", count=4)
    body = stats(api_client, group_by="country", fiscal_year_max=2019)
    assert body["activity_counts"] == 5
    assert [(g["key"], g["count"], g["figures"]) for g in body["groups"]] == [
        ("total", 1800, 2),
        ("CN", 1200, 2),
        ("other", 4, 1),
    ]


def test_stats_count_a_period_without_a_figure_as_unknown(api_client):
    country, jcs = factories.CountryFactory(), factories.OrganizationFactory()
    ActivityCountFactory(
        measure="adiz_entries", reported_by=jcs, period="calendar_year", year=2022,
        scope="country", country=country, count=None, as_reported="70 or 60",
    )  # fmt: skip
    ActivityCountFactory(
        measure="adiz_entries", reported_by=jcs, period="calendar_year", year=2021,
        scope="country", country=country, count=70, approximate=True,
    )  # fmt: skip
    (group,) = stats(api_client, group_by="measure")["groups"]
    assert (group["count"], group["figures"], group["approximate"], group["unknown"]) == (
        70,
        1,
        1,
        1,
    )


def test_stats_download_as_csv_with_a_row_per_group(api_client):
    ActivityCountFactory(year=2024, count=704)
    answer = api_client.get(STATS, {"group_by": "fiscal_year", "format": "csv"})
    rows = list(csv.DictReader(io.StringIO(answer.content.decode("utf-8-sig"))))
    assert [(row["key"], row["count"]) for row in rows] == [("FY2024", "704")]


@pytest.mark.parametrize("query", ["group_by=month", "", "group_by=year&bogus=1"])
def test_stats_refuse_an_unknown_grouping_or_parameter(api_client, query):
    assert api_client.get(f"{STATS}?{query}").status_code == 400


def test_stats_cost_one_query_whatever_the_number_of_counts(api_client):
    def queries():
        api_client.get(STATS, {"group_by": "country"})
        with CaptureQueriesContext(connection) as context:
            api_client.get(STATS, {"group_by": "country"})
        return len(context.captured_queries)

    ActivityCountFactory()
    one = queries()
    for _ in range(20):
        ActivityCountFactory(scope="country", country=factories.CountryFactory())
    assert queries() == one


def test_a_count_is_read_as_it_stood_before_a_change_and_its_versions_listed(api_client):
    count = cited(year=2024, count=700)
    before = count.history.latest().history_date.isoformat()
    count.count = 704
    count.save()
    past = api_client.get(f"{URL}{count.slug}/", {"as_of": before})
    assert past.status_code == 200, past.json()
    assert (past.json()["count"], past.json()["label"]) == (700, "FY2024")
    versions = api_client.get(f"{URL}{count.slug}/history/").json()["results"]
    assert [change["field"] for change in versions[0]["changes"]] == ["count"]
