"""History over the API: writes are versions by the API user, ``<record>/history/`` lists them
with the fields they changed, and ``as_of`` answers with patrols and aircraft types as they stood.
"""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from aircraft.models import AircraftType
from patrols.models import Participation, Patrol
from tests import factories
from tests.api_resources import RESOURCES, build, detail_url
from tests.patrols.test_api_writes import patrol_payload, vocabulary  # noqa: F401  (fixture)

pytestmark = pytest.mark.django_db

PATROLS = "/api/v1/patrols/"
TYPES = "/api/v1/aircraft-types/"


def moment_param(moment):
    return moment.isoformat().replace("+00:00", "Z")


# --- writes are versions by the API user --------------------------------------------------


def test_creating_through_the_api_is_a_version_by_the_token_user_with_the_reason(
    curator_api_client,
    vocabulary,  # noqa: F811
):
    response = curator_api_client.post(
        PATROLS, patrol_payload(), format="json", HTTP_X_CHANGE_REASON="MND statement of 1 Dec"
    )

    assert response.status_code == 201
    patrol = Patrol.objects.get(slug="joint-patrol-12")
    [version] = patrol.history.all()
    assert version.history_type == "+"
    assert version.history_user.username == "curator"
    assert version.history_change_reason == "MND statement of 1 Dec"
    for participation in Participation.history.all():
        assert participation.history_user.username == "curator"
        assert participation.history_change_reason == "MND statement of 1 Dec"


def test_updating_and_deleting_through_the_api_are_versions_by_the_token_user(
    curator_api_client,
):
    source = factories.SourceFactory(slug="tass-report", title="Old title")

    curator_api_client.patch("/api/v1/sources/tass-report/", {"title": "New title"}, format="json")
    curator_api_client.delete("/api/v1/sources/tass-report/")

    versions = list(source.history.all())
    assert [v.history_type for v in versions] == ["-", "~", "+"]
    assert versions[1].title == "New title"
    assert versions[0].history_user.username == "curator"
    assert versions[1].history_user.username == "curator"
    assert versions[2].history_user is None  # made by a factory, outside any request


# --- <record>/history/ ----------------------------------------------------------------------


def test_history_lists_versions_newest_first_with_the_fields_each_changed(
    curator_api_client, api_client
):
    factories.SourceFactory(slug="tass-report", title="Old title")
    curator_api_client.patch(
        "/api/v1/sources/tass-report/",
        {"title": "New title"},
        format="json",
        HTTP_X_CHANGE_REASON="Title as published",
    )

    body = curator_api_client.get("/api/v1/sources/tass-report/history/").json()

    assert body["count"] == 2
    changed, created = body["results"]
    assert changed["type"] == "changed"
    assert changed["user"] == "curator"
    assert changed["reason"] == "Title as published"
    assert changed["changes"] == [{"field": "title", "old": "Old title", "new": "New title"}]
    assert created["type"] == "created"
    assert {"field": "title", "old": None, "new": "Old title"} in created["changes"]
    assert datetime.datetime.fromisoformat(changed["date"]) >= datetime.datetime.fromisoformat(
        created["date"]
    )


def test_history_names_fields_as_the_api_does(curator_api_client, api_client):
    factories.SourceFactory(slug="tass-report", url="https://tass.example/1")

    curator_api_client.patch(
        "/api/v1/sources/tass-report/", {"link": "https://tass.example/2"}, format="json"
    )
    [changed, _] = api_client.get("/api/v1/sources/tass-report/history/").json()["results"]

    assert changed["changes"] == [
        {"field": "link", "old": "https://tass.example/1", "new": "https://tass.example/2"}
    ]


def test_a_deleted_records_history_is_still_there(curator_api_client, api_client):
    factories.SourceFactory(slug="retracted")
    curator_api_client.delete("/api/v1/sources/retracted/")

    response = api_client.get("/api/v1/sources/retracted/history/")

    assert response.status_code == 200
    assert [v["type"] for v in response.json()["results"]] == ["deleted", "created"]


