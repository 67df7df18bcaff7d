"""Reverting a patrol on its history page restores it with its rows — participations (with their
own sources), interceptions, statements, regions, sources, claims — as they stood, through the
patrol rules; or refuses, naming what cannot come back, and changes nothing."""

import pytest
from django.contrib.contenttypes.models import ContentType

from patrols.models import Participation, Patrol
from reference.models import Citation
from tests import factories
from tests.admin_forms import posted_data
from tests.core.admin_pages import admin_url

pytestmark = pytest.mark.django_db


@pytest.fixture
def patrol():
    """A joint patrol flown from two countries, citing a report, with one region crossed."""
    patrol = factories.PatrolFactory(name="Joint patrol", ordinal=None)
    factories.CitationFactory(content_object=patrol)
    for country in factories.CountryFactory.create_batch(2):
        factories.ParticipationFactory(
            patrol=patrol, operator=factories.OrganizationFactory(country=country)
        )
    factories.PatrolRegionFactory(patrol=patrol)
    return patrol


def edit(client, patrol, **changes):
    """A save of the patrol's page: the patrol is a new version, and its rows follow."""
    url = admin_url(Patrol, "change", patrol.pk)
    data = {**posted_data(client.get(url)), **changes}
    response = client.post(url, data)
    assert response.status_code == 302, [
        (f.errors, f.non_form_errors())
        for f in response.context["inline_admin_formsets"]
        for f in [f.formset]
    ]
    return patrol.history.first()


def revert(client, patrol, version):
    url = admin_url(Patrol, "simple_history", patrol.pk, version.history_id)
    return client.post(url, posted_data(client.get(url)))


def participation_row(index):
    """The form field names of the ``index``-th participation row on the patrol's page."""
    return lambda name: f"participations-{index}-{name}"


def stored():
    """Everything a refused revert could have touched."""
    return (
        list(Patrol.objects.values_list("pk", "name", "kind", "updated_at")),
        list(Participation.objects.values_list("pk", "aircraft_type_id", "count", "updated_at")),
        list(Citation.objects.values_list("pk", "object_id", "source_id", "inherited")),
        Participation.history.count(),
        Patrol.history.count(),
    )


def test_a_revert_removes_rows_added_since_and_brings_back_deleted_ones(curator_client, patrol):
    first, second = patrol.participations.order_by("pk")
    own_source = factories.CitationFactory(content_object=second).source  # its own
    version = edit(curator_client, patrol, name="Joint patrol (named)")
    # Later, on the same page: a third participation added, the second deleted.
    row = participation_row(2)
    added_type = factories.AircraftTypeFactory(designation="Tu-95MS")
    edit(
        curator_client,
        patrol,
        **{
            "participations-TOTAL_FORMS": "3",
            "participations-1-DELETE": "on",
            row("aircraft_type"): str(added_type.pk),
            row("operator"): str(second.operator_id),
            row("count"): "2",
            row("role"): "bomber",
            row("confidence"): "reported",
        },
    )
    assert set(patrol.participations.values_list("aircraft_type", flat=True)) == {
        first.aircraft_type_id,
        added_type.pk,
    }

    response = revert(curator_client, patrol, version)

    assert response.status_code == 302
    assert "/history/" not in response.url
    rows = patrol.participations.order_by("pk")
    assert [(p.pk, p.aircraft_type_id, p.count) for p in rows] == [
        (first.pk, first.aircraft_type_id, first.count),
        (second.pk, second.aircraft_type_id, second.count),
    ]
    # The participation comes back with the source it named itself, not the patrol's.
    own = Citation.objects.filter(
        content_type=ContentType.objects.get_for_model(Participation), object_id=second.pk
    )
    assert [(c.source, c.inherited) for c in own] == [(own_source, False)]
    # Each row restored is a version of its own, by the curator, saying which version.
    for row_version in (
        Participation.history.filter(id=second.pk).first(),
        Participation.history.filter(aircraft_type_id=added_type.pk).first(),
    ):
        assert row_version.history_change_reason.startswith("Reverted to the version of")
        assert f"(no. {version.history_id})" in row_version.history_change_reason
        assert row_version.history_user.username == "curator"
    assert Participation.history.filter(aircraft_type_id=added_type.pk).first().history_type == "-"


def test_the_patrols_history_shows_that_the_revert_changed_its_rows(
    curator_client, curator_api_client, patrol
):
    version = edit(curator_client, patrol, name="Joint patrol (named)")
    edit(curator_client, patrol, **{"region_links-0-DELETE": "on"})

    assert revert(curator_client, patrol, version).status_code == 302

    expected = "regions crossed: 1 restored"
    assert expected in patrol.history.first().history_change_reason
    page = curator_client.get(admin_url(Patrol, "history", patrol.pk)).content.decode()
    assert expected in page
    api = curator_api_client.get(f"/api/v1/patrols/{patrol.slug}/history/").json()
    assert expected in api["results"][0]["reason"]


def test_a_revert_to_a_row_whose_aircraft_type_was_deleted_since_is_refused(curator_client, patrol):
    _, second = patrol.participations.order_by("pk")
    aircraft = second.aircraft_type
    version = edit(curator_client, patrol, name="Joint patrol (named)")
    factories.ParticipationFactory(patrol=patrol, operator=second.operator)  # keeps two countries
    edit(curator_client, patrol, **{"participations-1-DELETE": "on"})
    aircraft.delete()
    before = stored()

    response = revert(curator_client, patrol, version)

    assert response.status_code == 200
    message = f"The aircraft type “{aircraft}” was deleted since: restore it first."
    assert message in response.content.decode()
    assert stored() == before
    # The revert page warns before the curator saves.
    page = curator_client.get(admin_url(Patrol, "simple_history", patrol.pk, version.history_id))
    assert message in page.content.decode()


def test_a_revert_that_would_break_the_joint_patrol_rule_is_refused(curator_client, patrol):
    """The rows come back as they stood, but their operators are today's: one of them has
    since moved to the other country, so the version is no longer a joint patrol of two."""
    version = edit(curator_client, patrol, name="Joint patrol (named)")
    edit(curator_client, patrol, name="Joint patrol (renamed)")
    first, second = patrol.participations.order_by("pk")
    second.operator.country = first.operator.country
    second.operator.save()
    before = stored()

    response = revert(curator_client, patrol, version)

    assert response.status_code == 200
    assert "at least two countries" in response.content.decode()
    assert stored() == before


def test_a_revert_refused_while_writing_rolls_back_the_patrol_and_every_row(curator_client, patrol):
    """A statement deleted since cannot come back: its slug now names another patrol's. That is
    found only while the rows are written, after the patrol itself: all of it is undone."""
    statement = factories.StatementFactory(patrol=patrol, slug="tass-statement")
    version = edit(curator_client, patrol, name="Joint patrol (named)")
    edit(curator_client, patrol, name="Joint patrol (renamed)", **{"statements-0-DELETE": "on"})
    factories.StatementFactory(patrol=factories.PatrolFactory(), slug="tass-statement")
    factories.ParticipationFactory(patrol=patrol)  # added since: the revert would remove it
    before = stored()

    response = revert(curator_client, patrol, version)

    assert response.status_code == 302 and "/history/" in response.url  # back to the form
    shown = curator_client.get(response.url).content.decode()
    assert "Nothing was reverted" in shown and f"“{statement}”" in shown
    assert stored() == before
