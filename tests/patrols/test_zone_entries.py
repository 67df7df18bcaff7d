"""Zone entries: whose aircraft entered which ADIZ during a patrol, how many, from when to when,
per whom; with their own status inside the patrol, their own resource, filters and statistics."""

import csv
import datetime
import io

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, connection, transaction
from django.test.utils import CaptureQueriesContext

from patrols import services
from patrols.models import ZoneEntry
from reference.models import Country
from tests import factories

pytestmark = pytest.mark.django_db

API = "/api/v1"
ENTRIES = f"{API}/zone-entries/"
PATROLS = f"{API}/patrols/"
STATS = f"{PATROLS}stats/"
KST = datetime.timezone(datetime.timedelta(hours=9))


def at(hour, minute=0):
    return datetime.datetime(2020, 12, 22, hour, minute, tzinfo=KST)


@pytest.fixture
def kadiz():
    return factories.RegionFactory(slug="kadiz", name="KADIZ", kind="adiz")


@pytest.fixture
def japan_adiz():
    return factories.RegionFactory(slug="japan-adiz", name="Japan ADIZ", kind="adiz")


@pytest.fixture
def russia():
    return factories.CountryFactory(code="RU", code3="RUS", name="Russia")


@pytest.fixture
def china():
    return factories.CountryFactory(code="CN", code3="CHN", name="China")


# --- Rules ---------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "values",
    [
        {"aircraft_count": 4, "count_qualifier": None},
        {"aircraft_count": None, "count_qualifier": "exact"},
        {"aircraft_count": 0, "count_qualifier": "exact"},
        {"entered_at": at(15), "exited_at": at(8)},
    ],
    ids=["count-without-qualifier", "qualifier-without-count", "zero", "exit-before-entry"],
)
def test_the_database_refuses_an_inconsistent_entry(values):
    entry = factories.ZoneEntryFactory()
    for name, value in values.items():
        setattr(entry, name, value)
    with pytest.raises(IntegrityError), transaction.atomic():
        entry.save()
    with pytest.raises(ValidationError):
        entry.full_clean()


def test_an_entry_names_an_adiz_not_a_sea(russia):
    entry = ZoneEntry(
        patrol=factories.PatrolFactory(), zone=factories.RegionFactory(kind="sea"), country=russia
    )
    with pytest.raises(ValidationError) as refused:
        entry.full_clean()
    assert "zone" in refused.value.message_dict
    with pytest.raises(ValidationError) as refused:  # the service too, whatever skipped clean()
        services.save_zone_entry(entry, sources=[factories.SourceFactory()])
    assert "zone" in refused.value.message_dict
    assert not ZoneEntry.objects.exists()


def test_an_unknown_count_is_null_with_its_qualifier(kadiz, russia):
    entry = ZoneEntry(
        patrol=factories.PatrolFactory(), zone=kadiz, country=russia, count_qualifier=""
    )
    entry.full_clean()  # blank reads as unknown, like null
    assert entry.count_qualifier is None


# --- Inside the patrol ---------------------------------------------------------------------------


@pytest.fixture
def second_patrol(kadiz, russia, china):
    patrol = factories.PatrolFactory(slug="joint-patrol-2")
    source = factories.SourceFactory(slug="kbs-kadiz")
    factories.CitationFactory(content_object=patrol, source=source)
    jcs = factories.OrganizationFactory(slug="rok-jcs", name="ROK JCS")
    chinese = factories.ZoneEntryFactory(
        patrol=patrol, zone=kadiz, country=china, aircraft_count=4, entered_at=at(8),
        exited_at=at(15, 20), reported_by=jcs, confidence="confirmed",
    )  # fmt: skip
    russian = factories.ZoneEntryFactory(
        patrol=patrol, zone=kadiz, country=russia, aircraft_count=15, reported_by=jcs,
        confidence="claimed",
    )  # fmt: skip
    factories.CitationFactory(content_object=chinese, source=source)
    other = factories.ClaimFactory(content_object=russian, field="aircraft_count", value="17")
    return patrol, chinese, russian, other.source


def test_the_patrol_shows_its_entries_with_their_status(api_client, second_patrol):
    patrol, chinese, russian, other = second_patrol
    for shown in (
        api_client.get(PATROLS).json()["results"][0],
        api_client.get(f"{PATROLS}joint-patrol-2/").json(),
    ):
        entries = {row["country"]["code"]: row for row in shown["zone_entries"]}
        cn = entries["CN"]
        assert cn["zone"]["slug"] == "kadiz"
        assert (cn["aircraft_count"], cn["count_qualifier"]) == (4, "exact")
        assert datetime.datetime.fromisoformat(cn["entered_at"]) == at(8)
        assert datetime.datetime.fromisoformat(cn["exited_at"]) == at(15, 20)
        assert cn["reported_by"]["slug"] == "rok-jcs"
        assert (cn["confidence"], cn["disputed"]) == ("confirmed", False)
        assert [s["slug"] for s in cn["sources"]] == ["kbs-kadiz"]
        ru = entries["RU"]
        assert (ru["confidence"], ru["disputed"]) == ("claimed", True)
        [claim] = ru["claims"]
        assert (claim["field"], claim["value"], claim["source"]["slug"]) == (
            "aircraft_count",
            "17",
            other.slug,
        )


