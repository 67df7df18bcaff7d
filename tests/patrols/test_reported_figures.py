"""Reported figures: a patrol's duration, distance and aircraft in all, as the sources word them,
and what they make of a patrol's aircraft count ("more than 10" is at least 11, never 0)."""

from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from patrols.figures import Qualifier, aircraft_figures, guaranteed_aircraft, lower_bound
from patrols.models import Patrol, ReportedFigure
from tests import factories

pytestmark = pytest.mark.django_db

API = "/api/v1"
FIGURES = f"{API}/reported-figures/"
PATROLS = f"{API}/patrols/"
STATS = f"{PATROLS}stats/"


# --- What a figure guarantees --------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "qualifier", "bound"),
    [
        (10, Qualifier.MORE_THAN, 11),
        (Decimal("10.5"), Qualifier.MORE_THAN, 11),
        (10, Qualifier.AT_LEAST, 10),
        (17, Qualifier.EXACT, 17),
        (10, Qualifier.ABOUT, None),
    ],
)
def test_a_figure_guarantees_what_its_wording_says(value, qualifier, bound):
    assert lower_bound(value, qualifier) == bound


@pytest.mark.parametrize(
    ("participations", "totals", "entries", "at_least", "by_country"),
    [
        # Zone entries of two countries add up: 4 Chinese and 15 Russian aircraft in the KADIZ.
        ([("CN", 2), ("RU", 2), ("RU", 3)], [], [("CN", 4, "exact"), ("RU", 15, "exact")],
         19, {"CN": 4, "RU": 15}),
        # One country's entries never do: it may be the same aircraft entering again.
        ([("RU", None)], [], [("RU", 6, "exact"), ("RU", 9, "at_least")], 9, {"RU": 9}),
        # A country's own total; an every-participant total only in all.
        ([("RU", 2)], [("RU", 6, "exact"), (None, 5, "more_than")], [], 6, {"RU": 6}),
        ([("RU", 2), ("CN", 2)], [(None, 10, "more_than")], [], 11, {"RU": 2, "CN": 2}),
        # "About" guarantees nothing; the known counts stand.
        ([("CN", 3)], [("CN", 10, "about"), (None, 20, "about")], [("CN", 12, "about")],
         3, {"CN": 3}),
        ([("CN", None)], [], [("CN", None, None)], 0, {"CN": 0}),
    ],
    ids=["entries-of-two-countries", "entries-of-one", "country-total", "all-total", "about",
         "unknown"],
)  # fmt: skip
def test_one_rule_for_how_many_aircraft_at_least(
    participations, totals, entries, at_least, by_country
):
    assert guaranteed_aircraft(participations, totals, entries) == (at_least, by_country)


@pytest.mark.parametrize(
    "participations",
    [[], [("RU", 2), ("RU", None), ("CN", 3)], [("CN", None)], [(None, 4), ("RU", 1)]],
    ids=["none", "two-countries-one-unknown", "only-unknown", "no-country"],
)
@pytest.mark.parametrize(
    ("totals", "entries"),
    [([], []), ([(None, 9, "at_least", None)], []), ([], [("RU", 7, "exact")])],
    ids=["counts-only", "a-total", "an-entry"],
)
def test_a_patrols_aircraft_figures_follow_the_one_rule(participations, totals, entries):
    figures = aircraft_figures(participations, totals, entries)
    at_least, _ = guaranteed_aircraft(participations, [t[:3] for t in totals], entries)
    counts = [count for _, count in participations]
    assert figures["aircraft_at_least"] == at_least
    assert figures["aircraft_known_minimum"] == sum(c for c in counts if c is not None)
    assert figures["participations_with_unknown_count"] == counts.count(None)


# --- Rules ---------------------------------------------------------------------------------------


def test_a_negative_figure_is_refused_by_the_database():
    figure = factories.ReportedFigureFactory()
    figure.value = -1
    with pytest.raises(IntegrityError), transaction.atomic():
        figure.save()


@pytest.mark.parametrize(("field", "value"), [("quantity", "speed_kmh"), ("qualifier", "roughly")])
def test_an_unknown_quantity_or_qualifier_is_refused_by_the_database(field, value):
    figure = factories.ReportedFigureFactory()
    setattr(figure, field, value)
    with pytest.raises(IntegrityError), transaction.atomic():
        figure.save()


