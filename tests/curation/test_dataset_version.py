"""Every API answer names the data set's version in ``X-Dataset-Version``: the digest
``export_dataset`` gives for the same data — the same while nothing changes, a new one after any
write (through the API, the admin, the loader, a many-to-many link), the old one again when a
write rolls back or the data returns to what it was (curation/version.py,
core/dataset_version.py)."""

import io
import re

import pytest
from django.contrib.contenttypes.models import ContentType
from django.core.management import call_command
from django.db import connection, transaction
from django.db.models import F
from django.test.utils import CaptureQueriesContext

from curation import version
from curation.dataset.scope import data_models
from curation.loading.batch import Attachments
from curation.models import DatasetVersion, LoadStamp
from reference.models import Citation, Source
from tests import factories
from tests.api_resources import list_url
from tests.conftest import load_reference_data
from tests.core.api_routes import ROUTES, params

# Each test commits (as the site does): the digest is computed when a write commits, which a
# test's own transaction never does.
pytestmark = pytest.mark.django_db(transaction=True)

HEADER = "X-Dataset-Version"
DIGEST = re.compile(r"sha256:[0-9a-f]{64}")
READS = [route for route in ROUTES if "GET" in route.methods]


def exported():
    """The dataset version ``export_dataset`` prints."""
    report = io.StringIO()
    call_command("export_dataset", "-", stdout=io.StringIO(), stderr=report)
    return re.search(r"\(dataset (sha256:[0-9a-f]{64})\)", report.getvalue())[1]


def version_of(client, url="/api/v1/"):
    response = client.get(url)
    assert response.status_code == 200, response.content
    return response[HEADER]


@pytest.mark.parametrize("route", params((route,) for route in READS))
def test_every_api_route_names_the_version(route, api_client):
    url = route.url()
    response = api_client.get(url, {"group_by": "country"} if "stats" in route.name else {})

    assert response.status_code == 200, response.content
    assert response[HEADER] == version.current()
    assert DIGEST.fullmatch(response[HEADER])


@pytest.mark.parametrize("url", ["/api/v1/patrols/?yr=1", "/api/v1/no-such-thing/"])
def test_errors_name_it_too(url, api_client):
    response = api_client.get(url)
    assert response.status_code in (400, 404)
    assert response[HEADER] == version.current()


def test_answers_refused_at_the_edge_name_it(api_client, settings):
    settings.DATA_UPLOAD_MAX_NUMBER_FIELDS = 2
    too_many = api_client.get("/api/v1/patrols/?a=1&b=2&c=3")
    without_body = api_client.generic("PATCH", "/api/v1/patrols/x/")

    assert (too_many.status_code, without_body.status_code) == (400, 400)
    assert too_many[HEADER] == without_body[HEADER] == version.current()


def test_the_schema_and_docs_name_it(client):
    for url in ("/api/schema/", "/api/docs/", "/api/redoc/"):
        assert client.get(url)[HEADER] == version.current()


def test_outside_the_api_there_is_no_header(client):
    assert HEADER not in client.get("/admin/login/")


def test_nothing_changed_same_version(api_client):
    factories.PatrolFactory()
    first = version_of(api_client)
    version_of(api_client, list_url("patrols"))
    assert version_of(api_client, list_url("patrols")) == first == version_of(api_client)


def test_an_api_write_changes_it_and_its_answer_names_the_new_one(curator_api_client):
    factories.SourceFactory(slug="kyodo", title="Kyodo")
    before = version_of(curator_api_client)

    response = curator_api_client.patch(
        list_url("sources") + "kyodo/", {"title": "Kyodo News"}, format="json"
    )

    assert response.status_code == 200
    assert response[HEADER] != before
    assert version_of(curator_api_client) == response[HEADER] == exported()


def test_a_refused_api_write_leaves_it(curator_api_client):
    factories.SourceFactory(slug="kyodo", title="Kyodo")
    before = version_of(curator_api_client)

    response = curator_api_client.patch(
        list_url("sources") + "kyodo/", {"title": ""}, format="json"
    )

    assert response.status_code == 400
    assert response[HEADER] == before == version_of(curator_api_client)


def test_an_admin_write_changes_it(curator_client, api_client):
    source = factories.SourceFactory()
    before = version_of(api_client)

    response = curator_client.post(f"/admin/reference/source/{source.pk}/delete/", {"post": "yes"})

    assert response.status_code == 302
    assert not Source.objects.filter(pk=source.pk).exists()
    assert version_of(api_client) != before
    assert version_of(api_client) == exported()


def test_a_loader_run_changes_it_and_a_run_changing_nothing_does_not(api_client):
    before = version_of(api_client)
    load_reference_data()
    loaded = version_of(api_client)
    assert loaded != before
    assert loaded == exported()

    load_reference_data()

    assert version_of(api_client) == loaded


def test_a_delete_changes_it(api_client):
    patrol = factories.PatrolFactory()
    before = version_of(api_client)
    patrol.delete()
    assert version_of(api_client) != before


