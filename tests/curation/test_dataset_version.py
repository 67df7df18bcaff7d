"""Every API answer names the data set's version in ``X-Dataset-Version``: the same while
nothing changes, a new one after any write — through the API, the admin, the loader, a
many-to-many link — and the old one again when a write rolls back (curation/version.py,
core/dataset_version.py)."""

import pytest
from django.contrib.contenttypes.models import ContentType
from django.db import connection, transaction
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

pytestmark = pytest.mark.django_db

HEADER = "X-Dataset-Version"
READS = [route for route in ROUTES if "GET" in route.methods]


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
    assert response[HEADER].isdigit()


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
    assert int(response[HEADER]) > int(before)
    assert version_of(curator_api_client) == response[HEADER]


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
    assert int(version_of(api_client)) > int(before)


def test_a_loader_run_changes_it_and_a_run_changing_nothing_does_not(api_client):
    before = version_of(api_client)
    load_reference_data()
    loaded = version_of(api_client)
    assert int(loaded) > int(before)

    load_reference_data()

    assert version_of(api_client) == loaded


def test_a_delete_changes_it(api_client):
    patrol = factories.PatrolFactory()
    before = version_of(api_client)
    patrol.delete()
    assert int(version_of(api_client)) > int(before)


def test_a_many_to_many_link_changes_it():
    """``patrol.regions.add()`` inserts its rows in bulk, with no save signal of their own."""
    patrol, region = factories.PatrolFactory(), factories.RegionFactory()
    before = version.current()
    patrol.regions.add(region)
    assert int(version.current()) > int(before)
    linked = version.current()
    patrol.regions.clear()
    assert int(version.current()) > int(linked)


def test_a_write_rolled_back_takes_its_step_back():
    before = version.current()
    with transaction.atomic():
        factories.SourceFactory()
        assert int(version.current()) > int(before)
        transaction.set_rollback(True)
    assert version.current() == before


def test_a_flushed_database_starts_again_from_zero():
    DatasetVersion.objects.all().delete()
    assert version.current() == "0"
    factories.CountryFactory()
    assert int(version.current()) >= 1


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
    assert int(version.current()) > int(before)


def test_it_is_not_part_of_the_exported_data_set():
    """The export's digest names the data, not how many writes made it here."""
    assert DatasetVersion not in data_models()
    assert LoadStamp in data_models()
