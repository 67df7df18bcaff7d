"""Versions of records: what changed between them, and whether a record moved on under an editor.

django-simple-history stores one row per saved version (``TimeStampedModel.history``). This
module is the one place the admin, the API and the importers read versions through, so the
"what changed" a curator sees on the history screen is the list an API client gets.
"""

from collections import defaultdict
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass

from django.contrib.contenttypes.models import ContentType
from django.db import connection, transaction
from django.db.models import prefetch_related_objects
from django.utils import timezone

HISTORY_TYPES = {"+": "created", "~": "changed", "-": "deleted"}

# A ContextVar, not a thread-local: it follows the code that set it (a thread, or a task under
# ASGI) and is restored exactly by ``reset`` even when blocks nest.
_default_reason = ContextVar("default_change_reason", default="")

CHANGE_REASON_HEADER = "X-Change-Reason"
CHANGE_REASON_MAX_LENGTH = 500


@contextmanager
def change_reason(reason):
    """Every version saved inside the block without a reason of its own gets ``reason``: for
    bulk work (the loader) whose saves and deletes happen deep in querysets and managers."""
    token = _default_reason.set(reason)
    try:
        yield
    finally:
        _default_reason.reset(token)


def default_change_reason():
    return _default_reason.get()


def reason_from_request(sender, history_instance, **kwargs):
    """``pre_create_historical_record``: a version without a reason of its own takes the API
    request's ``X-Change-Reason`` header (refused over the maximum by the API), else the reason
    of the enclosing ``change_reason`` block."""
    if history_instance.history_change_reason:
        return
    from simple_history.models import HistoricalRecords

    request = getattr(HistoricalRecords.context, "request", None)
    reason = request.headers.get(CHANGE_REASON_HEADER, "").strip() if request else ""
    reason = reason or default_change_reason()
    if reason:
        history_instance.history_change_reason = reason


def touch(model, pk):
    """Mark a record as changed now, without saving (or validating) the rest of it: a link row
    (a citation, a crossed region) is part of the record it belongs to."""
    model._default_manager.filter(pk=pk).update(updated_at=timezone.now())


def version_token(updated_at):
    """What an editor remembers of the version it opened: the record's last-saved time.

    ``updated_at`` changes on every save and whenever a citation, claim or crossed region of the
    record changes (see the ``touch`` signals), so two different versions never share a token.
    """
    return updated_at.isoformat() if updated_at else ""


def stored_version(model, pk, lock=False):
    """The token of the version now stored, or None if the record is gone.

    ``lock`` holds the row until the transaction ends (PostgreSQL), so nobody can save between
    the comparison and the editor's own save; SQLite serializes writers anyway.
    """
    rows = model._default_manager.filter(pk=pk)
    if lock and transaction.get_connection().in_atomic_block:
        rows = rows.select_for_update(of=("self",))
    updated_at = rows.values_list("updated_at", flat=True).first()
    return None if updated_at is None else version_token(updated_at)


def is_versioned(model):
    return any(field.name == "updated_at" for field in model._meta.concrete_fields)


def describe_conflict(model, pk):
    """A sentence naming who saved the record after the editor opened it, and when."""
    name = model._meta.verbose_name
    record = model._default_manager.filter(pk=pk).first()
    if record is None:
        return f"This {name} was deleted after you opened it."
    latest = record.history.select_related("history_user").first()
    who = latest.history_user if latest is not None and latest.history_user else None
    when = timezone.localtime(record.updated_at).strftime("%Y-%m-%d %H:%M:%S %Z")
    by = f" (last saved by {who})" if who else ""
    return (
        f"Someone else changed this {name} at {when}{by}, after you opened it. Your changes "
        "were not saved and the newer version was kept: reload the page to see it, then make "
        "your changes again."
    )


def display_value(value):
    """A changed value as plain JSON: dates as ISO text (related records come as ids)."""
    return value.isoformat() if hasattr(value, "isoformat") else value


def changes_between(version, previous):
    """``[{field, old, new}]`` from ``previous`` to ``version`` (every set field, when created).

    Foreign keys are given by id, the way the history table holds them: the related record may
    since have been renamed or deleted.
    """
    if previous is None:
        fields = [field for field in version.tracked_fields if field.editable]
        return [
            {
                "field": field.name,
                "old": None,
                "new": display_value(field.value_from_object(version)),
            }
            for field in fields
            if field.value_from_object(version) not in (None, "")
        ]
    delta = version.diff_against(previous)
    return [
        {"field": change.field, "old": display_value(change.old), "new": display_value(change.new)}
        for change in delta.changes
    ]


