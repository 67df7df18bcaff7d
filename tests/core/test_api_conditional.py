"""Conflict-safe edits: every record carries an ETag; a write sent with a stale one is refused.

A client reads a record and keeps its ``ETag``. Sending it back in ``If-Match`` makes a PUT,
PATCH or DELETE happen only if nobody changed the record since: otherwise the answer is 412 and
nothing is changed. Sending it in ``If-None-Match`` makes a read answer 304 with no body while
the copy is current. Without these headers everything works as before.

The ETag changes whenever the record's representation does, however the change was made: a
save through the API or the ORM (the admin's way), a citation, a child record edited on its
own, a related record renamed.
"""

import pytest
import schemathesis
from django.core.signals import request_finished, request_started
from django.db import close_old_connections, connection
from django.test.utils import CaptureQueriesContext

from config.wsgi import application
from patrols.models import Participation, Patrol, PatrolRegion
from tests import factories
from tests.api_resources import RESOURCES, build, detail_url, list_url

pytestmark = pytest.mark.django_db

ALL = sorted(RESOURCES)
PATROLS = "/api/v1/patrols/"


# --- Helpers ------------------------------------------------------------------------------------


def model_of(resource):
    factory, _ = RESOURCES[resource]
    return factory._meta.model


def stored(record):
    """The record's row as the database holds it now (None once deleted)."""
    return type(record).objects.filter(pk=record.pk).values().first()


def etag_of(client, url):
    response = client.get(url)
    assert response.status_code == 200, response.content
    return response["ETag"]


def saved_elsewhere(record):
    """Someone else (the admin, a script) saves the record after our client read it."""
    if isinstance(record, PatrolRegion):  # no timestamp: only a visible change is a new version
        record.region = factories.RegionFactory()
    record.save()


def assert_refused_as_stale(response):
    assert response.status_code == 412, response.content
    assert response["Content-Type"].startswith("application/json")
    assert "If-Match" in response.json()["detail"]


# --- Every resource ----------------------------------------------------------------------------


@pytest.mark.parametrize("resource", ALL)
def test_a_record_carries_a_strong_etag_that_a_second_read_repeats(resource, api_client):
    url = detail_url(resource, build(resource))

    tag = etag_of(api_client, url)

    assert tag.startswith('"') and tag.endswith('"')
    assert etag_of(api_client, url) == tag


@pytest.mark.parametrize("resource", ALL)
def test_a_current_copy_is_not_sent_again(resource, api_client):
    url = detail_url(resource, build(resource))
    tag = etag_of(api_client, url)

    response = api_client.get(url, HTTP_IF_NONE_MATCH=tag)

    assert response.status_code == 304
    assert response.content == b""
    assert response["ETag"] == tag


@pytest.mark.parametrize("resource", ALL)
def test_a_save_elsewhere_changes_the_etag_and_a_stale_copy_is_sent_again(resource, api_client):
    record = build(resource)
    url = detail_url(resource, record)
    old = etag_of(api_client, url)

    saved_elsewhere(record)
    response = api_client.get(url, HTTP_IF_NONE_MATCH=old)

    assert response.status_code == 200
    assert response["ETag"] != old


@pytest.mark.parametrize("resource", ALL)
def test_a_patch_on_a_stale_copy_is_refused_and_changes_nothing(resource, curator_api_client):
    record = build(resource)
    url = detail_url(resource, record)
    old = etag_of(curator_api_client, url)
    saved_elsewhere(record)
    before = stored(record)

    response = curator_api_client.patch(url, {}, format="json", HTTP_IF_MATCH=old)

    assert_refused_as_stale(response)
    assert stored(record) == before


@pytest.mark.parametrize("resource", ALL)
def test_a_delete_on_a_stale_copy_is_refused_and_deletes_nothing(resource, curator_api_client):
    record = build(resource)
    url = detail_url(resource, record)
    old = etag_of(curator_api_client, url)
    saved_elsewhere(record)
    before = stored(record)

    response = curator_api_client.delete(url, HTTP_IF_MATCH=old)

    assert_refused_as_stale(response)
    assert stored(record) == before


@pytest.mark.parametrize("resource", ALL)
def test_a_patch_on_the_current_copy_is_made_and_answers_with_the_new_etag(
    resource, curator_api_client
):
    url = detail_url(resource, build(resource))
    tag = etag_of(curator_api_client, url)

    response = curator_api_client.patch(url, {}, format="json", HTTP_IF_MATCH=tag)

    assert response.status_code == 200, response.content
    assert response["ETag"] == etag_of(curator_api_client, url)


