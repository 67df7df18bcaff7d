"""The patrol list's filters: each selects exactly the patrols it should.

The tests run over the small world of ``tests.core.filter_cases`` (seven named patrols), so each
expected result is written out in full. What a bad value answers is in
tests/core/test_api_filters.py.

The last test asks the curated data set a researcher's question end to end. It sits last on
purpose: the data set, once loaded, stays for the rest of the module.
"""

import pytest

from tests import factories
from tests.core import filter_cases
from tests.core.filter_cases import ALL_PATROLS, JOINT, listed, patrol, rows, slugs

pytestmark = pytest.mark.django_db

# Fixtures from tests.core.filter_cases, bound to these names for pytest to find.
world = filter_cases.world
patrols = filter_cases.patrols


def test_without_filters_every_patrol_is_listed(api_client, patrols):
    assert slugs(listed(api_client, "patrols")) == ALL_PATROLS


# --- Patrols: when --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("year=2024", {"jp-2024", "ru-2024"}),
        ("year=2021", set()),
        ("year_min=2023", {"jp-2023", "jp-2024", "ru-2024", "cn-2023"}),
        ("year_max=2020", {"jp-2019", "empty-2020"}),
        ("year_min=2022&year_max=2023", {"jp-2022", "jp-2023", "cn-2023"}),
        ("year_min=2023&year_max=2022", set()),
        # Both bounds are inclusive.
        ("date_after=2022-05-24&date_before=2023-06-06", {"jp-2022", "jp-2023", "cn-2023"}),
        ("date_after=2024-01-17", {"jp-2024"}),
        ("date_before=2019-07-23", {"jp-2019"}),
    ],
)
def test_patrols_by_year_and_date(api_client, patrols, query, expected):
    assert slugs(listed(api_client, "patrols", query)) == expected


# --- Patrols: who, with what, where ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("country=CN", {"jp-2019", "jp-2022", "jp-2023", "jp-2024", "cn-2023"}),
        ("country=RU", {"jp-2019", "jp-2022", "jp-2023", "jp-2024", "ru-2024"}),
        ("country=CN&country=RU", ALL_PATROLS - {"empty-2020"}),  # repeated: OR
        ("country=cn", {"jp-2019", "jp-2022", "jp-2023", "jp-2024", "cn-2023"}),
        ("country=ru&country=Cn", ALL_PATROLS - {"empty-2020"}),
        ("country=JP", set()),  # a known country that flew none: empty, not an error
    ],
)
def test_patrols_by_country_taking_part(api_client, patrols, query, expected):
    assert slugs(listed(api_client, "patrols", query)) == expected


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("aircraft_type=a-50", {"jp-2019"}),
        ("aircraft_type=su-35s", {"jp-2023", "ru-2024"}),
        ("aircraft_type=a-50&aircraft_type=su-35s", {"jp-2019", "jp-2023", "ru-2024"}),
        ("aircraft_type=h-6k", {"jp-2019", "jp-2022", "jp-2023", "jp-2024", "cn-2023"}),
        ("aircraft_type=f-15j", set()),  # it intercepted, it did not take part
        ("operator=vks", {"jp-2019", "jp-2023", "ru-2024"}),
        ("role=escort", {"jp-2023", "ru-2024"}),
        ("role=aew_c", {"jp-2019"}),
        ("role=aew_c&role=escort", {"jp-2019", "jp-2023", "ru-2024"}),
        ("role=tanker", set()),
    ],
)
def test_patrols_by_aircraft_type_operator_and_role(api_client, patrols, query, expected):
    assert slugs(listed(api_client, "patrols", query)) == expected


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("region=east-china-sea", {"jp-2019", "jp-2022", "jp-2024", "cn-2023"}),
        ("region=sea-of-japan", {"jp-2019", "jp-2023", "ru-2024"}),
        ("region=kadiz", {"jp-2019"}),
        ("region=kadiz&region=sea-of-japan", {"jp-2019", "jp-2023", "ru-2024"}),
    ],
)
def test_patrols_by_region_crossed(api_client, patrols, query, expected):
    assert slugs(listed(api_client, "patrols", query)) == expected


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("kind=joint_strategic_patrol", JOINT),
        ("kind=national_long_range_patrol", {"ru-2024"}),
        ("kind=exercise&kind=national_long_range_patrol", {"ru-2024", "cn-2023", "empty-2020"}),
        ("joint=true", JOINT),
        ("joint=false", {"ru-2024", "cn-2023", "empty-2020"}),
        ("joint=1", JOINT),
        ("joint=no", {"ru-2024", "cn-2023", "empty-2020"}),
        ("joint=TRUE", JOINT),
    ],
)
def test_patrols_by_kind_and_joint(api_client, patrols, query, expected):
    assert slugs(listed(api_client, "patrols", query)) == expected


def test_a_patrol_flown_by_two_units_of_one_country_is_not_joint(api_client, patrols):
    # ru-2024 has two participations (Long-Range Aviation, Aerospace Forces), both Russian.
    assert "ru-2024" not in slugs(listed(api_client, "patrols", "joint=true"))


def test_a_participant_without_a_country_does_not_make_a_patrol_joint(api_client, world):
    norad = factories.OrganizationFactory(slug="norad", kind="multinational_command", country=None)
    mixed = patrol(world, "with-norad", "2024-07-24", flights=(("h-6k", "plaaf", "bomber"),))
    factories.ParticipationFactory(patrol=mixed, operator=norad, role="other")

    assert slugs(listed(api_client, "patrols", "joint=true")) == set()
    assert slugs(listed(api_client, "patrols", "joint=false")) == {"with-norad"}