def test_aircraft_are_counted_in_whole_numbers():
    figure = factories.ReportedFigureFactory.build(
        patrol=factories.PatrolFactory(), quantity="aircraft_total", value=Decimal("10.5")
    )
    with pytest.raises(ValidationError) as refused:
        figure.full_clean()
    assert "value" in refused.value.message_dict


# --- A patrol's aircraft -------------------------------------------------------------------------


def patrol_with_unknown_counts():
    patrol = factories.PatrolFactory(slug="eleventh")
    factories.CitationFactory(content_object=patrol)
    factories.ParticipationFactory(patrol=patrol, count=None)
    factories.ParticipationFactory(patrol=patrol, count=None, role="escort")
    return patrol


def test_a_reported_total_lifts_the_count_above_the_known_minimum(api_client):
    patrol = patrol_with_unknown_counts()
    jcs = factories.OrganizationFactory(slug="rok-jcs", name="ROK JCS")
    factories.ReportedFigureFactory(
        patrol=patrol, quantity="aircraft_total", value=10, qualifier="more_than", reported_by=jcs
    )
    factories.ReportedFigureFactory(  # one country's total: not every participant's, and less
        patrol=patrol, quantity="aircraft_total", value=6, qualifier="exact",
        country=factories.CountryFactory(),
    )  # fmt: skip

    for shown in (
        api_client.get(PATROLS).json()["results"][0],
        api_client.get(f"{PATROLS}eleventh/").json(),
    ):
        assert shown["aircraft_known_minimum"] == 0
        assert shown["participations_with_unknown_count"] == 2
        assert shown["aircraft_reported_total"] == 10
        assert shown["aircraft_reported_total_qualifier"] == "more_than"
        assert shown["aircraft_reported_total_by"]["slug"] == "rok-jcs"
        assert shown["aircraft_at_least"] == 11


def test_an_approximate_total_guarantees_nothing_and_a_larger_known_count_wins(api_client):
    patrol = factories.PatrolFactory(slug="counted")
    factories.ParticipationFactory(patrol=patrol, count=4)
    factories.ReportedFigureFactory(
        patrol=patrol, quantity="aircraft_total", value=10, qualifier="about"
    )
    factories.ReportedFigureFactory(
        patrol=patrol, quantity="aircraft_total", value=3, qualifier="exact"
    )
    shown = api_client.get(f"{PATROLS}counted/").json()
    assert (shown["aircraft_reported_total"], shown["aircraft_reported_total_qualifier"]) == (
        10,
        "about",
    )
    assert shown["aircraft_at_least"] == 4


def test_the_statistics_answer_how_many_aircraft_at_least(api_client):
    patrol = patrol_with_unknown_counts()
    patrol.start_date = patrol.start_date.replace(year=2026)
    patrol.save()
    factories.ReportedFigureFactory(
        patrol=patrol, quantity="aircraft_total", value=10, qualifier="more_than"
    )
    counted = factories.PatrolFactory(start_date=patrol.start_date)
    factories.ParticipationFactory(patrol=counted, count=2)

    body = api_client.get(STATS, {"group_by": "year", "year": 2026}).json()

    [group] = body["groups"]
    assert group["aircraft_known_minimum"] == 2
    assert group["aircraft_at_least"] == 13
    assert group["patrols_with_unknown_count"] == 1
    assert group["patrols_with_reported_total"] == 1


def test_a_country_group_counts_that_countrys_reported_totals(api_client):
    russia = factories.CountryFactory(code="RU", code3="RUS", name="Russia")
    patrol = factories.PatrolFactory()
    factories.ParticipationFactory(
        patrol=patrol, count=2, operator=factories.OrganizationFactory(country=russia)
    )
    factories.ReportedFigureFactory(
        patrol=patrol, quantity="aircraft_total", value=6, qualifier="exact", country=russia
    )
    body = api_client.get(STATS, {"group_by": "country"}).json()
    [group] = body["groups"]
    assert (group["aircraft_known_minimum"], group["aircraft_at_least"]) == (2, 6)
    types = api_client.get(STATS, {"group_by": "aircraft_type"}).json()["groups"]
    assert [(g["aircraft_at_least"], g["patrols_with_reported_total"]) for g in types] == [(2, 0)]