def test_csv_cells_carry_the_entries_status(api_client, second_patrol):
    response = api_client.get(f"{PATROLS}joint-patrol-2/", {"format": "csv"})
    body = b"".join(response.streaming_content) if response.streaming else response.content
    [row] = list(csv.DictReader(io.StringIO(body.decode("utf-8-sig"))))
    cell = row["zone_entries"]
    assert "zone=kadiz" in cell
    assert "confidence=claimed disputed=true" in cell
    assert "sources=kbs-kadiz" in cell
    assert "value=17" in cell


def test_the_entry_resource_as_csv_has_its_status_columns(api_client, second_patrol):
    response = api_client.get(ENTRIES, {"format": "csv"})
    body = b"".join(response.streaming_content) if response.streaming else response.content
    rows = list(csv.DictReader(io.StringIO(body.decode("utf-8-sig"))))
    assert {row["country"] for row in rows} == {"CN", "RU"}
    assert {"confidence", "disputed", "sources", "claims", "sources_inherited"} <= set(rows[0])


def test_the_entries_raise_how_many_aircraft_took_part_at_least(api_client, second_patrol):
    """4 Chinese and 15 Russian aircraft in the KADIZ: at least 19 took part, whatever the
    participations count; in the patrol, the list, its year and each country."""
    patrol = second_patrol[0]
    for country in (Country.objects.get(code="CN"), Country.objects.get(code="RU")):
        factories.ParticipationFactory(
            patrol=patrol, count=2, operator=factories.OrganizationFactory(country=country)
        )
    for shown in (
        api_client.get(PATROLS).json()["results"][0],
        api_client.get(f"{PATROLS}joint-patrol-2/").json(),
    ):
        assert (shown["aircraft_known_minimum"], shown["aircraft_at_least"]) == (4, 19)
    [year] = api_client.get(STATS, {"group_by": "year"}).json()["groups"]
    assert year["aircraft_at_least"] == 19
    countries = api_client.get(STATS, {"group_by": "country"}).json()["groups"]
    assert {g["key"]: g["aircraft_at_least"] for g in countries} == {"CN": 4, "RU": 15}


def test_one_countrys_entries_never_add_up(api_client, second_patrol, kadiz, japan_adiz, russia):
    """The Russians entering the KADIZ (15) and Japan's ADIZ (about 20, then more than 9) may be
    the same aircraft: the largest single entry counts, not their sum."""
    patrol = second_patrol[0]
    for count, qualifier in ((20, "about"), (9, "more_than")):
        factories.ZoneEntryFactory(
            patrol=patrol, zone=japan_adiz, country=russia, aircraft_count=count,
            count_qualifier=qualifier,
        )  # fmt: skip
    assert api_client.get(f"{PATROLS}joint-patrol-2/").json()["aircraft_at_least"] == 19


# --- Writes --------------------------------------------------------------------------------------


def entry_payload(kadiz, russia, **values):
    return {
        "patrol": factories.PatrolFactory().slug,
        "zone": kadiz.slug,
        "country": russia.code,
        "sources": [factories.SourceFactory().slug],
        **values,
    }


def test_a_blank_qualifier_without_a_count_is_an_unknown_count(curator_api_client, kadiz, russia):
    response = curator_api_client.post(
        ENTRIES, entry_payload(kadiz, russia, count_qualifier=""), format="json"
    )
    assert response.status_code == 201, response.json()
    assert (response.json()["aircraft_count"], response.json()["count_qualifier"]) == (None, None)
    assert ZoneEntry.objects.get().count_qualifier is None


def test_a_blank_qualifier_is_saved_as_null_on_every_path(kadiz, russia):
    """Whatever skipped ``clean()`` (an import, a copy validated instead): blank is unknown."""
    entry = ZoneEntry(
        patrol=factories.PatrolFactory(), zone=kadiz, country=russia, count_qualifier=""
    )
    services.save_zone_entry(entry, sources=[factories.SourceFactory()])
    assert ZoneEntry.objects.get().count_qualifier is None


def test_a_blank_qualifier_with_a_count_is_a_400_naming_it(curator_api_client, kadiz, russia):
    response = curator_api_client.post(
        ENTRIES, entry_payload(kadiz, russia, aircraft_count=4, count_qualifier=""), format="json"
    )
    assert response.status_code == 400
    assert "count_qualifier" in response.json()
    assert not ZoneEntry.objects.exists()


# --- Filters -------------------------------------------------------------------------------------


