"""Fixtures the admin-wide tests share."""

import pytest
from django.contrib.auth import get_user_model
from django.db import transaction
from rest_framework.authtoken.models import Token

from tests.core.admin_pages import FACTORIES


@pytest.fixture(scope="module")
def superuser_once(django_db_setup, django_db_blocker):
    """A superuser and a record of every registered model, made once for the module (rolled
    back after it)."""
    with django_db_blocker.unblock(), transaction.atomic():
        superuser = get_user_model().objects.create_superuser("admin", password=None)
        for factory in FACTORIES.values():
            factory()
        Token.objects.create(user=superuser)
        yield superuser
        transaction.set_rollback(True)


@pytest.fixture
def superuser_client(client, superuser_once, db):
    client.force_login(superuser_once)
    return client