def test_a_one_country_flights_total_counts_on_the_patrol_and_in_every_grouping(api_client):
    """A one-country flight's own total (as on 2024-10-22): the patrol, its year and its country
    all say at least 8."""
    russia = factories.CountryFactory(code="RU", code3="RUS", name="Russia")
    patrol = factories.PatrolFactory(slug="national", start_date="2024-10-22")
    factories.ParticipationFactory(
        patrol=patrol, count=2, operator=factories.OrganizationFactory(country=russia)
    )
    factories.ReportedFigureFactory(
        patrol=patrol, quantity="aircraft_total", value=8, qualifier="exact", country=russia
    )
    for shown in (
        api_client.get(PATROLS).json()["results"][0],
        api_client.get(f"{PATROLS}national/").json(),
    ):
        assert (shown["aircraft_known_minimum"], shown["aircraft_at_least"]) == (2, 8)
        assert shown["aircraft_reported_total"] is None  # no every-participant total
    for group_by in ("year", "country"):
        [group] = api_client.get(STATS, {"group_by": group_by}).json()["groups"]
        assert (group["aircraft_known_minimum"], group["aircraft_at_least"]) == (2, 8), group_by


def varied_patrols():
    """Patrols whose aircraft are known each a different way: counts, a country's total, zone
    entries (of two countries, and twice of one), an approximate total, nothing."""
    russia = factories.CountryFactory(code="RU", code3="RUS", name="Russia")
    china = factories.CountryFactory(code="CN", code3="CHN", name="China")
    kadiz = factories.RegionFactory(kind="adiz")
    operators = {c: factories.OrganizationFactory(country=c) for c in (russia, china)}

    def patrol(year, counts, totals=(), entries=()):
        made = factories.PatrolFactory(start_date=f"{year}-05-24")
        for country, count in counts:
            factories.ParticipationFactory(patrol=made, count=count, operator=operators[country])
        for country, value, qualifier in totals:
            factories.ReportedFigureFactory(
                patrol=made, quantity="aircraft_total", value=value, qualifier=qualifier,
                country=country,
            )  # fmt: skip
        for country, count, qualifier in entries:
            factories.ZoneEntryFactory(
                patrol=made, zone=kadiz, country=country, aircraft_count=count,
                count_qualifier=qualifier,
            )  # fmt: skip

    patrol(2019, [(russia, 2), (china, 2)])
    patrol(2020, [(russia, None), (china, 2)], entries=[(china, 4, "exact"), (russia, 15, "exact")])
    patrol(2020, [(russia, 1)], entries=[(russia, 6, "exact"), (russia, 9, "more_than")])
    patrol(2024, [(russia, 2)], totals=[(russia, 8, "exact")])
    patrol(2024, [(china, 3)], totals=[(china, 30, "about")], entries=[(china, 12, "about")])
    patrol(2025, [(china, None)])
    # 4 + (4 + 15) + 10 + 8 + 3 + 0
    return 44


@pytest.mark.parametrize("group_by", ["year", "fiscal_year", "month", "country"])
def test_periods_and_countries_count_the_same_aircraft(api_client, group_by):
    expected = varied_patrols()
    groups = api_client.get(STATS, {"group_by": group_by}).json()["groups"]
    assert sum(group["aircraft_at_least"] for group in groups) == expected
    patrols = api_client.get(PATROLS, {"page_size": 50}).json()["results"]
    assert sum(patrol["aircraft_at_least"] for patrol in patrols) == expected


# --- Their own resource and the patrol filters ----------------------------------------------------


def test_a_figure_shows_a_whole_value_as_a_whole_number_and_others_as_decimals(api_client):
    factories.ReportedFigureFactory(value=13)
    factories.ReportedFigureFactory(value=Decimal("5.5"))
    values = sorted(row["value"] for row in api_client.get(FIGURES).json()["results"])
    assert values == [5.5, 13]
    assert isinstance(values[1], int)