# --- Patrols: sources, confidence, disputes -------------------------------------------------------


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("confidence=confirmed", {"jp-2019"}),
        ("confidence=disputed", {"jp-2024"}),
        ("confidence=confirmed&confidence=disputed", {"jp-2019", "jp-2024"}),
        ("confidence=claimed", set()),
        # disputed: marked disputed, or carrying a claim from another source
        ("disputed=true", {"jp-2022", "jp-2024"}),
        ("disputed=false", ALL_PATROLS - {"jp-2022", "jp-2024"}),
        ("source=tass", {"jp-2019"}),
        ("source=japan-mod", {"jp-2019", "ru-2024"}),
        ("source=tass&source=japan-mod", {"jp-2019", "ru-2024"}),
        ("source=xinhua", set()),  # it only made a claim; the patrol does not cite it
    ],
)
def test_patrols_by_confidence_dispute_and_source(api_client, patrols, query, expected):
    assert slugs(listed(api_client, "patrols", query)) == expected


def test_claims_and_citations_on_another_kind_of_record_with_the_same_id_do_not_count(
    api_client,
):
    patrol_ = factories.PatrolFactory(pk=424242, slug="the-patrol")
    aircraft_type = factories.AircraftTypeFactory(pk=424242)
    source = factories.SourceFactory(slug="about-the-aircraft")
    factories.CitationFactory(content_object=aircraft_type, source=source)
    factories.ClaimFactory(content_object=aircraft_type, field="range_km", value="6000")

    assert slugs(listed(api_client, "patrols", "disputed=true")) == set()
    assert slugs(listed(api_client, "patrols", "source=about-the-aircraft")) == set()
    assert slugs(listed(api_client, "aircraft-types", "disputed=true")) == {aircraft_type.slug}
    assert patrol_.pk == aircraft_type.pk


# --- Patrols: who responded -----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("intercepted_by=KR", {"jp-2019"}),
        ("intercepted_by=JP", {"jp-2019", "jp-2022", "ru-2024"}),
        ("intercepted_by=jp", {"jp-2019", "jp-2022", "ru-2024"}),
        ("intercepted_by=KR&intercepted_by=JP", {"jp-2019", "jp-2022", "ru-2024"}),
        ("intercepted_by=CN", set()),
        ("responder=rokaf", {"jp-2019"}),
        ("responder=jasdf", {"jp-2019", "jp-2022", "ru-2024"}),
        ("airspace_violated=true", {"jp-2019"}),
        ("airspace_violated=false", {"jp-2022"}),
    ],
)
def test_patrols_by_who_intercepted_them(api_client, patrols, query, expected):
    assert slugs(listed(api_client, "patrols", query)) == expected


# --- Patrols: filters together --------------------------------------------------------------------


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        # The researcher's question: joint patrols 2022–2024 with H-6K over the East China Sea.
        (
            "joint=true&year_min=2022&year_max=2024&aircraft_type=h-6k&region=east-china-sea",
            {"jp-2022", "jp-2024"},
        ),
        ("joint=false&aircraft_type=h-6k", {"cn-2023"}),
        ("country=RU&year=2024", {"jp-2024", "ru-2024"}),
        ("country=RU&joint=false", {"ru-2024"}),
        ("intercepted_by=JP&kind=joint_strategic_patrol&disputed=true", {"jp-2022"}),
        ("region=sea-of-japan&role=escort&date_after=2024-01-01", {"ru-2024"}),
        # Filters on participations are met by one participation: jp-2023 has a Chinese
        # bomber and a Russian escort, no Chinese escort.
        ("country=CN&role=escort", set()),
        ("country=RU&role=escort", {"jp-2023", "ru-2024"}),
    ],
)
def test_patrol_filters_combine_with_and(api_client, patrols, query, expected):
    assert slugs(listed(api_client, "patrols", query)) == expected


def test_the_count_and_pages_follow_the_filters(api_client, patrols):
    response = listed(api_client, "patrols", "joint=true&page_size=3&ordering=start_date")

    assert response.json()["count"] == 4
    assert "joint=true" in response.json()["next"]  # the next page keeps the filters
    assert [row["slug"] for row in rows(response)] == ["jp-2019", "jp-2022", "jp-2023"]


def test_filters_combine_with_search_and_ordering(api_client, patrols):
    response = listed(api_client, "patrols", "search=su-35&joint=true&ordering=-start_date")

    assert [row["slug"] for row in rows(response)] == ["jp-2023"]


# --- The curated data set: a researcher's question, end to end ------------------------------------


# Kept last: ``loaded`` loads the data set once for the rest of this module.


def test_joint_patrols_2022_to_2024_with_h6k_over_the_east_china_sea(api_client, loaded):
    response = listed(
        api_client,
        "patrols",
        "joint=true&year_min=2022&year_max=2024&aircraft_type=h-6k&region=east-china-sea"
        "&ordering=start_date",
    )

    # From patrols/data/patrols.yaml: the 8th patrol (July 2024) flew off Alaska instead.
    assert [row["slug"] for row in rows(response)] == [
        "joint-patrol-4",
        "joint-patrol-5",
        "joint-patrol-6",
        "joint-patrol-7",
        "joint-patrol-9",
    ]
    for row in rows(response):
        assert [c["code"] for c in row["countries"]] == ["CN", "RU"]
        assert "h-6k" in {
            p["aircraft_type"]["slug"] for p in row["participations"] if p["aircraft_type"]
        }
        assert "east-china-sea" in {r["slug"] for r in row["regions"]}
