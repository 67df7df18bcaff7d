"""The explorer's index, ``/``: a page a person reads, whose query string is the patrol list's.

It renders for anyone, with or without filters; it names the data set's version and the time
the server took; a query it cannot answer exactly is a 400 page naming the parameter (the API's
own checks); nothing matching is said plainly; every export link asks the API for the filters
the page shows; and the HTML is built to be read without sight (headings, labels, headers).
"""

import pytest

from curation.version import current
from explorer.filters import OFFERED, accepted_parameters
from tests import factories
from tests.core import filter_cases
from tests.explorer.index_html import IndexPage, query_of

pytestmark = pytest.mark.django_db

world = filter_cases.world
patrols = filter_cases.patrols

INDEX = "/"


def page(client, query=""):
    response = client.get(INDEX + (f"?{query}" if query else ""))
    assert response.status_code == 200, response.content.decode()[:2000]
    return response, IndexPage(response.content.decode())


def refused(client, query):
    response = client.get(f"{INDEX}?{query}")
    assert response.status_code == 400
    return IndexPage(response.content.decode()), response.content.decode()


# --- It renders ---------------------------------------------------------------------------------


def test_the_page_renders_for_anyone_with_every_part(client, patrols):
    response, html = page(client)

    assert response["Content-Type"].startswith("text/html")
    assert [text for level, text in html.headings if level == 1] == [
        "Strategic air patrols: explorer"
    ]
    assert {text for level, text in html.headings if level == 2} >= {
        "Filters",
        "Export what is shown",
        "Patrols per year",
        "JASDF scrambles per fiscal year",
        "Where they flew",
        "Matching patrols (7)",
    }
    assert set(html.rows) == filter_cases.ALL_PATROLS
    # No scramble figure in this world: no scrambles chart, a sentence instead.
    assert set(html.data) == {"patrols-chart-data"}
    assert "No scramble figure is recorded." in response.content.decode()
    assert len(html.maps) == 1


def test_a_filtered_view_renders_and_its_form_holds_the_filters(client, patrols):
    query = "year_min=2022&kind=joint_strategic_patrol&country=RU&region=east-china-sea"
    _, html = page(client, query)

    assert set(html.rows) == {"jp-2022", "jp-2024"}
    assert sorted(html.chosen()) == sorted(
        [
            ("year_min", "2022"),
            ("kind", "joint_strategic_patrol"),
            ("country", "RU"),
            ("region", "east-china-sea"),
            ("period", "calendar"),
        ]
    )


def test_the_page_names_the_data_sets_version_and_the_servers_time(client, patrols):
    response, _ = page(client)

    assert response.context["dataset_version"] == current()
    assert current() in response.content.decode()  # in the footer
    name, _, duration = response["Server-Timing"].partition(";dur=")
    assert name == "total" and float(duration) > 0


def test_the_page_only_reads(client, patrols):
    assert client.post(INDEX).status_code == 405


# --- The form offers the API's filters, under the API's names ---------------------------------


def test_the_form_offers_the_patrol_lists_filters_under_their_own_names(client, patrols):
    _, html = page(client)
    names = {control["name"] for control in html.controls} - {None}

    assert names == {*OFFERED, "period"}
    assert names <= set(accepted_parameters())


def test_the_choices_come_from_the_database_families_and_sub_regions_below_their_root(
    client, world
):
    h6 = factories.AircraftTypeFactory(slug="h-6", designation="H-6")
    world["h-6k"].variant_of = h6
    world["h-6k"].save()
    factories.RegionFactory(slug="miyako", name="Miyako Strait", parent=world["east-china-sea"])
    _, html = page(client)
    offered = html.offered()

    assert offered["country"] == ["CN", "JP", "RU", "KR", "US"]  # by name: China … United States
    aircraft = [value for value, _ in html.options["aircraft_type"]]
    assert aircraft.index("h-6k") == aircraft.index("h-6") + 1
    regions = [value for value, _ in html.options["region"]]
    assert regions.index("miyako") == regions.index("east-china-sea") + 1
    assert offered["kind"] == ["joint_strategic_patrol", "national_long_range_patrol", "exercise"]
    assert offered["confidence"] == ["confirmed", "reported", "claimed", "disputed"]
    assert offered["period"] == ["calendar", "fiscal"]


def test_every_control_has_a_label_and_every_header_a_scope(client, patrols):
    response, html = page(client)
    text = response.content.decode()

    for control in html.controls:
        if control["type"] in ("checkbox", "radio"):  # wrapped in their <label>
            assert f'value="{control["value"]}"' in text
        elif control["type"] != "hidden":
            assert html.labels.get(control["id"]), f"{control['id']} has no <label for>"
    assert html.header_scopes and all(scope in ("col", "row") for scope in html.header_scopes)


