"""The record-by-record audit's corrections hold in the curated data as loaded.

Each test names the audited entry (facts-extra.yaml, ``corrections:``) and checks the record as
the loader writes it: which pages it cites, which value it prefers and which it keeps as a claim.
"""

import pytest

from aircraft.models import AircraftType, Weapon
from patrols.models import Interception, Participation, Patrol, Statement
from reference.models import Confidence, Source

pytestmark = pytest.mark.django_db

ELEVENTH = "joint-patrol-11"
COLUMN, BRIEF = "doyou-column-2026", "chinadailybrief-2026"


def slugs(record):
    return {source.slug for source in record.sources}


def eleventh(aircraft_type):
    return Participation.objects.get(patrol__slug=ELEVENTH, aircraft_type__slug=aircraft_type)


@pytest.mark.parametrize("aircraft_type", ["h-6k", "j-16", "j-10c", "j-11", "kj-500a"])
def test_the_11th_patrols_aircraft_named_by_both_pages_cite_both_and_nothing_else(
    loaded, aircraft_type
):
    assert slugs(eleventh(aircraft_type)) == {COLUMN, BRIEF}


@pytest.mark.parametrize(
    "aircraft_type", ["tu-95ms", "tu-142", "a-50u", "il-78m", "su-30", "y-9g", "y-9z", "yy-20a"]
)
def test_the_11th_patrols_aircraft_named_by_the_column_alone_cite_it_alone(loaded, aircraft_type):
    assert slugs(eleventh(aircraft_type)) == {COLUMN}


def test_no_record_of_the_11th_patrol_inherits_all_its_sources(loaded):
    patrol = Patrol.objects.get(slug=ELEVENTH)
    for heir in patrol.source_heirs():
        assert not heir.sources_inherited, heir
        assert slugs(heir) < slugs(patrol), heir


def test_the_11th_patrols_j11_keeps_china_daily_briefs_j11b_as_a_claim(loaded):
    claim = eleventh("j-11").claims.get(field="aircraft_type")
    assert (claim.value, claim.source.slug) == ("j-11b", BRIEF)


def test_the_11th_patrols_japanese_scramble_and_concern_cite_one_aggregator_as_claims(loaded):
    scramble = Interception.objects.get(patrol__slug=ELEVENTH, responder__slug="jasdf")
    concern = Statement.objects.get(slug="joint-patrol-11-jp-concern")
    for record in (scramble, concern):
        assert slugs(record) == {BRIEF}
        assert record.confidence == Confidence.CLAIMED


def test_the_tu95ms_preferred_range_and_payload_cite_the_page_that_gives_them(loaded):
    tu95ms = AircraftType.objects.get(slug="tu-95ms")
    assert (tu95ms.range_km, tu95ms.payload_kg) == (15000, 15000)
    assert "historywarsweapons-tu-95" in slugs(tu95ms)
    assert tu95ms.claims.filter(field="range_km", value="12500").exists()


def test_the_su35s_keeps_formal_acceptance_and_claims_its_first_deliveries(loaded):
    su35s = AircraftType.objects.get(slug="su-35s")
    assert su35s.service_entry_year == 2017
    first_deliveries = su35s.claims.get(field="service_entry_year")
    assert first_deliveries.value == "2012"
    assert "December 2012" in first_deliveries.note
    assert first_deliveries.source.slug == "pedroluzcunha-ria-su-35s-2013"


def test_the_kh55_is_nuclear_capable_citing_the_cherry_m_page(loaded):
    kh55 = Weapon.objects.get(slug="kh-55")
    assert kh55.nuclear_capable is True
    assert "cherry-m-tu-95" in slugs(kh55)
    assert Source.objects.get(slug="cherry-m-tu-95").url == "http://cherry-m.chat.ru/air_07e.htm"


def test_the_march_2021_flight_has_its_su35s_escort_and_jasdf_f15s_from_tass(loaded):
    flight = Patrol.objects.get(slug="tu-95ms-flight-2021-03-11")
    tass = "tass-tu95ms-flight-2021-03"
    assert Source.objects.get(slug=tass).url == "https://tass.com/defense/1264769"
    assert tass in slugs(flight)
    escort = flight.participations.get(aircraft_type__slug="su-35s")
    assert (escort.role, slugs(escort)) == ("escort", {tass})
    f15 = flight.interceptions.get(responder__slug="jasdf")
    assert f15.aircraft_type.slug == "f-15j"
    assert tass in slugs(f15)
    assert "more than 9 hours" in flight.summary


def test_the_january_2026_flight_carries_the_sbs_report(loaded):
    flight = Patrol.objects.get(slug="tu-95ms-flight-2026-01-21")
    sbs = "sbs-kadiz-2026-01"
    assert sbs in slugs(flight)
    rokaf = flight.interceptions.get(responder__slug="rokaf")
    assert (rokaf.region.slug, slugs(rokaf)) == ("kadiz", {sbs})
    bombers = flight.participations.get(aircraft_type__slug="tu-95ms")
    assert bombers.count is None
    assert bombers.claims.get(field="count", source__slug=sbs).value == "6"


def test_the_seed_article_is_recorded_as_chinese_in_translation(loaded):
    article = Source.objects.get(slug="toutiao-seed-article")
    assert article.language == "zh"
    assert "English translation" in article.notes


@pytest.mark.parametrize("ordinal", [1, 4, 5, 6, 7, 9, 10])
def test_the_joint_staff_offices_announcement_is_recorded_with_the_sources_that_quote_it(
    loaded, ordinal
):
    statement = Statement.objects.get(
        patrol__ordinal=ordinal, organization__slug="japan-joint-staff"
    )
    assert statement.kind == "announcement"
    assert statement.slug == f"joint-patrol-{ordinal}-jso"
    assert not statement.sources_inherited
    assert slugs(statement) <= slugs(statement.patrol)


def test_the_alaska_patrol_has_no_joint_staff_announcement_as_no_source_reports_one(loaded):
    assert not Statement.objects.filter(
        patrol__ordinal=8, organization__slug="japan-joint-staff"
    ).exists()


def test_the_3rd_patrols_jasdf_interception_keeps_the_kremlins_f16_as_a_claim(loaded):
    jasdf = Interception.objects.get(patrol__ordinal=3, responder__slug="jasdf")
    assert jasdf.aircraft_type is None
    f16 = jasdf.claims.get(field="aircraft_type", value="f-16")
    assert f16.source.slug == "urdupoint-sputnik-putin-briefed-2021"
    assert f16.confidence == Confidence.CLAIMED
    assert f16.source.url.endswith("putin-briefed-about-joint-russia-china-aviati-1405471.html")
