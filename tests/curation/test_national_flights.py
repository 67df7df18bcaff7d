"""The national Russian long-range flights of the curated data set, checked against the fact sheets.

``patrols/data/patrols-national-flights.yaml`` adds the twenty flights of facts-extra.yaml's
``national_flights``; ``patrols.yaml`` holds the five ``solo_flights`` of facts.yaml. The dates
below are copied from those sheets by hand, so a flight lost, doubled or misdated in the files
fails here. The disagreements the sheet notes are kept as claims citing the source that gives
the other value.
"""

import datetime
from collections import Counter

import pytest
from django.contrib.contenttypes.models import ContentType

from patrols.figures import ReportedFigure, ZoneEntry
from patrols.models import Interception, Participation, Patrol, PatrolKind
from reference.models import Claim
from tests.core.filter_cases import listed, slugs

pytestmark = pytest.mark.django_db

NATIONAL = PatrolKind.NATIONAL_LONG_RANGE_PATROL

# facts-extra.yaml, national_flights (dates as the sheet gives them).
EXTRA_SHEET_DATES = [
    "2019-06-20",
    "2019-10-22",
    "2019-11-27",
    "2020-08-19",
    "2021-08-17",
    "2021-10-22",
    "2021-12-15",
    "2022-08-23",
    "2022-10-18",
    "2022-12-14",
    "2023-03-21",
    "2023-04-18",
    "2023-04-19",
    "2023-08-15",
    "2023-10-17",
    "2024-04-02",
    "2024-07-30",
    "2024-10-22",
    "2025-08-19",
    "2025-09-25",
]
# facts.yaml, solo_flights: the sheet above excludes these as already listed.
SOLO_SHEET_DATES = ["2021-03-11", "2024-01-16", "2025-01-30", "2025-10-24", "2026-01-21"]

SHEET_DATES = sorted(datetime.date.fromisoformat(d) for d in EXTRA_SHEET_DATES + SOLO_SHEET_DATES)


def national_flights():
    return Patrol.objects.filter(kind=NATIONAL)


def claims_on(record):
    return Claim.objects.filter(
        content_type=ContentType.objects.get_for_model(record), object_id=record.pk
    ).select_related("source")


def test_the_extra_sheet_adds_twenty_flights():
    assert len(EXTRA_SHEET_DATES) == len(set(EXTRA_SHEET_DATES)) == 20
    assert not set(EXTRA_SHEET_DATES) & set(SOLO_SHEET_DATES)


def test_the_national_flights_are_the_sheets_flights(loaded):
    found = sorted(national_flights().values_list("start_date", flat=True))

    assert found == SHEET_DATES


def test_the_national_flights_per_year_are_the_sheets(loaded):
    found = Counter(date.year for date in national_flights().values_list("start_date", flat=True))

    assert found == Counter(date.year for date in SHEET_DATES)
    assert found == {2019: 3, 2020: 1, 2021: 4, 2022: 3, 2023: 5, 2024: 4, 2025: 4, 2026: 1}


def test_each_national_flight_is_one_day_and_unnumbered(loaded):
    for patrol in national_flights():
        assert patrol.end_date == patrol.start_date, patrol.slug
        assert patrol.ordinal is None, patrol.slug


def test_every_national_flight_cites_a_source_of_its_own(loaded):
    for patrol in national_flights():
        own = patrol.citations.filter(inherited=False)
        assert own.exists(), f"{patrol.slug} cites no source"


def test_every_record_of_a_national_flight_cites_a_source(loaded):
    for patrol in national_flights().prefetch_related(
        "participations", "interceptions", "statements"
    ):
        for record in patrol.source_heirs():
            assert record.citations.exists(), f"{patrol.slug}: {record} cites no source"


def test_each_national_flight_has_a_bomber(loaded):
    for patrol in national_flights():
        assert patrol.participations.filter(role="bomber").exists(), patrol.slug


@pytest.mark.parametrize(
    ("patrol_slug", "field", "value", "source"),
    [
        # Japan's MoD: 2 Tu-95; NHK via Defence Blog: 3 Tu-95MS.
        ("tu-95ms-flight-2019-06-20", "count", "3", "defenceblog-nhk-three-bombers-2019-06"),
    ],
)
def test_a_count_the_sources_disagree_on_keeps_the_other_as_a_claim(
    loaded, patrol_slug, field, value, source
):
    bombers = Participation.objects.get(
        patrol__slug=patrol_slug, aircraft_type__slug="tu-95ms", role="bomber"
    )

    assert bombers.count == 2
    assert [(c.field, c.value, c.source.slug) for c in claims_on(bombers)] == [
        (field, value, source)
    ]


