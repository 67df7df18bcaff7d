"""The rules hold for records written on their own too, not only with their patrol: a citation,
a participation or a reverted patrol version. (Each case was found by trying to break them.)"""

import pytest

from patrols.models import Interception, Participation, Patrol, Statement
from reference.models import Citation
from tests import factories
from tests.admin_forms import posted_data
from tests.core.admin_pages import admin_url
from tests.patrols.test_api_writes import PATROLS, patrol_payload, vocabulary  # noqa: F401
from tests.patrols.test_write_rules import created, stored  # noqa: F401  (fixture)

pytestmark = pytest.mark.django_db


def inherited_sources(record):
    return sorted(c.source.slug for c in record.citations.select_related("source") if c.inherited)


# --- Citations written on their own -------------------------------------------------------------


def test_the_api_refuses_to_delete_a_records_last_citation(curator_api_client, created):  # noqa: F811
    (citation,) = created.citations.all()
    before = stored()

    response = curator_api_client.delete(f"/api/v1/citations/{citation.pk}/")

    assert response.status_code == 400
    assert "Cite at least one source" in response.json()["record_id"][0]
    assert stored() == before


def test_a_citation_added_to_a_patrol_reaches_what_inherits_from_it(
    curator_api_client,
    created,  # noqa: F811
):
    factories.SourceFactory(slug="tass-report")
    body = {"record_type": "patrols.patrol", "record_id": created.pk, "source": "tass-report"}

    response = curator_api_client.post("/api/v1/citations/", body, format="json")

    assert response.status_code == 201, response.json()
    for participation in created.participations.all():
        assert inherited_sources(participation) == ["mnd-statement", "tass-report"]


def test_a_records_own_citation_replaces_what_it_inherited(curator_api_client, created):  # noqa: F811
    participation = created.participations.first()
    factories.SourceFactory(slug="own-report")
    body = {
        "record_type": "patrols.participation",
        "record_id": participation.pk,
        "source": "own-report",
    }

    assert curator_api_client.post("/api/v1/citations/", body, format="json").status_code == 201

    assert [(c.source.slug, c.inherited) for c in participation.citations.all()] == [
        ("own-report", False)
    ]


def test_the_admin_refuses_to_delete_or_move_a_records_last_citation(
    curator_client,
    created,  # noqa: F811
):
    (citation,) = created.citations.all()
    other = factories.PatrolFactory()
    delete_page = admin_url(Citation, "delete", citation.pk)
    change_page = admin_url(Citation, "change", citation.pk)

    deleted = curator_client.post(delete_page, {"post": "yes"})
    moved = curator_client.post(
        change_page, {**posted_data(curator_client.get(change_page)), "object_id": other.pk}
    )

    assert "would cite no source" in deleted.content.decode()
    assert moved.status_code == 200
    assert "would cite no source" in moved.content.decode()
    assert list(created.citations.all()) == [citation]


# --- Participations written on their own --------------------------------------------------------


def test_the_api_refuses_to_take_a_joint_patrol_below_two_countries(
    curator_api_client,
    created,  # noqa: F811
):
    chinese = created.participations.get(operator__slug="plaaf")
    url = f"/api/v1/participations/{chinese.pk}/"
    before = stored()

    deleted = curator_api_client.delete(url)
    moved = curator_api_client.patch(url, {"operator": "vks", "role": "escort"}, format="json")

    for response in (deleted, moved):
        assert response.status_code == 400
        assert "at least two countries" in response.json()["patrol"][0]
    assert stored() == before


def test_a_participation_moved_to_another_patrol_inherits_that_patrols_sources(
    curator_api_client,
    created,  # noqa: F811
    vocabulary,  # noqa: F811
):
    factories.SourceFactory(slug="tass-report")
    other = patrol_payload(slug="national-1", kind="national_long_range_patrol")
    other |= {"sources": ["tass-report"], "participations": []}
    assert curator_api_client.post(PATROLS, other, format="json").status_code == 201
    created.kind = "national_long_range_patrol"  # so that moving a participation out is allowed
    created.save()
    moving = created.participations.get(operator__slug="plaaf")

    response = curator_api_client.patch(
        f"/api/v1/participations/{moving.pk}/", {"patrol": "national-1"}, format="json"
    )

    assert response.status_code == 200, response.json()
    assert inherited_sources(moving) == ["tass-report"]


def test_a_statement_cut_loose_from_its_patrol_names_its_own_sources(curator_api_client, created):  # noqa: F811
    statement = factories.StatementFactory(patrol=created, date=created.start_date)
    factories.CitationFactory(
        content_object=statement, source=created.citations.get().source, inherited=True
    )

    response = curator_api_client.patch(
        f"/api/v1/statements/{statement.slug}/", {"patrol": None}, format="json"
    )

    assert response.status_code == 400
    assert "name its own sources" in response.json()["sources"][0]


