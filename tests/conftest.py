"""Fixtures shared by the whole suite: static storage, users with and without rights, the data."""

import io

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.cache import caches
from django.core.management import call_command
from django.db import transaction
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from curation.curators import CURATORS_GROUP


@pytest.fixture(autouse=True)
def plain_static_files(settings):
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }


@pytest.fixture(autouse=True)
def no_answer_cache(settings):
    """The API's answer cache (core/api/response_cache.py) is off unless a test turns it on
    (``answer_cache``): the suite checks how answers are built, and its query counts would
    otherwise count a stored answer's two reads. The cache's own tests run every read route
    both ways and compare the answers."""
    settings.API_RESPONSE_CACHE_SECONDS = 0


def kept_for_the_test(settings, setting):
    """An API cache on for one test, every cache empty before and after it (a test may have
    configured caches of its own)."""
    setattr(settings, setting, 3600)
    for alias in caches:
        caches[alias].clear()
    yield
    for alias in caches:
        caches[alias].clear()


@pytest.fixture
def answer_cache(settings):
    """The answer cache on, and empty. A test's writes are rolled back, so the next test can
    reach the same data generation with other data and must not read the answers stored under
    it (on a site a generation is never reached twice: see core/api/response_cache.py)."""
    yield from kept_for_the_test(settings, "API_RESPONSE_CACHE_SECONDS")


@pytest.fixture(autouse=True)
def no_record_cache(settings):
    """A list page's records are built, not kept (core/api/record_cache.py), unless a test
    turns the record cache on (``record_cache``): the query counts the suite asserts are a
    built page's. The record cache's own tests compare kept pages with built ones."""
    settings.API_RECORD_CACHE_SECONDS = 0


@pytest.fixture
def record_cache(settings):
    """The record cache on, and empty (a test's writes are rolled back: see ``answer_cache``)."""
    yield from kept_for_the_test(settings, "API_RECORD_CACHE_SECONDS")


@pytest.fixture(autouse=True)
def no_count_cache(settings):
    """A list's count is counted, not kept (core/api/count_cache.py), unless a test turns the
    count cache on (``count_cache``): a test's writes are rolled back, so the next test could
    reach the same generation with other rows (see ``answer_cache``)."""
    settings.API_COUNT_CACHE_SECONDS = 0


@pytest.fixture
def count_cache(settings):
    """The count cache on, and empty."""
    yield from kept_for_the_test(settings, "API_COUNT_CACHE_SECONDS")


@pytest.fixture(autouse=True)
def no_throttling(settings):
    """Throttling is off in tests unless a test turns it on (see test_api_throttling)."""
    settings.API_ANON_THROTTLE_RATE = None
    settings.API_TOKEN_THROTTLE_RATE = None


@pytest.fixture(scope="module")
def schema(django_db_blocker):
    """The OpenAPI document the site serves, fetched once per module."""
    from django.test import Client

    with django_db_blocker.unblock():
        response = Client().get("/api/schema/", HTTP_ACCEPT="application/vnd.oai.openapi+json")
    assert response.status_code == 200
    return response.json()


@pytest.fixture
def api_client():
    """An anonymous API client."""
    return APIClient()


@pytest.fixture
def curator_token(curator):
    return Token.objects.create(user=curator)


@pytest.fixture
def curator_api_client(curator_token):
    """An API client authenticated as a curator with a token, as a script would be."""
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {curator_token.key}")
    return client


@pytest.fixture
def curators_group(db):
    """The group the data migration creates; looked up, never created here."""
    return Group.objects.get(name=CURATORS_GROUP)


@pytest.fixture
def curator(curators_group):
    user = get_user_model().objects.create_user("curator", is_staff=True)
    user.groups.add(curators_group)
    return user


@pytest.fixture
def curator_client(client, curator):
    client.force_login(curator)
    return client


@pytest.fixture
def staff_without_permissions(db):
    return get_user_model().objects.create_user("clerk", is_staff=True)


@pytest.fixture
def staff_without_permissions_client(client, staff_without_permissions):
    client.force_login(staff_without_permissions)
    return client


# --- The curated data set, loaded once per test module ---------------------------------------


def load_reference_data(**options):
    """Run the loader command; return what it printed."""
    out = io.StringIO()
    call_command("load_reference_data", stdout=out, **options)
    return out.getvalue()


@pytest.fixture(scope="module")
def loaded_once(django_db_setup, django_db_blocker):
    """Load the data set once for a module; each test then runs in its own savepoint."""
    with django_db_blocker.unblock(), transaction.atomic():
        load_reference_data()
        yield
        transaction.set_rollback(True)


@pytest.fixture
def loaded(loaded_once, db):
    return None