def test_history_pages_keep_each_versions_changes_across_the_page_break(api_client):
    source = factories.SourceFactory(slug="edited", title="v0")
    for n in range(1, 4):
        source.title = f"v{n}"
        source.save()

    first = api_client.get("/api/v1/sources/edited/history/?page_size=2").json()
    second = api_client.get("/api/v1/sources/edited/history/?page_size=2&page=2").json()

    assert [v["changes"] for v in first["results"]] == [
        [{"field": "title", "old": "v2", "new": "v3"}],
        [{"field": "title", "old": "v1", "new": "v2"}],
    ]
    assert second["results"][0]["changes"] == [{"field": "title", "old": "v0", "new": "v1"}]


def test_an_unknown_record_has_no_history(api_client):
    assert api_client.get("/api/v1/sources/never-was/history/").status_code == 404


@pytest.mark.parametrize("resource", RESOURCES)
def test_every_resource_has_a_read_only_history(resource, api_client, curator_api_client):
    record = build(resource)
    url = f"{detail_url(resource, record)}history/"

    response = api_client.get(url)
    write = curator_api_client.post(url, {}, format="json")

    assert response.status_code == 200
    assert response.json()["results"][0]["type"] == "created"
    assert write.status_code == 405


# --- as_of --------------------------------------------------------------------------------


@pytest.fixture
def edited_patrol():
    """A patrol created, then renamed and given a second participation; and the moment between."""
    patrol = factories.PatrolFactory(slug="joint-patrol-3", name="Third patrol")
    factories.ParticipationFactory(patrol=patrol, count=2)
    between = timezone.now()
    patrol.name = "3rd joint strategic air patrol"
    patrol.save()
    factories.ParticipationFactory(patrol=patrol, count=4)
    return patrol, between


def test_as_of_answers_with_the_patrol_and_its_participations_as_they_stood(
    api_client, edited_patrol
):
    patrol, between = edited_patrol

    then = api_client.get(f"{PATROLS}joint-patrol-3/", {"as_of": moment_param(between)}).json()
    now = api_client.get(f"{PATROLS}joint-patrol-3/").json()

    assert then["name"] == "Third patrol"
    assert [p["count"] for p in then["participations"]] == [2]
    assert then["aircraft_known_minimum"] == 2
    assert now["name"] == "3rd joint strategic air patrol"
    assert now["aircraft_known_minimum"] == 6


def test_as_of_on_the_list_brings_back_deleted_records_and_leaves_out_later_ones(api_client):
    factories.PatrolFactory(slug="kept")
    deleted = factories.PatrolFactory(slug="deleted-later")
    moment = timezone.now()
    deleted.delete()
    factories.PatrolFactory(slug="created-later")

    then = api_client.get(PATROLS, {"as_of": moment_param(moment)}).json()
    now = api_client.get(PATROLS).json()

    assert sorted(p["slug"] for p in then["results"]) == ["deleted-later", "kept"]
    assert sorted(p["slug"] for p in now["results"]) == ["created-later", "kept"]
    assert then["count"] == 2


def test_a_deleted_patrol_can_be_read_as_it_stood(api_client):
    factories.PatrolFactory(slug="withdrawn", name="Withdrawn report")
    moment = timezone.now()
    Patrol.objects.filter(slug="withdrawn").get().delete()

    response = api_client.get(f"{PATROLS}withdrawn/", {"as_of": moment_param(moment)})

    assert response.status_code == 200
    assert response.json()["name"] == "Withdrawn report"
    assert api_client.get(f"{PATROLS}withdrawn/").status_code == 404


def test_a_record_created_after_the_moment_is_not_found_as_of_it(api_client):
    moment = timezone.now()
    factories.PatrolFactory(slug="newer")

    assert api_client.get(f"{PATROLS}newer/", {"as_of": moment_param(moment)}).status_code == 404


