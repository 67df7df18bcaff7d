"""The curated data set: it loads, loads again without change, respects curators, and holds up."""

import datetime as dt

import pytest
from django.apps import apps

from aircraft.models import AircraftCapability, AircraftType
from curation import integrity
from patrols.models import Participation, Patrol, PatrolKind, Statement
from reference.models import (
    Claim,
    Confidence,
    Organization,
    Reliability,
    Source,
    SourcedModel,
    SourceKind,
)

pytestmark = pytest.mark.django_db

JOINT_PATROL_DATES = {
    1: ("2019-07-23", "2019-07-23"),
    2: ("2020-12-22", "2020-12-22"),
    3: ("2021-11-19", "2021-11-19"),
    4: ("2022-05-24", "2022-05-24"),
    5: ("2022-11-30", "2022-11-30"),
    6: ("2023-06-06", "2023-06-07"),
    7: ("2023-12-14", "2023-12-14"),
    8: ("2024-07-24", "2024-07-25"),
    9: ("2024-11-29", "2024-11-30"),
    10: ("2025-12-09", "2025-12-09"),
    11: ("2026-06-27", "2026-06-27"),
}
# facts.yaml's solo flights and facts-extra.yaml's national flights, by date.
NATIONAL_FLIGHT_DATES = [
    "2019-06-20", "2019-10-22", "2019-11-27", "2020-08-19", "2021-03-11", "2021-08-17",
    "2021-10-22", "2021-12-15", "2022-08-23", "2022-10-18", "2022-12-14", "2023-03-21",
    "2023-04-18", "2023-04-19", "2023-08-15", "2023-10-17", "2024-01-16", "2024-04-02",
    "2024-07-30", "2024-10-22", "2025-01-30", "2025-08-19", "2025-09-25", "2025-10-24",
    "2026-01-21",
]  # fmt: skip


def sourced_models():
    return [model for model in apps.get_models() if issubclass(model, SourcedModel)]


def iso(day):
    return day.isoformat() if day else None


def test_the_eleven_joint_patrols_load_with_the_sheets_ordinals_and_dates(loaded):
    joint = Patrol.objects.filter(kind=PatrolKind.JOINT_STRATEGIC_PATROL)
    got = {p.ordinal: (iso(p.start_date), iso(p.end_date)) for p in joint}
    assert got == {n: (start, end) for n, (start, end) in JOINT_PATROL_DATES.items()}


def test_the_national_bomber_flights_load_with_their_dates(loaded):
    national = Patrol.objects.filter(kind=PatrolKind.NATIONAL_LONG_RANGE_PATROL)
    assert sorted(iso(p.start_date) for p in national) == NATIONAL_FLIGHT_DATES
    for patrol in national:
        assert patrol.ordinal is None
        # bombers: Tu-95MS, and the eight Tu-22M3 of 19 April 2023
        assert patrol.participations.filter(role="bomber").exists()


def test_ordinals_are_unique_and_follow_the_dates(loaded):
    joint = list(Patrol.objects.filter(kind=PatrolKind.JOINT_STRATEGIC_PATROL).order_by("ordinal"))
    assert [p.ordinal for p in joint] == list(range(1, 12))
    starts = [p.start_date for p in joint]
    assert starts == sorted(starts)


def test_every_joint_patrol_has_participations_from_at_least_two_countries(loaded):
    for patrol in Patrol.objects.filter(kind=PatrolKind.JOINT_STRATEGIC_PATROL).with_summary():
        codes = {c.code for c in patrol.countries}
        assert {"CN", "RU"} <= codes, patrol
        assert patrol.is_joint and patrol.country_count >= 2


def test_every_fact_record_cites_at_least_one_source(loaded):
    for model in sourced_models():
        uncited = model.objects.with_source_count().filter(source_count=0)
        assert not uncited.exists(), f"{model.__name__}: {list(uncited[:5])}"
        assert model.objects.exists() or model._meta.model_name == "inventory", model


