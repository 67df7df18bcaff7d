"""Two curators, or a curator and a script, editing one record: the later save does not silently
overwrite the earlier one. The form refuses, names the conflict and the newer data stays."""

import pytest
from django.contrib.auth import get_user_model
from django.test import Client

from patrols.models import Participation, Patrol
from reference.models import Source
from tests import factories
from tests.admin_forms import posted_data
from tests.core.test_history_admin import change_url

pytestmark = pytest.mark.django_db


@pytest.fixture
def patrol():
    patrol = factories.PatrolFactory(
        name="First joint patrol",
        summary="As first reported.",
        kind="national_long_range_patrol",  # one country's participation: not joint
        ordinal=None,
    )
    factories.CitationFactory(content_object=patrol)  # every fact record cites a source
    factories.ParticipationFactory(patrol=patrol, count=2)
    return patrol


@pytest.fixture
def other_curator_client(curators_group):
    other = get_user_model().objects.create_user("second", is_staff=True)
    other.groups.add(curators_group)
    client = Client()
    client.force_login(other)
    return client


def test_saving_a_form_opened_before_another_curators_save_is_refused(
    curator_client, other_curator_client, patrol
):
    mine = curator_client.get(change_url(patrol))
    theirs = other_curator_client.get(change_url(patrol))
    assert (
        other_curator_client.post(
            change_url(patrol), {**posted_data(theirs), "summary": "Their newer summary."}
        ).status_code
        == 302
    )

    refused = curator_client.post(
        change_url(patrol), {**posted_data(mine), "summary": "My older summary."}
    )

    assert refused.status_code == 200
    html = refused.content.decode()
    assert "Someone else changed this patrol" in html
    assert "last saved by second" in html
    patrol.refresh_from_db()
    assert patrol.summary == "Their newer summary."


def test_a_change_made_outside_the_admin_counts_too(curator_client, patrol):
    opened = curator_client.get(change_url(patrol))
    Patrol.objects.filter(pk=patrol.pk).get().save()  # a script, the API, the loader

    refused = curator_client.post(change_url(patrol), {**posted_data(opened), "name": "Mine"})

    assert refused.status_code == 200
    assert Patrol.objects.get(pk=patrol.pk).name == "First joint patrol"


def test_a_source_added_elsewhere_meanwhile_is_a_conflict_for_the_record(curator_client, patrol):
    opened = curator_client.get(change_url(patrol))
    factories.CitationFactory(content_object=patrol)

    refused = curator_client.post(change_url(patrol), {**posted_data(opened), "name": "Mine"})

    assert refused.status_code == 200
    assert "Someone else changed this patrol" in refused.content.decode()


def test_an_inline_row_changed_elsewhere_is_refused_and_keeps_its_newer_value(
    curator_client, patrol
):
    opened = curator_client.get(change_url(patrol))
    participation = Participation.objects.get(patrol=patrol)
    participation.count = 3
    participation.save()

    refused = curator_client.post(
        change_url(patrol), {**posted_data(opened), "participations-0-count": "9"}
    )

    assert refused.status_code == 200
    assert "Someone else changed this participation" in refused.content.decode()
    participation.refresh_from_db()
    assert participation.count == 3


def test_a_record_deleted_meanwhile_says_so(curator_client):
    source = factories.SourceFactory()
    opened = curator_client.get(change_url(source))
    Source.objects.filter(pk=source.pk).delete()

    response = curator_client.post(change_url(source), posted_data(opened))

    assert not Source.objects.filter(pk=source.pk).exists()
    assert response.status_code == 302  # the admin's own "doesn't exist" redirect


def test_saving_twice_in_a_row_from_fresh_forms_is_no_conflict(curator_client, patrol):
    for summary in ("First edit.", "Second edit."):
        opened = curator_client.get(change_url(patrol))
        saved = curator_client.post(change_url(patrol), {**posted_data(opened), "summary": summary})
        assert saved.status_code == 302

    patrol.refresh_from_db()
    assert patrol.summary == "Second edit."


def test_a_form_posted_without_the_opened_version_is_not_checked(curator_client, patrol):
    opened = posted_data(curator_client.get(change_url(patrol)))
    Patrol.objects.get(pk=patrol.pk).save()
    del opened["opened_version"]

    saved = curator_client.post(change_url(patrol), {**opened, "name": "Scripted"})

    assert saved.status_code == 302
    assert Patrol.objects.get(pk=patrol.pk).name == "Scripted"


def test_an_inline_row_changed_elsewhere_but_left_alone_here_is_no_conflict(curator_client, patrol):
    opened = curator_client.get(change_url(patrol))
    participation = Participation.objects.get(patrol=patrol)
    participation.notes = "Added by someone else."
    participation.save()

    saved = curator_client.post(
        change_url(patrol), {**posted_data(opened), "summary": "Only the summary changes."}
    )

    assert saved.status_code == 302
    participation.refresh_from_db()
    assert participation.notes == "Added by someone else."


def test_citing_the_same_source_twice_in_the_form_is_a_form_error(curator_client, patrol):
    source = factories.SourceFactory()
    prefix = "reference-citation-content_type-object_id"
    data = {
        **posted_data(curator_client.get(change_url(patrol))),
        f"{prefix}-TOTAL_FORMS": "2",
        f"{prefix}-0-source": str(source.pk),
        f"{prefix}-1-source": str(source.pk),
    }

    response = curator_client.post(change_url(patrol), data)

    assert response.status_code == 200
    assert "is cited twice" in response.content.decode()