@pytest.mark.parametrize("resource", ALL)
def test_a_delete_on_the_current_copy_is_made(resource, curator_api_client):
    record = build(resource)
    url = detail_url(resource, record)

    response = curator_api_client.delete(url, HTTP_IF_MATCH=etag_of(curator_api_client, url))

    assert response.status_code == 204
    assert stored(record) is None


# --- What changes the ETag ---------------------------------------------------------------------


@pytest.fixture
def patrol():
    return factories.PatrolFactory(slug="joint-patrol-9")


@pytest.fixture
def patrol_url(patrol):
    return f"{PATROLS}{patrol.slug}/"


def test_a_save_through_the_api_changes_the_etag(curator_api_client, patrol_url):
    old = etag_of(curator_api_client, patrol_url)

    response = curator_api_client.patch(patrol_url, {"summary": "Revised."}, format="json")

    assert response["ETag"] != old
    assert response["ETag"] == etag_of(curator_api_client, patrol_url)


def test_a_save_that_changes_no_field_still_changes_the_etag(api_client, patrol, patrol_url):
    """As the admin's "Save" without edits does: the record's updated_at moves on."""
    old = etag_of(api_client, patrol_url)
    Patrol.objects.get(pk=patrol.pk).save()
    assert etag_of(api_client, patrol_url) != old


def test_a_new_citation_changes_the_etag(api_client, patrol, patrol_url):
    old = etag_of(api_client, patrol_url)
    factories.CitationFactory(content_object=patrol)
    assert etag_of(api_client, patrol_url) != old


def test_a_participation_edited_on_its_own_changes_its_patrols_etag(api_client, patrol, patrol_url):
    """Editing a participation does not touch the patrol's row, yet the patrol shows it."""
    participation = factories.ParticipationFactory(patrol=patrol, count=2)
    old = etag_of(api_client, patrol_url)

    Participation.objects.filter(pk=participation.pk).update(count=3)

    assert etag_of(api_client, patrol_url) != old


def test_a_related_record_renamed_changes_the_etag_of_records_showing_it(
    api_client, patrol, patrol_url
):
    participation = factories.ParticipationFactory(patrol=patrol)
    old = etag_of(api_client, patrol_url)

    participation.operator.name = "Renamed Air Force"
    participation.operator.save()

    assert etag_of(api_client, patrol_url) != old


def test_the_etag_does_not_depend_on_the_host_the_client_used(api_client, patrol_url, settings):
    """The record's URLs hold the host; the ETag leaves it out, so behind a proxy or under two
    names a client's ETag stays valid."""
    settings.ALLOWED_HOSTS = ["testserver", "aviation.example.org"]
    plain = api_client.get(patrol_url)
    elsewhere = api_client.get(patrol_url, HTTP_HOST="aviation.example.org", secure=True)

    assert "https://aviation.example.org/" in elsewhere.json()["url"]
    assert elsewhere["ETag"] == plain["ETag"]


def test_the_browsable_api_and_csv_get_weak_etags_of_their_own(api_client, patrol_url):
    strong = etag_of(api_client, patrol_url)
    page = api_client.get(patrol_url, HTTP_ACCEPT="text/html")
    row = api_client.get(f"{patrol_url}?format=csv")

    assert page["ETag"].startswith("W/") and row["ETag"].startswith("W/")
    assert len({strong, page["ETag"], row["ETag"]}) == 3
    again = api_client.get(patrol_url, HTTP_ACCEPT="text/html", HTTP_IF_NONE_MATCH=page["ETag"])
    assert again.status_code == 304


# --- If-None-Match ------------------------------------------------------------------------------


def test_if_none_match_takes_a_list_and_star(api_client, patrol_url):
    tag = etag_of(api_client, patrol_url)

    assert api_client.get(patrol_url, HTTP_IF_NONE_MATCH=f'"other", {tag}').status_code == 304
    assert api_client.get(patrol_url, HTTP_IF_NONE_MATCH="*").status_code == 304
    assert api_client.get(patrol_url, HTTP_IF_NONE_MATCH=f"W/{tag}").status_code == 304
    assert api_client.get(patrol_url, HTTP_IF_NONE_MATCH='"other"').status_code == 200


def test_a_head_request_honours_if_none_match(api_client, patrol_url):
    tag = etag_of(api_client, patrol_url)
    assert api_client.head(patrol_url, HTTP_IF_NONE_MATCH=tag).status_code == 304


