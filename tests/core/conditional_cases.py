"""Helpers for the conditional-request tests: read a record's ETag, save it behind the
client's back, check a refusal, and a patrol to read and write.

``patrol`` and ``patrol_url`` are fixtures: a test module binds them to names of its own
(``patrol = conditional_cases.patrol``) for pytest to find them.
"""

import pytest

from patrols.models import PatrolRegion
from tests import factories
from tests.api_resources import RESOURCES

ALL = sorted(RESOURCES)
PATROLS = "/api/v1/patrols/"


# --- Helpers --------------------------------------------------------------------------------------


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


# --- A patrol to read and write -------------------------------------------------------------------


@pytest.fixture
def patrol():
    patrol = factories.PatrolFactory(slug="joint-patrol-9")
    factories.CitationFactory(content_object=patrol)  # as every write path leaves a patrol
    return patrol


@pytest.fixture
def patrol_url(patrol):
    return f"{PATROLS}{patrol.slug}/"