def test_a_many_to_many_link_changes_it():
    """``patrol.regions.add()`` inserts its rows in bulk, with no save signal of their own."""
    patrol, region = factories.PatrolFactory(), factories.RegionFactory()
    before = version.current()
    patrol.regions.add(region)
    linked = version.current()
    assert linked != before and linked == exported()
    patrol.regions.clear()
    assert version.current() not in (before, linked)
    assert version.current() == exported()


def test_a_write_rolled_back_takes_its_step_back():
    before = version.current()
    with transaction.atomic():
        factories.SourceFactory()
        transaction.set_rollback(True)
    assert version.current() == before == exported()


def test_a_flushed_database_computes_it_again():
    factories.CountryFactory()
    DatasetVersion.objects.all().delete()
    assert version.current() == exported()
    factories.CountryFactory()
    assert version.current() == exported()


def test_reading_it_costs_one_query(api_client):
    api_client.get("/api/v1/")
    with CaptureQueriesContext(connection) as queries:
        api_client.get("/api/v1/")
    assert [q["sql"] for q in queries.captured_queries if "datasetversion" in q["sql"]]
    assert len(queries) == 1


def test_the_schema_documents_it_on_every_answer(schema):
    for path, methods in schema["paths"].items():
        for method, operation in methods.items():
            for code, answer in operation["responses"].items():
                if not code.startswith("5"):
                    assert HEADER in answer.get("headers", {}), (path, method, code)


def test_the_loaders_bulk_creations_change_it():
    """Rows created in bulk send no save signal; the loader counts them itself."""
    patrol, source = factories.PatrolFactory(), factories.SourceFactory()
    attachments = Attachments("test")
    rows = attachments.on(Citation, ContentType.objects.get_for_model(patrol), patrol)
    before = version.current()

    attachments.add(rows, Citation(content_object=patrol, source=source))
    attachments.create()

    assert Citation.objects.filter(object_id=patrol.pk, source=source).exists()
    assert version.current() != before


def test_it_is_not_part_of_the_exported_data_set():
    """The export's digest names the data, not how many writes made it here."""
    assert DatasetVersion not in data_models()
    assert LoadStamp in data_models()


# --- The header is export_dataset's digest, kept current on writes ---------------------------


def test_after_loading_the_curated_data_it_is_the_exports_digest(api_client):
    load_reference_data()

    assert DIGEST.fullmatch(version_of(api_client))
    assert version_of(api_client) == exported()


def test_after_an_admin_write_it_is_the_exports_digest(curator_client, api_client):
    factories.SourceFactory(slug="kyodo", title="Kyodo")
    before = version_of(api_client)
    source = Source.objects.get(slug="kyodo")

    curator_client.post(f"/admin/reference/source/{source.pk}/delete/", {"post": "yes"})

    assert version_of(api_client) == exported() != before


@pytest.fixture
def refreshes(monkeypatch):
    """The digests computed, one list entry each."""
    computed = []
    compute = version.refresh

    def counted():
        computed.append(1)
        return compute()

    monkeypatch.setattr(version, "refresh", counted)
    return computed


def test_a_transaction_computes_it_once_when_it_commits_however_many_rows_it_writes(
    refreshes, api_client
):
    version_of(api_client)
    refreshes.clear()
    with transaction.atomic():
        for _ in range(5):
            factories.SourceFactory()
        assert not refreshes  # not before the commit

    assert len(refreshes) == 1
    stored = DatasetVersion.objects.get()
    assert stored.digest_number == stored.number and stored.digest == exported()
    with CaptureQueriesContext(connection) as queries:
        assert version_of(api_client) == stored.digest
    assert len(queries) == 1  # stored at commit: the answer only reads it
    assert len(refreshes) == 1


def test_a_load_computes_it_once(refreshes):
    load_reference_data()

    assert len(refreshes) == 1
    assert DatasetVersion.objects.get().digest == exported()


def test_a_write_rolled_back_computes_nothing(refreshes, api_client):
    before = version_of(api_client)
    computed = len(refreshes)
    with transaction.atomic():
        factories.SourceFactory()
        transaction.set_rollback(True)

    assert len(refreshes) == computed
    assert version_of(api_client) == before == exported()


def test_inside_a_transaction_not_yet_committed_it_is_the_last_committed_one(api_client):
    before = version_of(api_client)
    with transaction.atomic():
        factories.SourceFactory()
        assert version.current() == before
    assert version.current() != before


def test_a_digest_computed_before_a_later_write_never_overwrites_it(monkeypatch):
    """Two writers commit; the first computes slowly and finishes last. Its digest belongs to
    an older count and is not stored over the newer one."""
    factories.SourceFactory()
    newer = version.current()
    row = DatasetVersion.objects.get()
    monkeypatch.setattr(
        "curation.dataset.export.digest", lambda alongside: ("sha256:" + "0" * 64, row.number - 1)
    )

    version.refresh()

    assert DatasetVersion.objects.get().digest == newer


def test_a_digest_behind_the_counter_is_computed_by_the_next_answer(api_client):
    """A crash between a commit and computing its digest leaves the stored one behind."""
    factories.SourceFactory()
    version_of(api_client)
    DatasetVersion.objects.update(number=F("number") + 1)  # a write whose digest never came

    assert version_of(api_client) == exported()
    stored = DatasetVersion.objects.get()
    assert stored.digest_number == stored.number