def test_reading_a_record_costs_no_query_for_its_etag(api_client, patrol_url):
    api_client.get(patrol_url)  # content types and the like are cached from here on
    with CaptureQueriesContext(connection) as plain:
        tag = etag_of(api_client, patrol_url)
    with CaptureQueriesContext(connection) as conditional:
        assert api_client.get(patrol_url, HTTP_IF_NONE_MATCH=tag).status_code == 304
    assert len(conditional) == len(plain)


def test_lists_carry_no_etag(api_client, patrol):
    assert "ETag" not in api_client.get(PATROLS)


# --- If-Match -----------------------------------------------------------------------------------


def source_payload(title):
    return {"slug": "kyodo-report", "title": title, "kind": "news_report"}


@pytest.fixture
def source_url():
    factories.SourceFactory(slug="kyodo-report", title="Kyodo report")
    return list_url("sources") + "kyodo-report/"


def test_a_put_on_a_stale_copy_is_refused_and_changes_nothing(curator_api_client, source_url):
    old = etag_of(curator_api_client, source_url)
    curator_api_client.patch(source_url, {"publisher": "Kyodo"}, format="json")  # someone else

    response = curator_api_client.put(
        source_url, source_payload("Mine"), format="json", HTTP_IF_MATCH=old
    )

    assert_refused_as_stale(response)
    assert "changed since you read it" in response.json()["detail"]
    current = curator_api_client.get(source_url).json()
    assert (current["title"], current["publisher"]) == ("Kyodo report", "Kyodo")


def test_a_put_on_the_current_copy_is_made(curator_api_client, source_url):
    tag = etag_of(curator_api_client, source_url)

    response = curator_api_client.put(
        source_url, source_payload("Mine"), format="json", HTTP_IF_MATCH=tag
    )

    assert response.status_code == 200, response.content
    assert response.json()["title"] == "Mine"
    assert response["ETag"] not in (tag, None)


def test_the_first_of_two_writes_on_one_copy_wins(curator_api_client, source_url):
    tag = etag_of(curator_api_client, source_url)
    first = curator_api_client.patch(
        source_url, {"title": "First"}, format="json", HTTP_IF_MATCH=tag
    )
    second = curator_api_client.patch(
        source_url, {"title": "Second"}, format="json", HTTP_IF_MATCH=tag
    )

    assert first.status_code == 200
    assert_refused_as_stale(second)
    assert curator_api_client.get(source_url).json()["title"] == "First"


def test_the_row_is_locked_from_the_comparison_to_the_write(curator_api_client, source_url):
    """Nobody can save between the If-Match check and the write (PostgreSQL; SQLite lets one
    writer in at a time anyway)."""
    if not connection.features.has_select_for_update:
        pytest.skip("the database has no row locks")
    tag = etag_of(curator_api_client, source_url)

    with CaptureQueriesContext(connection) as write:
        curator_api_client.patch(source_url, {"title": "Mine"}, format="json", HTTP_IF_MATCH=tag)

    statements = [query["sql"].lstrip() for query in write.captured_queries]
    locked = next(i for i, sql in enumerate(statements) if sql.endswith("FOR UPDATE"))
    assert any(sql.startswith("UPDATE") for sql in statements[locked:])


def test_if_match_takes_a_list_and_star(curator_api_client, source_url):
    tag = etag_of(curator_api_client, source_url)
    listed = curator_api_client.patch(
        source_url, {"title": "A"}, format="json", HTTP_IF_MATCH=f'"other", {tag}'
    )
    assert listed.status_code == 200

    starred = curator_api_client.patch(source_url, {"title": "B"}, format="json", HTTP_IF_MATCH="*")
    assert starred.status_code == 200


def test_a_weak_etag_never_matches_a_write(curator_api_client, source_url):
    tag = etag_of(curator_api_client, source_url)

    response = curator_api_client.patch(
        source_url, {"title": "Mine"}, format="json", HTTP_IF_MATCH=f"W/{tag}"
    )

    assert_refused_as_stale(response)
    assert "weak" in response.json()["detail"]


def test_an_etag_without_quotes_is_refused_saying_how_to_send_it(curator_api_client, source_url):
    tag = etag_of(curator_api_client, source_url)

    response = curator_api_client.patch(
        source_url, {"title": "Mine"}, format="json", HTTP_IF_MATCH=tag.strip('"')
    )

    assert_refused_as_stale(response)
    assert "quotes" in response.json()["detail"]


