"""``If-Match``: a write sent with the ETag of a copy that is no longer current is refused with
a 412 and changes nothing; sent with the current one, it is made.

Written to a source (a record with no children), and to a patrol written with its
participations. Which resources honour it is in test_api_conditional.py.
"""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests import factories
from tests.api_resources import list_url
from tests.core.conditional_cases import PATROLS, assert_refused_as_stale, etag_of

pytestmark = pytest.mark.django_db


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
    locked = next(i for i, sql in enumerate(statements) if " FOR UPDATE" in sql)
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
