"""The curation app's admin: the loader's stamps are shown to curators but never edited."""

import pytest

from curation.models import LoadStamp
from tests import factories
from tests.core.admin_pages import admin_url

pytestmark = pytest.mark.django_db


def test_load_stamps_are_read_only_for_a_curator(curator_client):
    stamp = factories.LoadStampFactory()

    assert curator_client.get(admin_url(LoadStamp, "add")).status_code == 403
    change = curator_client.get(admin_url(LoadStamp, "change", stamp.pk))
    assert change.status_code == 200
    assert change.context["has_change_permission"] is False
    assert curator_client.get(admin_url(LoadStamp, "delete", stamp.pk)).status_code == 403