def test_without_if_match_writes_work_as_before(curator_api_client, source_url):
    curator_api_client.patch(source_url, {"publisher": "Kyodo"}, format="json")
    assert curator_api_client.patch(source_url, {"title": "Mine"}, format="json").status_code == 200
    assert curator_api_client.delete(source_url).status_code == 204


def test_a_new_record_answers_with_its_etag(curator_api_client):
    response = curator_api_client.post(list_url("sources"), source_payload("New"), format="json")

    assert response.status_code == 201
    assert response["ETag"] == etag_of(curator_api_client, list_url("sources") + "kyodo-report/")


def test_a_patrol_written_with_its_participations_is_guarded_too(curator_api_client):
    patrol = factories.PatrolFactory()
    url = f"{PATROLS}{patrol.slug}/"
    old = etag_of(curator_api_client, url)
    factories.ParticipationFactory(patrol=patrol)  # added by someone else meanwhile

    response = curator_api_client.patch(
        url, {"participations": []}, format="json", HTTP_IF_MATCH=old
    )

    assert_refused_as_stale(response)
    assert patrol.participations.count() == 1


@pytest.mark.parametrize(
    ("who", "status"), [("anonymous", 401), ("curator", 404)], ids=["anonymous", "missing"]
)
def test_authentication_and_existence_are_answered_before_if_match(
    who, status, api_client, curator_api_client, source_url
):
    client = api_client if who == "anonymous" else curator_api_client
    url = source_url if who == "anonymous" else list_url("sources") + "no-such-source/"

    response = client.patch(url, {}, format="json", HTTP_IF_MATCH='"stale"')

    assert response.status_code == status


# --- The schema ---------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def schema(django_db_blocker):
    from django.test import Client

    with django_db_blocker.unblock():
        response = Client().get("/api/schema/", HTTP_ACCEPT="application/vnd.oai.openapi+json")
    return response.json()


def header_parameters(operation):
    return {p["name"] for p in operation.get("parameters", []) if p["in"] == "header"}


@pytest.mark.parametrize("resource", ALL)
def test_the_schema_documents_conditional_requests_on_every_record(schema, resource):
    key = {"code": "code", "slug": "slug", "pk": "id"}[RESOURCES[resource][1]]
    record = schema["paths"][f"/api/v1/{resource}/{{{key}}}/"]

    assert "If-None-Match" in header_parameters(record["get"])
    assert "ETag" in record["get"]["responses"]["200"]["headers"]
    assert "ETag" in record["get"]["responses"]["304"]["headers"]
    for method in ("put", "patch", "delete"):
        assert "If-Match" in header_parameters(record[method]), method
        refused = record[method]["responses"]["412"]["content"]["application/json"]
        assert refused["schema"] == {"$ref": "#/components/schemas/Error"}
    for method in ("put", "patch"):
        assert "ETag" in record[method]["responses"]["200"]["headers"]


def test_lists_and_actions_document_no_conditional_requests(schema):
    for path in ("/api/v1/patrols/", "/api/v1/patrols/stats/"):
        operation = schema["paths"][path]["get"]
        assert not header_parameters(operation) & {"If-Match", "If-None-Match"}, path
        assert not {"304", "412"} & set(operation["responses"]), path


@pytest.fixture(scope="module")
def openapi(django_db_blocker):
    with django_db_blocker.unblock():
        return schemathesis.openapi.from_wsgi("/api/schema/?format=json", application)


@pytest.fixture
def through_wsgi():
    """As in test_api_fuzz: the WSGI handler must not close the test's own connection."""
    for signal in (request_started, request_finished):
        signal.disconnect(close_old_connections)
    yield
    for signal in (request_started, request_finished):
        signal.connect(close_old_connections)


@pytest.mark.parametrize(
    ("method", "headers", "status"),
    [
        ("GET", {}, 200),
        ("GET", {"If-None-Match": "*"}, 304),
        ("PUT", {"If-Match": '"stale"'}, 412),
        ("PATCH", {"If-Match": '"stale"'}, 412),
        ("DELETE", {"If-Match": '"stale"'}, 412),
    ],
)
def test_conditional_answers_are_as_documented(
    openapi, through_wsgi, curator_token, patrol, method, headers, status
):
    """The fuzz tests rarely hit a record that exists; these answers are checked here."""
    body = {"body": {}} if method in ("PUT", "PATCH") else {}
    case = openapi["/api/v1/patrols/{slug}/"][method].Case(
        path_parameters={"slug": patrol.slug}, headers=headers, **body
    )

    response = case.call_and_validate(headers={"Authorization": f"Token {curator_token.key}"})

    assert response.status_code == status