def test_a_fighter_type_the_sources_disagree_on_keeps_the_other_as_a_claim(loaded):
    # ROK MND: three Su-27 (no type record: described); a Korean report: Su-35S.
    fighters = Participation.objects.get(
        patrol__slug="tu-95ms-flight-2019-10-22", role="escort", aircraft_type=None
    )

    assert (fighters.aircraft_description, fighters.count) == ("Su-27 fighters", 3)
    assert [(c.field, c.value) for c in claims_on(fighters)] == [("aircraft_type", "su-35s")]


def test_an_escort_type_only_the_russian_side_names_is_a_claim(loaded):
    # 2022-08-23: the Russian MoD says ROK F-16s escorted; the ROK did not confirm the type.
    response = Interception.objects.get(
        patrol__slug="tu-95ms-flight-2022-08-23", responder__slug="rokaf"
    )

    assert response.aircraft_type is None
    assert [(c.field, c.value) for c in claims_on(response)] == [("aircraft_type", "f-16")]


def test_a_kadiz_count_the_sources_disagree_on_is_a_claim_on_the_entry(loaded):
    # 2020-08-19: two aircraft in the KADIZ (Asia Economy) against six (SBS).
    entry = ZoneEntry.objects.get(patrol__slug="tu-95ms-flight-2020-08-19", zone__slug="kadiz")

    assert (entry.aircraft_count, entry.confidence) == (2, "disputed")
    assert entry.entered_at is None  # "about 11:50" is no exact time
    assert [(c.field, c.value, c.source.slug) for c in claims_on(entry)] == [
        ("aircraft_count", "6", "tellerreport-sbs-kadiz-2020-08")
    ]


def test_the_api_lists_the_2019_national_flights(api_client, loaded):
    found = slugs(listed(api_client, "patrols", f"kind={NATIONAL}&year=2019"))

    assert found == {
        "tu-95ms-flight-2019-06-20",
        "tu-95ms-flight-2019-10-22",
        "tu-95ms-flight-2019-11-27",
    }


def test_the_api_lists_the_tu22m3_flight_among_the_2023_national_flights(api_client, loaded):
    found = slugs(listed(api_client, "patrols", f"kind={NATIONAL}&year=2023"))

    assert found == {
        "tu-95ms-flight-2023-03-21",
        "tu-95ms-flight-2023-04-18",
        "tu-22m3-flight-2023-04-19",
        "tu-95ms-flight-2023-08-15",
        "tu-95ms-flight-2023-10-17",
    }


@pytest.mark.parametrize(
    ("patrol_slug", "value", "qualifier"),
    [
        ("tu-95ms-flight-2019-06-20", 14, "more_than"),
        ("tu-95ms-flight-2021-08-17", 9, "about"),
        ("tu-95ms-flight-2025-09-25", 14, "more_than"),
    ],
)
def test_a_duration_the_sheet_gives_is_a_reported_figure(loaded, patrol_slug, value, qualifier):
    figure = ReportedFigure.objects.get(patrol__slug=patrol_slug, quantity="duration_hours")

    assert (figure.value, figure.qualifier) == (value, qualifier)
    assert figure.citations.exists()


def test_flights_the_sheet_gives_no_duration_for_have_none(loaded):
    without = {
        "tu-95ms-flight-2019-10-22",
        "tu-95ms-flight-2023-04-18",
        "tu-22m3-flight-2023-04-19",
    }
    extra = national_flights().filter(
        start_date__in=[datetime.date.fromisoformat(d) for d in EXTRA_SHEET_DATES]
    )
    timed = set(
        ReportedFigure.objects.filter(patrol__in=extra, quantity="duration_hours").values_list(
            "patrol__slug", flat=True
        )
    )

    assert timed == set(extra.values_list("slug", flat=True)) - without


def test_the_rok_count_of_the_october_2019_kadiz_entry_is_kept_with_its_time(loaded):
    entry = ZoneEntry.objects.get(patrol__slug="tu-95ms-flight-2019-10-22", zone__slug="kadiz")

    assert (entry.aircraft_count, entry.count_qualifier) == (6, "exact")
    assert entry.entered_at == datetime.datetime.fromisoformat("2019-10-22T09:23:00+09:00")
    assert entry.reported_by.slug == "rok-ministry-of-national-defense"
