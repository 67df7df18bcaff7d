"""What lets the loader read each table once instead of once per entry: every record of a model
found in memory by key or id, and every citation and claim of a model's records, with new rows
queued and created in bulk."""

from collections import defaultdict

from django.db import models
from simple_history.utils import bulk_create_with_history

from reference.models import Citation, Claim

from ..version import step

BATCH = 500  # rows per bulk statement, and ids per IN (...) list


def chunks(items):
    items = list(items)
    return (items[start : start + BATCH] for start in range(0, len(items), BATCH))


class Records:
    """Every record of one model, read in one query, then found by id or by key in memory."""

    def __init__(self, model):
        self.model = model
        rows = model.objects.all()
        rows = rows if rows.ordered else rows.order_by("pk")  # as ``.first()`` would pick
        self.by_pk = {record.pk: record for record in rows}
        self._by_key = {}  # key field names -> {values: record}

    def find(self, key):
        """The record whose fields equal ``key`` (``{name: value}``), as ``filter(**key)`` would
        find it, or None."""
        names = tuple(sorted(key))
        values = []
        for name in names:
            field, value = self.model._meta.get_field(name), key[name]
            if field.is_relation:
                values.append(value.pk if isinstance(value, models.Model) else value)
            else:
                values.append(field.to_python(value))
        return self._index(names).get(tuple(values))

    def put(self, record):
        """Add a record just created (and cleaned), or put a fresh copy in place of one."""
        self.by_pk[record.pk] = record
        for names, index in self._by_key.items():
            index[self._values_of(record, names)] = record

    def _index(self, names):
        if names not in self._by_key:
            index = self._by_key[names] = {}
            for record in self.by_pk.values():
                index.setdefault(self._values_of(record, names), record)
        return self._by_key[names]

    def _values_of(self, record, names):
        return tuple(getattr(record, self.model._meta.get_field(name).attname) for name in names)


class Attachments:
    """The citations and claims of the records of each model the loader writes, read once per
    model and kind; rows to add wait in a queue for ``create``."""

    def __init__(self, change_reason):
        self.change_reason = change_reason
        self._rows = {}  # (Citation or Claim, content type id) -> {object id: {key: row}}
        self._new = {Citation: [], Claim: []}

    def on(self, kind, content_type, record):
        """``{key: row}`` for the rows of ``kind`` on ``record`` (queued ones included), which
        the caller changes through ``add`` and ``drop``."""
        if (kind, content_type.pk) not in self._rows:
            rows = self._rows[kind, content_type.pk] = defaultdict(dict)
            for row in kind.objects.filter(content_type=content_type).order_by("pk"):
                rows[row.object_id][self.key(row)] = row
        return self._rows[kind, content_type.pk][record.pk]

    @staticmethod
    def key(row):
        """What makes a row unique on its record (the tables' unique constraints)."""
        if isinstance(row, Citation):
            return row.source_id
        return (row.field, row.source_id, row.value)

    def add(self, rows, row):
        rows[self.key(row)] = row
        self._new[type(row)].append(row)

    def drop(self, kind, rows, keys):
        """Delete rows: stored ones by a queryset delete, which sends each row's signals (the
        record is touched) and records its history; queued ones leave the queue."""
        gone = [rows.pop(key) for key in keys]
        stored = [row.pk for row in gone if row.pk is not None]
        if stored:
            kind.objects.filter(pk__in=stored).delete()
        if len(stored) < len(gone):
            dropped = {id(row) for row in gone}
            self._new[kind] = [row for row in self._new[kind] if id(row) not in dropped]

    def create(self):
        """Create the queued rows in bulk, each with its first version (so ``as_of`` sees it)."""
        for kind, rows in self._new.items():
            for batch in chunks(rows):
                bulk_create_with_history(batch, kind, default_change_reason=self.change_reason)
                step()  # a bulk creation sends no save signal: count it here
            rows.clear()