def test_a_figure_is_written_with_its_sources(curator_api_client):
    patrol = factories.PatrolFactory()
    source = factories.SourceFactory()
    response = curator_api_client.post(
        FIGURES,
        {
            "patrol": patrol.slug,
            "quantity": "distance_km",
            "value": 9000,
            "qualifier": "about",
            "sources": [source.slug],
        },
        format="json",
    )
    assert response.status_code == 201, response.json()
    assert response.json()["value"] == 9000
    assert ReportedFigure.objects.get().value == Decimal("9000")


def test_a_negative_value_is_a_400_naming_the_field(curator_api_client):
    response = curator_api_client.post(
        FIGURES,
        {"patrol": factories.PatrolFactory().slug, "quantity": "duration_hours", "value": -2},
        format="json",
    )
    assert response.status_code == 400
    assert "value" in response.json()


def test_figures_filter_by_quantity_and_all_participants(api_client):
    factories.ReportedFigureFactory(quantity="aircraft_total", value=17, qualifier="exact")
    factories.ReportedFigureFactory(
        quantity="aircraft_total", value=6, country=factories.CountryFactory()
    )
    factories.ReportedFigureFactory(quantity="duration_hours", value=8)
    rows = api_client.get(
        FIGURES, {"quantity": "aircraft_total", "all_participants": "true"}
    ).json()["results"]
    assert [row["value"] for row in rows] == [17]


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({"duration_hours_min": 11}, {"long"}),
        ({"duration_hours_max": 8}, {"short"}),
        ({"duration_hours_min": 6, "duration_hours_max": 12}, {"short", "long"}),
        ({"distance_km_min": 5000}, {"long"}),
    ],
)
def test_patrols_filter_by_reported_duration_and_distance(api_client, params, expected):
    short, long = factories.PatrolFactory(slug="short"), factories.PatrolFactory(slug="long")
    factories.PatrolFactory(slug="unreported")
    factories.ReportedFigureFactory(patrol=short, quantity="duration_hours", value=8)
    factories.ReportedFigureFactory(patrol=long, quantity="duration_hours", value=11)
    factories.ReportedFigureFactory(patrol=long, quantity="distance_km", value=9000)
    rows = api_client.get(PATROLS, params).json()["results"]
    assert {row["slug"] for row in rows} == expected


def test_a_bad_duration_bound_is_a_400_naming_it(api_client):
    response = api_client.get(PATROLS, {"duration_hours_min": "long"})
    assert response.status_code == 400
    assert "duration_hours_min" in response.json()


# --- The curated data ----------------------------------------------------------------------------


def test_how_many_aircraft_took_part_in_2026(api_client, loaded):
    """The 11th patrol (2026) counts no participation; the ROK JCS reported more than ten
    Chinese and Russian aircraft (via Chosun Biz): at least 11, not 0."""
    answer = api_client.get(STATS, {"group_by": "year", "year": 2026}).json()
    [group] = answer["groups"]
    assert group["aircraft_at_least"] >= 11
    assert group["patrols_with_reported_total"] >= 1
    joint = api_client.get(
        STATS, {"group_by": "year", "year": 2026, "kind": "joint_strategic_patrol"}
    ).json()
    [group] = joint["groups"]
    assert (group["patrols"], group["patrols_with_unknown_count"]) == (1, 1)
    assert group["aircraft_known_minimum"] == 0
    assert group["aircraft_at_least"] == 11

    eleventh = api_client.get(f"{PATROLS}joint-patrol-11/").json()
    assert (eleventh["aircraft_reported_total"], eleventh["aircraft_at_least"]) == (10, 11)
    assert eleventh["aircraft_reported_total_by"]["slug"] == "rok-joint-chiefs-of-staff"
    [total] = [f for f in eleventh["reported_figures"] if f["quantity"] == "aircraft_total"]
    assert [s["slug"] for s in total["sources"]] == ["chosunbiz-kadiz-2026"]


def test_every_curated_figure_cites_a_source(loaded):
    assert ReportedFigure.objects.exists()
    for figure in ReportedFigure.objects.with_sources():
        assert figure.sources, figure
    assert Patrol.objects.get(slug="joint-patrol-7").reported_figures.get().value == 17
