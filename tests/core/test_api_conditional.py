"""Conflict-safe edits: every record carries an ETag; a write sent with a stale one is refused.

A client reads a record and keeps its ``ETag``. Sending it back in ``If-Match`` makes a PUT,
PATCH or DELETE happen only if nobody changed the record since: otherwise the answer is 412 and
nothing is changed. Sending it in ``If-None-Match`` makes a read answer 304 with no body while
the copy is current. Without these headers everything works as before.

The ETag changes whenever the record's representation does, however the change was made: a
save through the API or the ORM (the admin's way), a citation, a child record edited on its
own, a related record renamed.

The details of ``If-Match`` are in test_api_if_match.py, every precondition header on every
method in test_api_preconditions.py, the schema's account of it all in
test_api_conditional_schema.py.
"""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from patrols.models import Participation, Patrol
from tests import factories
from tests.api_resources import build, detail_url, written
from tests.core import conditional_cases
from tests.core.conditional_cases import (
    ALL,
    PATROLS,
    assert_refused_as_stale,
    etag_of,
    saved_elsewhere,
    stored,
)

pytestmark = pytest.mark.django_db

# Fixtures from tests.core.conditional_cases, bound to these names for pytest to find.
patrol = conditional_cases.patrol
patrol_url = conditional_cases.patrol_url


# --- Every resource -------------------------------------------------------------------------------


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
    url = detail_url(resource, written(resource))
    tag = etag_of(curator_api_client, url)

    response = curator_api_client.patch(url, {}, format="json", HTTP_IF_MATCH=tag)

    assert response.status_code == 200, response.content
    assert response["ETag"] == etag_of(curator_api_client, url)


@pytest.mark.parametrize("resource", ALL)
def test_a_delete_on_the_current_copy_is_made(resource, curator_api_client):
    record = written(resource)
    url = detail_url(resource, record)

    response = curator_api_client.delete(url, HTTP_IF_MATCH=etag_of(curator_api_client, url))

    assert response.status_code == 204
    assert stored(record) is None


# --- What changes the ETag ------------------------------------------------------------------------


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


# --- If-None-Match --------------------------------------------------------------------------------


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


def test_a_list_carries_the_etag_of_its_page(api_client, patrol):
    """Lists are tagged too (tests/core/test_api_list_etags.py covers every list)."""
    tag = api_client.get(PATROLS)["ETag"]

    assert api_client.get(PATROLS, HTTP_IF_NONE_MATCH=tag).status_code == 304
