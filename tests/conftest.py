"""Fixtures shared by the whole suite: plain static storage, and users with and without rights."""

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group

from reference.permissions import CURATORS_GROUP


@pytest.fixture(autouse=True)
def plain_static_files(settings):
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }


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