def test_as_of_shows_sources_and_regions_as_they_stood(api_client):
    patrol = factories.PatrolFactory(slug="cited")
    factories.CitationFactory(content_object=patrol, source=factories.SourceFactory(slug="first"))
    factories.PatrolRegionFactory(patrol=patrol, region=factories.RegionFactory(slug="east-sea"))
    moment = timezone.now()
    factories.CitationFactory(content_object=patrol, source=factories.SourceFactory(slug="later"))
    factories.PatrolRegionFactory(patrol=patrol, region=factories.RegionFactory(slug="yellow"))

    then = api_client.get(f"{PATROLS}cited/", {"as_of": moment_param(moment)}).json()

    assert [s["slug"] for s in then["sources"]] == ["first"]
    assert [r["slug"] for r in then["regions"]] == ["east-sea"]


def test_as_of_works_for_aircraft_types_and_their_variants(api_client):
    bomber = factories.AircraftTypeFactory(slug="tu-95", designation="Tu-95", crew=7)
    moment = timezone.now()
    AircraftType.objects.filter(pk=bomber.pk).update(crew=None)  # not a version: no history
    bomber.refresh_from_db()
    bomber.crew = 8
    bomber.save()
    factories.AircraftTypeFactory(slug="tu-95ms", designation="Tu-95MS", variant_of=bomber)

    then = api_client.get(f"{TYPES}tu-95/", {"as_of": moment_param(moment)}).json()
    now = api_client.get(f"{TYPES}tu-95/").json()
    listed = api_client.get(TYPES, {"as_of": moment_param(moment)}).json()

    assert then["crew"] == 7
    assert then["variants"] == []
    assert now["crew"] == 8
    assert [v["slug"] for v in now["variants"]] == ["tu-95ms"]
    assert [t["slug"] for t in listed["results"]] == ["tu-95"]


def test_as_of_without_an_offset_is_read_in_utc(api_client, edited_patrol):
    _, between = edited_patrol
    naive = between.astimezone(datetime.UTC).replace(tzinfo=None).isoformat()

    then = api_client.get(f"{PATROLS}joint-patrol-3/", {"as_of": naive}).json()

    assert then["name"] == "Third patrol"


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ({"as_of": "last tuesday"}, "ISO 8601"),
        ({"as_of": "2025-02-30T00:00Z"}, "ISO 8601"),
        ({"as_of": "2025-01-01T00:00Z", "year": "2024"}, "cannot be combined with: year"),
        ({"as_of": "2025-01-01T00:00Z", "search": "x"}, "cannot be combined with: search"),
        ({"as_of": "2025-01-01T00:00Z", "format": "csv"}, "JSON only"),
    ],
)
def test_a_bad_as_of_is_a_400_naming_it(api_client, query, message):
    response = api_client.get(PATROLS, query)

    assert response.status_code == 400
    assert message in response.json()["as_of"][0]


def test_as_of_is_documented_on_patrols_and_aircraft_types_only(api_client):
    schema = api_client.get("/api/schema/", {"format": "json"}).json()

    def parameters(path):
        return {p["name"] for p in schema["paths"][path]["get"].get("parameters", [])}

    assert "as_of" in parameters("/api/v1/patrols/")
    assert "as_of" in parameters("/api/v1/patrols/{slug}/")
    assert "as_of" in parameters("/api/v1/aircraft-types/")
    assert "as_of" not in parameters("/api/v1/sources/")
    assert "/api/v1/patrols/{slug}/history/" in schema["paths"]


def test_a_past_list_page_costs_a_fixed_number_of_queries(api_client):
    """One query per relation a past patrol shows, not per patrol: a page of 2 and a page of
    12 cost the same (each patrol has a row of every kind, so a per-row query would show)."""
    for _ in range(12):
        patrol = factories.PatrolFactory()
        factories.ParticipationFactory(patrol=patrol)
        factories.InterceptionFactory(patrol=patrol)
        factories.ReportedFigureFactory(patrol=patrol)
        factories.ZoneEntryFactory(patrol=patrol)
        factories.PatrolRegionFactory(patrol=patrol)
        factories.CitationFactory(content_object=patrol)
    moment = timezone.now()

    costs = {}
    api_client.get(PATROLS, {"as_of": moment_param(moment)})  # what is cached once is cached
    for size in (2, 12):
        with CaptureQueriesContext(connection) as queries:
            response = api_client.get(PATROLS, {"as_of": moment_param(moment), "page_size": size})
        assert len(response.json()["results"]) == size
        costs[size] = len(queries)

    assert costs[2] == costs[12], costs


