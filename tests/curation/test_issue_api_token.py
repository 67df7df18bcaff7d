"""issue_api_token prints a user's token, creating or rotating it."""

import io

import pytest
from django.contrib.auth import get_user_model
from django.core.management import CommandError, call_command
from rest_framework.authtoken.models import Token

pytestmark = pytest.mark.django_db


def issue(*args):
    out, err = io.StringIO(), io.StringIO()
    call_command("issue_api_token", *args, stdout=out, stderr=err)
    return out.getvalue().strip(), err.getvalue()


def test_a_token_is_issued_once_and_reused(curator):
    key, warning = issue("curator")
    assert Token.objects.get(user=curator).key == key
    assert issue("curator")[0] == key
    assert warning == ""


def test_rotating_replaces_the_token(curator, api_client):
    old, _ = issue("curator")
    new, _ = issue("curator", "--rotate")

    assert new != old
    api_client.credentials(HTTP_AUTHORIZATION=f"Token {old}")
    assert api_client.get("/api/v1/countries/").status_code == 401


def test_the_token_writes_as_its_user(curator, api_client):
    key, _ = issue("curator")
    api_client.credentials(HTTP_AUTHORIZATION=f"Token {key}")
    response = api_client.post(
        "/api/v1/sources/", {"slug": "s", "title": "S", "kind": "dataset"}, format="json"
    )
    assert response.status_code == 201


def test_a_reader_is_told_the_token_only_reads(db):
    get_user_model().objects.create_user("reader")
    _, warning = issue("reader")
    assert "only read" in warning


@pytest.mark.parametrize("make_user", [False, True])
def test_unknown_or_inactive_users_get_no_token(make_user):
    if make_user:
        get_user_model().objects.create_user("gone", is_active=False)
    with pytest.raises(CommandError):
        issue("gone")
    assert not Token.objects.exists()