def with_changes(versions):
    """Pair each version (newest first) with what it changed from the one before it.

    ``versions`` must hold a record's whole history, newest first, as ``record.history`` gives
    it; the oldest version's changes are the values it was created with.
    """
    versions = list(versions)
    return [
        (version, changes_between(version, versions[i + 1] if i + 1 < len(versions) else None))
        for i, version in enumerate(versions)
    ]


@dataclass(frozen=True)
class AsOfRelation:
    """One relation of a record, rebuilt from history as it stood at a moment.

    The rows land where ``SourcedModel.prefetched`` reads them (``<name>_prefetched``), so the
    serializers that show today's records show past ones unchanged.
    """

    name: str  # the relation as ``prefetched`` knows it ("participations")
    model: type  # the model whose versions hold the rows
    key: str  # the row's column naming its record ("patrol_id"; "object_id" if generic)
    follow: tuple = ()  # related records each row shows (as they are now)
    pick: str = ""  # for a link table: the linked record is what the list holds
    generic: bool = False  # a citation or claim: also matched on the record's content type
    sort_by: str = ""  # an attribute of the listed record to order by, else the row id
    relations: tuple = ()  # the rows' own relations, also as they stood (their citations)


def snapshot(model, moment):
    """``model``'s records as they stood at ``moment``: a deleted one is back, a later one absent.

    Rows are model instances, so anything that reads today's records reads these.
    """
    return model.history.as_of(moment)


def ordered_value(value):
    """A sort key placing NULL where the database places it (last on PostgreSQL, first on
    SQLite, ascending)."""
    return (value is None) == connection.features.nulls_order_largest, value


def in_model_order(rows, model):
    """``rows`` in ``model``'s ``Meta.ordering`` as today's lists give them, so a record read
    as of now equals the record read now. Only the model's own plain columns are compared (a
    foreign key orders by its record's ordering, which these rows do not hold: within one
    record's list it is the grouping key anyway); ties by id."""
    rows = sorted(rows, key=lambda row: row.pk)
    fields = [
        f
        for f in model._meta.ordering
        if isinstance(f, str)
        and "__" not in f
        and f.removeprefix("-") != "pk"
        and not model._meta.get_field(f.removeprefix("-")).is_relation
    ]
    for field in reversed(fields):  # stable sorts, the last key first
        name = field.removeprefix("-")
        rows.sort(key=lambda row: ordered_value(getattr(row, name)), reverse=field.startswith("-"))
    return rows


def attach_as_of(records, moment, relations, follow=()):
    """Fill each record's relations as they stood at ``moment``: one query per relation."""
    records = list(records)
    if not records:
        return records
    follow_as_of(records, follow, moment)
    by_pk = {record.pk: record for record in records}
    for relation in relations:
        rows = snapshot(relation.model, moment).filter(**{f"{relation.key}__in": list(by_pk)})
        if relation.generic:
            content_type = ContentType.objects.get_for_model(type(records[0]))
            rows = rows.filter(content_type_id=content_type.pk)
        rows = in_model_order(rows, relation.model)
        follow_as_of(rows, relation.follow, moment)
        attach_as_of(rows, moment, relation.relations)
        grouped = defaultdict(list)
        for row in rows:
            grouped[getattr(row, relation.key)].append(
                getattr(row, relation.pick) if relation.pick else row
            )
        for pk, record in by_pk.items():
            listed = grouped[pk]
            if relation.sort_by:
                listed.sort(key=lambda item: getattr(item, relation.sort_by))
            setattr(record, f"{relation.name}_prefetched", listed)
    return records


def follow_as_of(rows, paths, moment):
    """Fetch the related records ``paths`` name; one deleted since is read as it stood then.

    Today's related records are shown (a renamed operator shows its new name); only those that
    no longer exist come from their history, so a past row never points at nothing.
    """
    if not rows or not paths:
        return
    prefetch_related_objects(rows, *paths)
    for name in dict.fromkeys(path.split("__")[0] for path in paths):
        field = rows[0]._meta.get_field(name)
        missing = {
            getattr(row, field.attname)
            for row in rows
            if getattr(row, field.attname) is not None and field.get_cached_value(row, None) is None
        }
        if not missing:
            continue
        past = {
            record.pk: record
            for record in snapshot(field.related_model, moment).filter(id__in=missing)
        }
        for row in rows:
            found = past.get(getattr(row, field.attname))
            if found is not None and field.get_cached_value(row, None) is None:
                field.set_cached_value(row, found)