def test_a_record_kept_by_id_has_its_history_under_its_id(api_client):
    participation = factories.ParticipationFactory()
    participation_id = participation.pk
    participation.delete()

    deleted = api_client.get(f"/api/v1/participations/{participation_id}/history/")
    not_an_id = api_client.get("/api/v1/participations/joint/history/")

    assert [v["type"] for v in deleted.json()["results"]] == ["deleted", "created"]
    assert not_an_id.status_code == 404


def test_writes_document_the_change_reason_header(api_client):
    schema = api_client.get("/api/schema/", {"format": "json"}).json()

    for path, method in (("/api/v1/patrols/", "post"), ("/api/v1/patrols/{slug}/", "patch")):
        names = {p["name"] for p in schema["paths"][path][method]["parameters"]}
        assert "X-Change-Reason" in names


def test_anonymous_readers_see_versions_but_not_who_made_them(curator_api_client, api_client):
    factories.SourceFactory(slug="tass-report")
    curator_api_client.patch("/api/v1/sources/tass-report/", {"title": "New"}, format="json")

    [changed, _] = api_client.get("/api/v1/sources/tass-report/history/").json()["results"]

    assert changed["user"] is None
    assert changed["changes"][0]["new"] == "New"


def test_a_change_reason_over_500_characters_is_a_400_and_changes_nothing(curator_api_client):
    factories.SourceFactory(slug="tass-report", title="Old")

    response = curator_api_client.patch(
        "/api/v1/sources/tass-report/",
        {"title": "New"},
        format="json",
        HTTP_X_CHANGE_REASON="x" * 501,
    )

    assert response.status_code == 400
    assert "X-Change-Reason" in response.json()
    assert factories.Source.objects.get(slug="tass-report").title == "Old"


@pytest.mark.parametrize(
    ("moment", "found"), [("0001-01-01T00:00:00+01:00", 0), ("9999-12-31T23:59:59-05:00", 1)]
)
def test_an_as_of_outside_the_calendar_in_utc_answers_as_at_its_end(api_client, moment, found):
    """Valid ISO 8601 (the schema's date-time), beyond year 1 or 9999 only in UTC: answered as
    at the first or last moment, which no version precedes or follows, not refused."""
    factories.PatrolFactory()
    factories.AircraftTypeFactory()
    for url in (PATROLS, TYPES):
        response = api_client.get(url, {"as_of": moment})

        assert response.status_code == 200, response.content
        assert response.json()["count"] == found


def test_as_of_shows_related_records_deleted_since_as_they_were(api_client):
    region = factories.RegionFactory(slug="temporary-zone", name="Temporary zone")
    operator = factories.OrganizationFactory(slug="disbanded-wing", name="Disbanded wing")
    source = factories.SourceFactory(slug="withdrawn-report")
    patrol = factories.PatrolFactory(slug="old-patrol")
    factories.PatrolRegionFactory(patrol=patrol, region=region)
    factories.ParticipationFactory(patrol=patrol, operator=operator)
    factories.CitationFactory(content_object=patrol, source=source)
    moment = timezone.now()
    Patrol.objects.get(pk=patrol.pk).delete()
    for record in (region, operator, source):
        type(record).objects.get(pk=record.pk).delete()

    listed = api_client.get(PATROLS, {"as_of": moment_param(moment)})
    detail = api_client.get(f"{PATROLS}old-patrol/", {"as_of": moment_param(moment)})

    assert listed.status_code == 200
    then = detail.json()
    assert [r["name"] for r in then["regions"]] == ["Temporary zone"]
    assert then["participations"][0]["operator"]["name"] == "Disbanded wing"
    assert [s["slug"] for s in then["sources"]] == ["withdrawn-report"]
