"""The curated activity counts (patrols/data/patrols-activity-counts.yaml) hold the fact sheet's
scramble statistics and KADIZ-entry figures: every number as the sheet gives it, nothing filled
in where it gives none, each figure citing its sources."""

from datetime import date

import pytest

from curation.activity_integrity import activity_count_problems
from curation.integrity import problems
from patrols.activity import ActivityCount

pytestmark = pytest.mark.usefixtures("loaded")

URL = "/api/v1/activity-counts/"

# The JASDF's scrambles per fiscal year, as the sheet gives them: (total, China, Russia).
SHEET_SCRAMBLES = {
    2018: (999, 638, 343),
    2019: (947, 675, 268),
    2020: (725, 458, 258),
    2021: (1004, 722, 266),
    2022: (778, 575, 150),
    2023: (669, 479, 174),
    2024: (704, 464, 237),
}


def scrambles(**filters):
    return ActivityCount.objects.filter(
        measure="scrambles", reported_by__slug="japan-joint-staff", period="fiscal_year", **filters
    )


def test_every_full_fiscal_year_total_and_country_figure_is_the_sheets():
    found = {}
    for count in scrambles(partial=False).select_related("country"):
        key = count.country.code if count.country else count.scope
        found.setdefault(count.year, {})[key] = count.count
    assert {year: (f["total"], f["CN"], f["RU"]) for year, f in found.items()} == SHEET_SCRAMBLES


def test_other_figures_are_given_only_where_the_sheet_gives_them():
    others = {c.year: c.count for c in scrambles(scope="other")}
    assert others == {2019: 4, 2022: 53}


def test_fy2025_has_partial_figures_only_each_with_its_period():
    fy2025 = scrambles(year=2025).select_related("country")
    assert all(count.partial for count in fy2025)
    found = {(c.period_end, c.country.code if c.country else c.scope): c.count for c in fy2025}
    assert found == {
        (date(2025, 6, 30), "total"): 157,
        (date(2025, 6, 30), "CN"): 122,
        (date(2025, 6, 30), "RU"): 32,
        (date(2025, 9, 30), "total"): 265,
        (date(2025, 9, 30), "CN"): 198,
        (date(2025, 9, 30), "RU"): 59,
        (date(2025, 12, 31), "total"): 448,
    }
    assert {c.period_start for c in fy2025} == {date(2025, 4, 1)}


def test_one_call_gives_the_seven_chinese_figures(api_client):
    answer = api_client.get(
        URL,
        {"measure": "scrambles", "country": "CN", "fiscal_year_min": 2018, "fiscal_year_max": 2024},
    )
    assert answer.status_code == 200
    rows = answer.json()["results"]
    assert [(row["label"], row["count"]) for row in rows] == [
        (f"FY{year}", figures[1]) for year, figures in SHEET_SCRAMBLES.items()
    ]
    assert all(row["sources"] and not row["partial"] for row in rows)


def test_the_stats_sum_the_seven_chinese_figures(api_client):
    answer = api_client.get(
        f"{URL}stats/",
        {"group_by": "country", "measure": "scrambles", "country": "CN"}
        | {"fiscal_year_min": 2018, "fiscal_year_max": 2024},
    )
    (group,) = answer.json()["groups"]
    assert (group["count"], group["figures"], group["partial"]) == (
        sum(figures[1] for figures in SHEET_SCRAMBLES.values()),
        7,
        0,
    )


def test_kadiz_figures_are_rounded_as_published_and_the_disputed_ones_stay_empty():
    entries = ActivityCount.objects.filter(measure="adiz_entries", partial=False).select_related(
        "country", "zone"
    )
    assert {c.zone.slug for c in entries} == {"kadiz"}
    found = {(c.year, c.country.code): c for c in entries}
    assert found[2018, "CN"].count == 140 and found[2018, "CN"].approximate
    assert found[2018, "CN"].as_reported == "140여 회"
    for key in ((2022, "CN"), (2020, "RU")):
        disputed = found[key]
        assert disputed.count is None
        assert disputed.confidence == "disputed"
        assert {claim.field for claim in disputed.claims.all()} == {"count"}
        assert disputed.claims.count() >= 2


def test_the_first_quarter_of_2023_is_exact_and_partial():
    quarter = ActivityCount.objects.filter(
        measure="adiz_entries", year=2023, period_end=date(2023, 3, 31)
    ).select_related("country")
    assert {(c.country.code, c.count, c.approximate, c.partial) for c in quarter} == {
        ("CN", 25, False, True),
        ("RU", 2, False, True),
    }


def test_every_count_cites_a_source_and_the_data_set_holds_up():
    assert (
        ActivityCount.objects.count()
        == ActivityCount.objects.filter(citations__isnull=False).distinct().count()
    )
    assert list(activity_count_problems()) == []
    assert [line for line in problems() if "activity" in line] == []
