"""In the admin every record keeps its versions: who changed what, when and why, and a curator can
go back to any of them, which is itself a new version."""

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Permission
from django.test import Client

from patrols.models import Patrol
from reference.models import Source
from tests import factories
from tests.admin_forms import posted_data

pytestmark = pytest.mark.django_db


def change_url(record):
    meta = record._meta
    return f"/admin/{meta.app_label}/{meta.model_name}/{record.pk}/change/"


def history_url(record):
    meta = record._meta
    return f"/admin/{meta.app_label}/{meta.model_name}/{record.pk}/history/"


def edit(client, record, **changes):
    page = client.get(change_url(record))
    response = client.post(change_url(record), {**posted_data(page), **changes})
    assert response.status_code == 302, response.context["adminform"].form.errors
    return response


@pytest.fixture
def patrol():
    patrol = factories.PatrolFactory(
        name="First joint patrol", kind="national_long_range_patrol", ordinal=None
    )  # one country's participation: not joint
    factories.CitationFactory(content_object=patrol)  # every fact record cites a source
    factories.ParticipationFactory(patrol=patrol)
    return patrol


def test_a_change_in_the_admin_is_a_version_by_the_curator_with_the_reason(curator_client, patrol):
    edit(curator_client, patrol, name="1st joint patrol", change_reason="Name as TASS gives it")

    latest = patrol.history.first()
    assert latest.history_type == "~"
    assert latest.history_user.username == "curator"
    assert latest.history_change_reason == "Name as TASS gives it"
    assert latest.name == "1st joint patrol"
    assert patrol.history.count() == 2


def test_creating_and_deleting_in_the_admin_are_versions_too(curator_client):
    page = curator_client.get("/admin/reference/source/add/")
    data = {
        **posted_data(page),
        "slug": "tass-1",
        "title": "TASS report",
        "kind": "news_report",
        "reliability": "B",
    }
    assert curator_client.post("/admin/reference/source/add/", data).status_code == 302
    source = Source.objects.get(slug="tass-1")
    deleted = curator_client.post(f"/admin/reference/source/{source.pk}/delete/", {"post": "yes"})

    assert deleted.status_code == 302
    versions = Source.history.filter(id=source.pk)
    assert [v.history_type for v in versions] == ["-", "+"]
    assert {v.history_user.username for v in versions} == {"curator"}


def test_the_history_page_lists_versions_with_the_fields_they_changed(curator_client, patrol):
    edit(curator_client, patrol, name="1st joint patrol", change_reason="Ordinal style")

    page = curator_client.get(history_url(patrol))

    assert page.status_code == 200
    html = page.content.decode()
    assert "Ordinal style" in html
    assert "First joint patrol" in html and "1st joint patrol" in html
    assert "curator" in html


def test_an_inline_row_saved_with_the_patrol_gets_the_same_reason(curator_client, patrol):
    participation = patrol.participations.get()
    edit(
        curator_client,
        patrol,
        **{"participations-0-count": "6"},
        change_reason="Six bombers per MoD Japan",
    )

    latest = participation.history.first()
    assert latest.count == 6
    assert latest.history_change_reason == "Six bombers per MoD Japan"
    assert latest.history_user.username == "curator"


def test_reverting_restores_the_earlier_values_as_a_new_version(curator_client, patrol):
    original = patrol.history.get()
    edit(curator_client, patrol, name="A wrong name", summary="A wrong summary")

    url = f"{history_url(patrol)}{original.history_id}/"
    form_page = curator_client.get(url)
    reverted = curator_client.post(url, posted_data(form_page))

    assert reverted.status_code == 302
    patrol.refresh_from_db()
    assert patrol.name == "First joint patrol"
    assert patrol.summary == original.summary
    latest = patrol.history.first()
    assert patrol.history.count() == 3
    assert latest.history_user.username == "curator"
    assert latest.history_change_reason.startswith("Reverted to the version of")
    assert f"(no. {original.history_id})" in latest.history_change_reason


def test_a_revert_opened_before_someone_else_saved_is_refused(curator_client, patrol):
    original = patrol.history.get()
    url = f"{history_url(patrol)}{original.history_id}/"
    form_page = curator_client.get(url)
    Patrol.objects.get(pk=patrol.pk).save()  # someone else saves meanwhile

    refused = curator_client.post(url, posted_data(form_page))

    assert refused.status_code == 200
    assert "Someone else changed this patrol" in refused.content.decode()


def test_staff_who_may_only_view_cannot_revert(patrol):
    viewer = get_user_model().objects.create_user("reader", is_staff=True)
    viewer.user_permissions.add(
        Permission.objects.get(codename="view_patrol", content_type__app_label="patrols")
    )
    client = Client()
    client.force_login(viewer)
    original = patrol.history.get()
    url = f"{history_url(patrol)}{original.history_id}/"

    page = client.get(url)
    attempt = client.post(url, {"name": "Vandalised", "opened_version": ""})

    assert page.status_code == 200
    assert attempt.status_code == 403
    patrol.refresh_from_db()
    assert patrol.name == "First joint patrol"