def test_the_curated_data_passes_every_whole_data_set_check(loaded):
    assert integrity.problems() == []


def test_confidence_follows_the_sheet(loaded):
    # high → confirmed (joint patrol 1), medium → reported (joint patrol 11), low → claimed.
    assert Patrol.objects.get(ordinal=1).confidence == Confidence.CONFIRMED
    assert Patrol.objects.get(ordinal=11).confidence == Confidence.REPORTED
    assert AircraftType.objects.get(slug="a-50").confidence == Confidence.CLAIMED


def test_unknown_values_stay_empty(loaded):
    h6k = AircraftType.objects.get(slug="h-6k")
    assert h6k.first_flight is None and h6k.max_speed_kmh is None and h6k.crew is None
    eleventh = Patrol.objects.get(ordinal=11)
    assert all(p.count is None for p in eleventh.participations.all())


def test_known_figures_come_through_unchanged(loaded):
    tu95ms = AircraftType.objects.get(slug="tu-95ms")
    assert (tu95ms.max_speed_kmh, tu95ms.range_km, tu95ms.crew) == (920, 15000, 7)
    assert tu95ms.variant_of.slug == "tu-95"
    assert tu95ms.nato_name == "Bear-H"
    assert AircraftType.objects.get(slug="h-6n").variant_of.slug == "h-6"


def test_where_sources_disagree_the_record_keeps_both(loaded):
    tu160 = AircraftType.objects.get(slug="tu-160")
    assert tu160.first_flight == dt.date(1981, 12, 18)
    assert tu160.claims.filter(field="first_flight", value__contains="1981-12-10").exists()
    assert tu160.is_disputed

    alaska = Patrol.objects.get(ordinal=8)
    assert alaska.start_date == dt.date(2024, 7, 24)
    assert alaska.claims.filter(field="start_date", value__contains="2024-07-25").exists()

    j16 = Participation.objects.get(patrol__ordinal=10, aircraft_type__slug="j-16")
    assert j16.count == 4
    assert j16.claims.filter(field="count", value__contains="8").exists()
    assert Participation.objects.disputed().filter(pk=j16.pk).exists()


def test_the_seed_article_is_a_low_grade_opinion_source_with_its_claims_recorded(loaded):
    article = Source.objects.get(slug="toutiao-seed-article")
    assert article.kind == SourceKind.OPINION
    assert article.reliability in (Reliability.E, Reliability.F)

    flight = Patrol.objects.get(slug="tu-95ms-flight-2026-01-21")
    assert article in flight.sources

    protest = Statement.objects.get(patrol=flight, kind="protest")
    assert protest.confidence == Confidence.DISPUTED
    assert protest.sources == [article]
    announcement = Statement.objects.get(
        patrol=flight, kind="announcement", organization=protest.organization
    )
    assert announcement.confidence == Confidence.CONFIRMED
    assert article not in announcement.sources
    assert protest.organization.slug == "russian-ministry-of-defence"

    crews = Organization.objects.get(slug="russian-long-range-aviation").claims.get(source=article)
    assert crews.confidence == Confidence.CLAIMED
    nuclear = AircraftCapability.objects.get(
        aircraft_type__slug="tu-95ms", capability__slug="nuclear-strike"
    )
    assert article in nuclear.sources


def test_the_opinion_piece_is_cited_only_for_what_it_said(loaded):
    article = Source.objects.get(slug="toutiao-seed-article")
    citing = {type(c.content_object).__name__ for c in article.citations.all()}
    assert citing == {"Patrol", "Statement", "AircraftCapability"}
    for citation in article.citations.all():
        record = citation.content_object
        if isinstance(record, Statement):
            assert record.kind == "protest"
        if isinstance(record, AircraftCapability):
            assert record.aircraft_type.slug == "tu-95ms"


def test_every_claim_names_a_real_field_of_its_record(loaded):
    for claim in Claim.objects.all():
        claim.full_clean()