@pytest.fixture
def three_patrols(kadiz, japan_adiz, russia, china):
    """kadiz-ru: Russians in the KADIZ; mixed: Chinese in the KADIZ and Russians in Japan's ADIZ;
    quiet: no entry."""
    kadiz_ru = factories.PatrolFactory(slug="kadiz-ru")
    factories.ZoneEntryFactory(patrol=kadiz_ru, zone=kadiz, country=russia)
    mixed = factories.PatrolFactory(slug="mixed")
    factories.ZoneEntryFactory(patrol=mixed, zone=kadiz, country=china)
    factories.ZoneEntryFactory(patrol=mixed, zone=japan_adiz, country=russia, aircraft_count=None,
                               count_qualifier=None)  # fmt: skip
    factories.PatrolFactory(slug="quiet")


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ({"zone": "kadiz"}, {"kadiz-ru", "mixed"}),
        ({"zone": ["kadiz", "japan-adiz"]}, {"kadiz-ru", "mixed"}),
        ({"zone_country": "RU"}, {"kadiz-ru", "mixed"}),
        # One and the same entry: the mixed patrol's Russians were in Japan's ADIZ, not the KADIZ.
        ({"zone": "kadiz", "zone_country": "RU"}, {"kadiz-ru"}),
        ({"zone": "japan-adiz", "zone_country": "RU"}, {"mixed"}),
    ],
)
def test_patrols_filter_by_zone_and_country_on_one_entry(
    api_client, three_patrols, query, expected
):
    rows = api_client.get(PATROLS, query).json()["results"]
    assert {row["slug"] for row in rows} == expected


def test_a_region_that_is_no_adiz_is_no_zone(api_client, three_patrols):
    factories.RegionFactory(slug="sea-of-japan", kind="sea")
    response = api_client.get(PATROLS, {"zone": "sea-of-japan"})
    assert response.status_code == 400
    assert "zone" in response.json()


def test_entries_filter_by_whether_the_count_is_known(api_client, three_patrols):
    known = api_client.get(ENTRIES, {"count_known": "true"}).json()["results"]
    unknown = api_client.get(ENTRIES, {"count_known": "false"}).json()["results"]
    assert (len(known), len(unknown)) == (2, 1)
    assert unknown[0]["zone"]["slug"] == "japan-adiz"


# --- Statistics ----------------------------------------------------------------------------------


def test_entry_statistics_per_zone_say_what_is_unknown(api_client, three_patrols):
    factories.ZoneEntryFactory(
        patrol=factories.PatrolFactory(), zone=ZoneEntry.objects.first().zone,
        country=factories.CountryFactory(), aircraft_count=10, count_qualifier="more_than",
    )  # fmt: skip
    body = api_client.get(f"{ENTRIES}stats/", {"group_by": "zone"}).json()
    groups = {g["key"]: g for g in body["groups"]}
    assert body["entries"] == 4
    kadiz = groups["kadiz"]
    assert (kadiz["entries"], kadiz["patrols"], kadiz["entries_with_unknown_count"]) == (3, 3, 0)
    assert (kadiz["aircraft"], kadiz["aircraft_at_least"]) == (14, 15)
    japan = groups["japan-adiz"]
    assert (japan["entries_with_unknown_count"], japan["aircraft"]) == (1, 0)


def test_entry_statistics_per_country_as_csv(api_client, three_patrols):
    response = api_client.get(f"{ENTRIES}stats/", {"group_by": "country", "format": "csv"})
    assert response.status_code == 200
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows[0][:3] == ["key", "name", "entries"]
    assert {row[0] for row in rows[1:]} == {"CN", "RU"}


def test_an_unknown_grouping_is_a_400(api_client):
    response = api_client.get(f"{ENTRIES}stats/", {"group_by": "region"})
    assert response.status_code == 400
    assert "group_by" in response.json()


# --- Query counts --------------------------------------------------------------------------------


def queries(client, url):
    with CaptureQueriesContext(connection) as context:
        assert client.get(url).status_code == 200
    return len(context.captured_queries)


@pytest.mark.parametrize("url", [ENTRIES, f"{ENTRIES}stats/?group_by=zone", PATROLS])
def test_lists_cost_the_same_for_1_and_20_entries(api_client, kadiz, url):
    def one_more():
        patrol = factories.PatrolFactory()
        entry = factories.ZoneEntryFactory(patrol=patrol, zone=kadiz)
        factories.ReportedFigureFactory(patrol=patrol)
        factories.CitationFactory(content_object=entry)
        factories.ClaimFactory(content_object=entry, field="", value="other")

    one_more()
    api_client.get(url)  # content types are looked up once per process
    first = queries(api_client, url)
    for _ in range(19):
        one_more()
    assert queries(api_client, url) == first


# --- The curated data ----------------------------------------------------------------------------


def test_the_second_patrols_kadiz_entries(api_client, loaded):
    rows = api_client.get(ENTRIES, {"patrol": "joint-patrol-2", "zone": "kadiz"}).json()["results"]
    counts = {row["country"]["code"]: row["aircraft_count"] for row in rows}
    assert counts == {"CN": 4, "RU": 15}
    assert all(row["reported_by"]["slug"] == "rok-joint-chiefs-of-staff" for row in rows)
    assert all(row["sources"] for row in rows)
