"""Who saved a version is shown only to users who may change the record (issue 10, item 15):
user names are the curators' admin sign-in names. In the admin history page and in the API's
``history/``, a curator sees them; a user who may only view the record, and an anonymous reader,
do not."""

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Permission
from django.test import Client
from rest_framework.test import APIClient

from tests import factories

pytestmark = pytest.mark.django_db

CURATOR = "curator-with-a-telling-login"


@pytest.fixture
def source(curators_group):
    """A source with two versions, the second saved by a curator."""
    curator = get_user_model().objects.create_user(CURATOR, is_staff=True)
    curator.groups.add(curators_group)
    source = factories.SourceFactory(slug="tass-report", title="Old title")
    source.title = "New title"
    source._history_user = curator
    source.save()
    assert source.history.first().history_user == curator
    return source


@pytest.fixture
def viewer(db):
    """Staff who may view sources, not change them."""
    user = get_user_model().objects.create_user("reader", is_staff=True)
    user.user_permissions.add(
        Permission.objects.get(codename="view_source", content_type__app_label="reference")
    )
    return user


def signed_in(user, client_class=Client):
    client = client_class()
    client.force_login(user) if client_class is Client else client.force_authenticate(user)
    return client


def history_page(client, source):
    return client.get(f"/admin/reference/source/{source.pk}/history/")


def test_a_curator_sees_who_saved_each_version_in_the_admin(source):
    curator = get_user_model().objects.get(username=CURATOR)

    page = history_page(signed_in(curator), source)

    assert page.status_code == 200
    html = page.content.decode()
    assert "Changed by" in html
    assert CURATOR in html


def test_a_user_who_may_only_view_sees_the_versions_but_not_who_saved_them(source, viewer):
    page = history_page(signed_in(viewer), source)

    assert page.status_code == 200
    html = page.content.decode()
    assert "New title" in html  # the versions are there
    assert "Changed by" not in html
    assert CURATOR not in html


def test_an_anonymous_visitor_gets_the_sign_in_page_not_the_history(source):
    page = history_page(Client(), source)

    assert page.status_code == 302
    assert "/admin/login/" in page["Location"]


def api_users(client, source):
    response = client.get(f"/api/v1/sources/{source.slug}/history/")
    assert response.status_code == 200
    return [version["user"] for version in response.json()["results"]]


def test_a_curator_sees_who_saved_each_version_over_the_api(source):
    curator = get_user_model().objects.get(username=CURATOR)

    assert api_users(signed_in(curator, APIClient), source) == [CURATOR, None]


def test_a_user_who_may_only_view_gets_no_user_names_over_the_api(source, viewer):
    assert api_users(signed_in(viewer, APIClient), source) == [None, None]


def test_a_signed_in_user_without_permissions_gets_no_user_names_over_the_api(source):
    nobody = get_user_model().objects.create_user("nobody")

    assert api_users(signed_in(nobody, APIClient), source) == [None, None]


def test_an_anonymous_reader_gets_no_user_names_over_the_api(source):
    assert api_users(APIClient(), source) == [None, None]
