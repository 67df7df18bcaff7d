"""A revert restores the record with the inline rows its admin page edits with it, exactly, or
is refused and changes nothing: for every registered admin with inlines, for every inline
(``core.revert``). Rows are changed the way a save on the record's page changes them: the record
is saved (a new version) and then its rows."""

import pytest
from django.contrib import admin
from django.contrib.contenttypes.models import ContentType
from django.db import models

from core.revert import row_values
from patrols.models import Patrol
from reference.models import Citation, Claim, SourcedModel
from tests import factories
from tests.admin_forms import posted_data
from tests.core.admin_pages import FACTORIES, admin_url

pytestmark = pytest.mark.django_db

CASES = [
    (model, inline)
    for model, model_admin in sorted(
        admin.site._registry.items(), key=lambda item: item[0]._meta.label
    )
    for inline in model_admin.inlines
]
CASE_IDS = [f"{model._meta.label}-{inline.model._meta.label}" for model, inline in CASES]
GENERIC = (Citation, Claim)


def make_record(model):
    """A record its own rules accept with any rows: a patrol that is not joint, citing."""
    extra = {"kind": "national_long_range_patrol", "ordinal": None} if model is Patrol else {}
    record = FACTORIES[model](**extra)
    if issubclass(model, SourcedModel):
        factories.CitationFactory(content_object=record)
    return record


def make_row(inline, record):
    if inline.model is Claim:  # about the record as a whole: every kind of record has that
        return FACTORIES[Claim](content_object=record, field="")
    if inline.model in GENERIC:
        return FACTORIES[inline.model](content_object=record)
    return FACTORIES[inline.model](**{parent_key(inline, record).name: record})


def parent_key(inline, record):
    return next(
        f
        for f in inline.model._meta.concrete_fields
        if f.many_to_one and f.related_model is type(record)
    )


def rows_of(inline, record):
    """``{pk: values}`` of the record's rows of the inline's model."""
    if inline.model in GENERIC:
        content_type = ContentType.objects.get_for_model(record)
        rows = inline.model.objects.filter(content_type=content_type, object_id=record.pk)
    else:
        rows = inline.model.objects.filter(**{parent_key(inline, record).attname: record.pk})
    return {row.pk: row_values(row) for row in rows}


def change(row):
    """Change a value a curator could change in the row: some text, else a related record."""
    for field in row._meta.concrete_fields:
        if (
            isinstance(field, models.CharField | models.TextField)
            and field.editable
            and not field.choices
            and not field.unique
            and field.name not in ("field", "aircraft_description")
        ):
            setattr(row, field.name, f"{getattr(row, field.name)} (changed)")
            row.save()
            return
    fk = next(
        f
        for f in row._meta.concrete_fields
        if f.many_to_one
        and f.null is False
        and f.related_model is not ContentType
        and f.name not in ("patrol", "aircraft_type")
    )
    setattr(row, fk.name, FACTORIES[fk.related_model]())
    row.save()


def other_related(row, record):
    """A record the row points at, other than the record it belongs to."""
    for field in row._meta.concrete_fields:
        if field.many_to_one and field.related_model is not ContentType:
            target = getattr(row, field.name)
            if target is not None and target != record:
                return target
    raise AssertionError(f"{row._meta.label} points at nothing else")


def messages_of(client):
    return [str(m) for m in client.get("/admin/").context["messages"]]


def revert(client, record, version):
    url = admin_url(type(record), "simple_history", record.pk, version.history_id)
    return client.post(url, posted_data(client.get(url)))


def a_version_with_two_rows(inline):
    record = make_record(inline.parent_model)
    kept, other = make_row(inline, record), make_row(inline, record)
    record.save()  # the version, with both rows
    version = record.history.first()
    expected = rows_of(inline, record)
    record.save()  # the next version: a save of the record's page, whose rows follow
    return record, version, expected, kept, other


@pytest.mark.parametrize(("model", "inline_class"), CASES, ids=CASE_IDS)
@pytest.mark.parametrize("edit", ["add", "change", "delete"])
def test_a_revert_restores_every_inlines_rows_as_they_stood(
    curator_client, model, inline_class, edit
):
    inline = inline_class(model, admin.site)
    record, version, expected, kept, other = a_version_with_two_rows(inline)
    if edit == "add":
        added = make_row(inline, record)
    elif edit == "change":
        change(kept)
    else:
        type(other).objects.filter(pk=other.pk).delete()
    assert rows_of(inline, record) != expected

    response = revert(curator_client, record, version)

    assert response.status_code == 302, response.context["adminform"].form.errors
    assert "/history/" not in response.url, messages_of(curator_client)  # not sent back
    assert rows_of(inline, record) == expected
    touched = added if edit == "add" else kept if edit == "change" else other
    row_version = inline.model.history.filter(id=touched.pk).first()
    assert row_version.history_type == {"add": "-", "change": "~", "delete": "+"}[edit]
    assert row_version.history_change_reason.startswith("Reverted to the version of")
    assert f"(no. {version.history_id})" in row_version.history_change_reason
    assert row_version.history_user.username == "curator"
    # The record's own version says that the revert changed its rows.
    reason = record.history.first().history_change_reason
    assert str(inline.verbose_name_plural or inline.model._meta.verbose_name_plural) in reason
    what = {"add": "1 removed", "change": "1 changed back", "delete": "1 restored"}[edit]
    assert what in reason


@pytest.mark.parametrize(("model", "inline_class"), CASES, ids=CASE_IDS)
def test_a_revert_to_rows_pointing_at_a_deleted_record_is_refused_and_changes_nothing(
    curator_client, model, inline_class
):
    inline = inline_class(model, admin.site)
    record, version, _, kept, other = a_version_with_two_rows(inline)
    target = other_related(other, record)
    name = str(target)
    type(other).objects.filter(pk=other.pk).delete()
    change(kept)
    type(target).objects.filter(pk=target.pk).delete()
    before = (rows_of(inline, record), record.history.count(), inline.model.history.count())

    response = revert(curator_client, record, version)

    assert response.status_code == 200
    html = response.content.decode()
    assert f"“{name}” was deleted since: restore it first" in html.replace("&#x27;", "'")
    assert (rows_of(inline, record), record.history.count(), inline.model.history.count()) == before


def test_a_related_record_deleted_since_is_named_not_saved_as_null(curator_client):
    """The issue's example: a version whose aircraft type had a manufacturer since deleted."""
    maker = factories.ManufacturerFactory(name="Tupolev")
    aircraft = factories.AircraftTypeFactory(manufacturer=maker)
    factories.CitationFactory(content_object=aircraft)
    version = aircraft.history.first()
    aircraft.manufacturer = None
    aircraft.save()
    maker.delete()

    response = revert(curator_client, aircraft, version)

    assert response.status_code == 200
    assert "The manufacturer “Tupolev” was deleted since: restore it first." in (
        response.content.decode()
    )
    aircraft.refresh_from_db()
    assert aircraft.manufacturer is None
    assert aircraft.history.count() == 2
    # The revert page says so before the curator saves.
    page = curator_client.get(
        admin_url(type(aircraft), "simple_history", aircraft.pk, version.history_id)
    )
    assert "Tupolev" in page.content.decode()


def test_every_admin_with_inlines_is_covered():
    """A new admin with inlines is in the cases above by construction; these are the known."""
    labels = {model._meta.label for model, _ in CASES}
    assert {"patrols.Patrol", "aircraft.AircraftType", "patrols.Participation"} <= labels
    assert len(CASES) >= 10
