"""Who may do what through the API: reads are open; writes need the model's permission.

Anonymous writes are told to authenticate (401); a signed-in user without the permission is
refused (403); curators and superusers write (2xx). A refused write changes nothing.
"""

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Permission
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from patrols.models import Patrol
from tests.api_resources import RESOURCES, build, detail_url, list_url, written

pytestmark = pytest.mark.django_db

ALL = sorted(RESOURCES)


def token_client(user):
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {Token.objects.create(user=user).key}")
    return client


@pytest.fixture
def reader_client(db):
    """Signed in (by token) but holding no permission."""
    return token_client(get_user_model().objects.create_user("reader"))


@pytest.fixture
def superuser_client(db):
    return token_client(get_user_model().objects.create_superuser("root", password="x"))


def model_of(resource):
    factory, _ = RESOURCES[resource]
    return factory._meta.model


def snapshot(resource):
    return list(model_of(resource).objects.order_by("pk").values())


@pytest.mark.parametrize("resource", ALL)
def test_anyone_reads(resource, api_client, reader_client):
    record = build(resource)
    for client in (api_client, reader_client):
        assert client.get(list_url(resource)).status_code == 200
        assert client.get(detail_url(resource, record)).status_code == 200


@pytest.mark.parametrize("resource", ALL)
@pytest.mark.parametrize(
    ("who", "status"), [("anonymous", 401), ("reader", 403)], ids=["anonymous", "reader"]
)
def test_refused_writes_change_nothing(resource, who, status, api_client, reader_client):
    client = api_client if who == "anonymous" else reader_client
    record = build(resource)
    before = snapshot(resource)

    assert client.post(list_url(resource), {}, format="json").status_code == status
    assert client.put(detail_url(resource, record), {}, format="json").status_code == status
    assert client.patch(detail_url(resource, record), {}, format="json").status_code == status
    response = client.delete(detail_url(resource, record))

    assert response.status_code == status
    assert "detail" in response.json()
    assert snapshot(resource) == before


def test_anonymous_refusal_says_how_to_authenticate(api_client):
    response = api_client.post(list_url("sources"), {}, format="json")
    assert response.status_code == 401
    assert response["WWW-Authenticate"] == "Token"


@pytest.mark.parametrize("resource", ALL)
@pytest.mark.parametrize("who", ["curator", "superuser"])
def test_curators_and_superusers_delete(resource, who, curator_api_client, superuser_client):
    client = curator_api_client if who == "curator" else superuser_client
    record = written(resource)

    assert client.delete(detail_url(resource, record)).status_code == 204
    assert not model_of(resource).objects.filter(pk=record.pk).exists()


def source_payload(n):
    return {"slug": f"report-{n}", "title": f"Report {n}", "kind": "news_report"}


@pytest.mark.parametrize("who", ["curator", "superuser"])
def test_curators_and_superusers_create_and_update(who, curator_api_client, superuser_client):
    client = curator_api_client if who == "curator" else superuser_client

    created = client.post(list_url("sources"), source_payload(1), format="json")
    assert created.status_code == 201, created.json()
    url = list_url("sources") + "report-1/"
    assert client.patch(url, {"publisher": "TASS"}, format="json").json()["publisher"] == "TASS"
    replaced = client.put(url, {**source_payload(1), "title": "Renamed"}, format="json")
    assert replaced.status_code == 200
    assert replaced.json()["title"] == "Renamed"


def test_session_login_writes_as_the_admin_does(client, curator):
    """The browsable API and the admin share a session; CSRF still applies to it."""
    csrf_client = APIClient(enforce_csrf_checks=True)
    csrf_client.force_login(curator)
    refused = csrf_client.post(list_url("sources"), source_payload(2), format="json")
    assert refused.status_code == 403
    assert "CSRF" in refused.json()["detail"]

    session_client = APIClient()
    session_client.force_login(curator)
    assert (
        session_client.post(list_url("sources"), source_payload(2), format="json").status_code
        == 201
    )


def test_permission_is_per_model(db):
    """A user allowed to add sources may not add patrols."""
    user = get_user_model().objects.create_user("source-clerk")
    user.user_permissions.add(Permission.objects.get(codename="add_source"))
    client = token_client(user)

    assert client.post(list_url("sources"), source_payload(3), format="json").status_code == 201
    patrol = {"slug": "p", "name": "P", "kind": "exercise", "start_date": "2024-01-01"}
    assert client.post(list_url("patrols"), patrol, format="json").status_code == 403
    assert not Patrol.objects.exists()