def test_the_admin_refuses_to_delete_a_participation_a_joint_patrol_needs(
    curator_client,
    created,  # noqa: F811
):
    chinese = created.participations.get(operator__slug="plaaf")

    response = curator_client.post(admin_url(Participation, "delete", chinese.pk), {"post": "yes"})

    assert "at least two countries" in response.content.decode()
    assert Participation.objects.filter(pk=chinese.pk).exists()


# --- The patrol page and its history ------------------------------------------------------------


def test_a_row_added_on_a_stored_patrols_page_inherits_and_a_deleted_one_leaves_nothing(
    curator_client,
    created,  # noqa: F811
    vocabulary,  # noqa: F811
):
    url = admin_url(Patrol, "change", created.pk)
    data = posted_data(curator_client.get(url))
    prefix = "participations"
    total = int(data[f"{prefix}-TOTAL_FORMS"])
    data |= {
        f"{prefix}-{total}-aircraft_type": str(vocabulary["tu-95ms"].pk),
        f"{prefix}-{total}-operator": str(vocabulary["plaaf"].pk),  # row 0 is China's bomber
        f"{prefix}-{total}-role": "escort",
        f"{prefix}-{total}-confidence": "reported",
        f"{prefix}-TOTAL_FORMS": str(total + 1),
        f"{prefix}-0-DELETE": "on",
    }
    deleted_pk = int(data[f"{prefix}-0-id"])

    response = curator_client.post(url, data)

    assert response.status_code == 302
    added = created.participations.get(role="escort")
    assert inherited_sources(added) == ["mnd-statement"]
    assert not Citation.objects.filter(
        content_type__model="participation", object_id=deleted_pk
    ).exists()


def test_an_opinion_only_patrol_cannot_pass_its_sources_to_its_rows_on_its_page(
    curator_client,
    created,  # noqa: F811
):
    opinion = factories.SourceFactory(slug="op-ed", kind="opinion")
    url = admin_url(Patrol, "change", created.pk)
    data = posted_data(curator_client.get(url))
    data["reference-citation-content_type-object_id-0-source"] = str(opinion.pk)

    response = curator_client.post(url, data)

    assert response.status_code == 200
    assert "cites only opinion pieces" in response.content.decode()


def test_reverting_a_patrol_to_a_version_brings_back_the_rows_it_had(
    curator_client,
    created,  # noqa: F811
):
    """Once refused (the rows as stored no longer fit the joint version); a revert now
    restores the rows with the patrol (``core.revert``), so the joint patrol is whole again."""
    first = created.history.earliest()
    created.kind = "national_long_range_patrol"
    created.save()
    gone = created.participations.get(operator__slug="plaaf").pk
    Participation.objects.filter(pk=gone).delete()
    url = admin_url(Patrol, "simple_history", created.pk, first.history_id)

    response = curator_client.post(url, posted_data(curator_client.get(url)))

    assert response.status_code == 302
    created.refresh_from_db()
    assert created.kind == "joint_strategic_patrol"
    assert created.participations.filter(pk=gone, operator__slug="plaaf").exists()


# --- One row against its patrol, on the records' own admin forms, and ordinals ------------------


@pytest.mark.parametrize(
    ("model", "factory", "message"),
    [
        (Interception, factories.InterceptionFactory, "The patrol ran from"),
        (Statement, factories.StatementFactory, "The patrol it concerns began on"),
    ],
    ids=["interception", "statement"],
)
def test_a_records_own_form_refuses_a_date_outside_its_patrol(
    curator_client,
    created,  # noqa: F811
    model,
    factory,
    message,
):
    record = factory(patrol=created, date=created.start_date)
    factories.CitationFactory(content_object=record)
    url = admin_url(model, "change", record.pk)

    response = curator_client.post(
        url, {**posted_data(curator_client.get(url)), "date": "2026-11-01"}
    )

    assert response.status_code == 200
    assert message in response.content.decode()
    record.refresh_from_db()
    assert record.date == created.start_date


def test_ordinals_follow_dates_in_the_admin_and_in_imports(curator_client, created):  # noqa: F811
    from tests.patrols.test_write_rules import import_rows, row, row_errors

    created.ordinal = 12  # 1 Dec 2026
    created.save()
    later = factories.PatrolFactory(ordinal=13, start_date="2027-01-01")
    factories.CitationFactory(content_object=later)
    url = admin_url(Patrol, "change", later.pk)

    refused = curator_client.post(url, {**posted_data(curator_client.get(url)), "ordinal": "11"})
    imported = import_rows(row(ordinal="14"))  # the 14th, yet before the 13th

    assert "Patrol no. 12 starts earlier" in refused.content.decode()
    assert "Patrol no. 13 starts later" in row_errors(imported)["ordinal"]
    assert Patrol.objects.get(pk=later.pk).ordinal == 13
    assert Patrol.objects.get(pk=created.pk).ordinal == 12
