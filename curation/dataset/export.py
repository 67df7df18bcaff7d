"""Writing: the data set as one document, read in one snapshot, rendered one record per line."""

import datetime
import hashlib
import json
from contextlib import contextmanager

from django.core.serializers import python
from django.core.serializers.json import DjangoJSONEncoder
from django.db import connection, transaction
from django.utils import timezone

from .scope import FORMAT, FORMAT_VERSION, data_models, in_data_set, label, schema_version


class DatasetEncoder(DjangoJSONEncoder):
    """Django's encoder, but timestamps keep their microseconds (it rounds them to milliseconds):
    a restored record must equal the original, and the loader compares timestamps exactly."""

    def default(self, o):
        if isinstance(o, datetime.datetime | datetime.time):
            text = o.isoformat()
            return text.removesuffix("+00:00") + "Z" if text.endswith("+00:00") else text
        return super().default(o)


class DatasetSerializer(python.Serializer):
    """Django's "python" serializer with natural keys only for references that leave the data
    set: records of the data set keep pointing at each other by primary key."""

    def handle_fk_field(self, obj, field):
        if in_data_set(field.related_model):
            self._current[field.name] = self._value_from_field(obj, field)
        else:
            super().handle_fk_field(obj, field)


def dataset_version(records):
    """A digest of the records in a canonical form (sorted keys, no spaces), which a file's
    layout and the database it came from do not change."""
    canonical = json.dumps(
        records, cls=DatasetEncoder, sort_keys=True, separators=(",", ":"), ensure_ascii=False
    )
    return "sha256:" + hashlib.sha256(canonical.encode()).hexdigest()


@contextmanager
def _snapshot():
    """One consistent view for the whole export. On PostgreSQL each query would otherwise see
    the latest commits, and a patrol saved between two queries could leave its participations
    behind; a SQLite transaction is a snapshot already. (Inside an outer transaction, a test's,
    the isolation level is no longer ours to set.)"""
    outermost = not connection.in_atomic_block
    with transaction.atomic():
        if outermost and connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ READ ONLY")
        yield


def _records(model):
    outside = [
        field.name
        for field in model._meta.concrete_fields
        if field.is_relation and not in_data_set(field.related_model)
    ]
    rows = model._base_manager.select_related(*outside).order_by("pk").iterator(chunk_size=2000)
    serialized = DatasetSerializer().serialize(rows, use_natural_foreign_keys=True)
    return [{"pk": record["pk"], "fields": record["fields"]} for record in serialized]


def digest(alongside=None):
    """The ``dataset_version`` ``export_document`` would give now (``"sha256:<64 hex>"``), read
    in one snapshot: what ``X-Dataset-Version`` carries (``curation.version``). ``alongside``,
    if given, is called inside the same snapshot first, and ``(digest, its result)`` returned:
    the write counter the digest belongs to. It reads every record (about a second for the
    curated data's 2,600 records on SQLite)."""
    with _snapshot():
        extra = alongside() if alongside is not None else None
        records = {label(model): _records(model) for model in data_models()}
    found = dataset_version(records)
    return found if alongside is None else (found, extra)


def export_document():
    """The whole data set as a document (the module docstring explains its parts)."""
    schema = schema_version()
    with _snapshot():
        records = {label(model): _records(model) for model in data_models()}
    return {
        "format": FORMAT,
        "format_version": FORMAT_VERSION,
        "dataset_version": dataset_version(records),
        "exported_at": timezone.now().isoformat(),
        "schema": schema,
        "counts": {name: len(rows) for name, rows in records.items()},
        "records": records,
    }


def render(document):
    """The document as JSON text: the header indented, then one record per line, which keeps
    the file readable and lets ``diff`` and ``grep`` work on it."""

    def line(value):
        return json.dumps(value, cls=DatasetEncoder, ensure_ascii=False)

    header = {key: value for key, value in document.items() if key != "records"}
    blocks = []
    for name, rows in document["records"].items():
        body = ",\n".join(f"   {line(row)}" for row in rows)
        blocks.append(f"  {line(name)}: [\n{body}\n  ]" if rows else f"  {line(name)}: []")
    head = json.dumps(header, cls=DatasetEncoder, ensure_ascii=False, indent=1)
    return head.removesuffix("\n}") + ',\n "records": {\n' + ",\n".join(blocks) + "\n }\n}\n"