def test_a_filter_the_form_has_no_field_for_is_kept_and_shown(client, patrols):
    response, html = page(client, "joint=true&year_min=2023")

    assert set(html.rows) == {"jp-2023", "jp-2024"}
    hidden = [(c["name"], c["value"]) for c in html.controls if c["type"] == "hidden"]
    assert hidden == [("joint", "true")]
    assert "<code>joint=true</code>" in response.content.decode()


# --- What cannot be answered exactly is refused, naming the parameter -------------------------


@pytest.mark.parametrize(
    ("query", "parameter", "message"),
    [
        ("aircraft=h-6k", "aircraft", "Unknown parameter. This page accepts:"),
        ("search=bear", "search", "Unknown parameter."),  # the statistics take no search
        ("page=2", "page", "Unknown parameter."),
        ("country=XX", "country", "XX is not one of the allowed values"),
        ("kind=raid", "kind", "raid is not one of the allowed values"),
        ("aircraft_type=b-52", "aircraft_type", "b-52 is not one of the allowed values"),
        ("region=atlantis", "region", "atlantis is not"),
        ("confidence=certain", "confidence", "certain is not one of the allowed values"),
        ("year_min=2019.5", "year_min", "Enter a whole number."),
        ("fiscal_year_max=abc", "fiscal_year_max", "Enter a whole number."),
        ("year_min=2019&year_min=2020", "year_min", "Given 2 times"),
        ("period=weekly", "period", "Use one of: calendar, fiscal."),
        ("period=calendar&period=fiscal", "period", "Given 2 times"),
    ],
)
def test_a_query_that_cannot_be_answered_is_a_400_naming_the_parameter(
    client, patrols, query, parameter, message
):
    html, text = refused(client, query)

    assert f"<dt><code>{parameter}</code></dt>" in text
    assert message in text
    assert html.rows == []  # no result is shown for it


def test_a_refused_value_is_not_sent_again_by_the_form(client, patrols):
    html, _ = refused(client, "joint=maybe&kind=joint_strategic_patrol")

    assert [c for c in html.controls if c["type"] == "hidden"] == []
    assert ("kind", "joint_strategic_patrol") in html.chosen()


def test_an_empty_value_is_no_filter_as_in_the_api(client, patrols):
    _, html = page(client, "year_min=&kind=&country=&period=")

    assert set(html.rows) == filter_cases.ALL_PATROLS


# --- Nothing matching ---------------------------------------------------------------------------


def test_when_nothing_matches_the_page_says_so_and_offers_a_way_back(client, patrols):
    response, html = page(client, "year=2021")
    text = response.content.decode()

    assert html.rows == []
    assert "No patrol matches the filters." in text
    assert "No patrol matches these filters." in text  # the table's empty state
    assert 'href="/">clear all filters</a>' in text
    assert "patrols-chart-data" not in html.data
    assert "Matching patrols (0)" in [text for _, text in html.headings]


# --- Export links: exactly what is shown ---------------------------------------------------------


@pytest.mark.parametrize(
    "query",
    [
        "",
        "year_min=2022&year_max=2024&kind=joint_strategic_patrol",
        "country=CN&country=RU&aircraft_type=h-6k&region=sea-of-japan&confidence=confirmed",
        "fiscal_year_min=2023&period=fiscal&joint=true",
    ],
)
def test_every_export_link_carries_the_pages_filters(client, patrols, query):
    _, html = page(client, query)
    filters = query_of(f"?{query}", without=("period",))
    group_by = "fiscal_year" if "period=fiscal" in query else "year"

    assert query_of(html.exports["patrols-csv"], without=("format",)) == filters
    assert query_of(html.exports["patrols-json"], without=("page_size",)) == filters
    assert query_of(html.exports["patrols-geojson"], without=("format",)) == filters
    assert query_of(html.exports["stats-csv"]) == sorted(
        [*filters, ("group_by", group_by), ("format", "csv")]
    )
    assert query_of(html.exports["stats-json"]) == sorted([*filters, ("group_by", group_by)])
    patrol_layer = html.maps[0]["data-layers"].split()[1]
    assert query_of(patrol_layer, without=("format",)) == filters


def test_the_json_export_is_the_tables_patrols_in_the_tables_order(client, patrols):
    _, html = page(client, "year_min=2022")
    answer = client.get(html.exports["patrols-json"]).json()

    assert [row["slug"] for row in answer["results"]] == html.rows


def test_each_export_link_answers(client, patrols):
    _, html = page(client, "country=RU&year_min=2020")

    for key in ("patrols-csv", "patrols-json", "stats-csv", "stats-json", "scrambles-csv"):
        assert client.get(html.exports[key]).status_code == 200, key
