"""The whole data set as one JSON document: backup, restore, and moving to another database.

``export_dataset`` writes it, ``import_dataset`` loads it into an empty database. Why this shape
rather than ``dumpdata``/``loaddata``:

- The data set is every model of the data apps and nothing else: not users or sessions, and not
  the ``Historical*`` tables. History belongs to a database, not to the data; a restored record
  starts a new history whose one version says where it came from. ``LoadStamp`` is included,
  so a restored database still knows which records curators changed since the last load.
- The document says what it is: a format marker and version; ``schema``, the last migration of
  each data app (a file loads only into a database migrated to the same state, so every field
  means what it meant); ``dataset_version``; ``exported_at``; and ``counts``, how many records
  of each model it holds, so a partial file is recognised instead of half loaded.
- ``dataset_version`` is a SHA-256 digest of the records, not a counter: the same data gives the
  same version whichever database it came from, so exporting the restored database and comparing
  the two versions proves the move; and a file changed or damaged after export is refused.
- Records keep their primary keys, so foreign keys and the generic ``object_id`` of citations,
  claims and load stamps stay valid. Content types (and anything else outside the data set)
  travel as natural keys, ``["patrols", "patrol"]``, since their ids differ between databases.
- Records are read in one snapshot and written one per line, parents before children.

Import is all or nothing: the whole file is checked before anything is written (its shape, its
schema, its counts and digest, each record's fields and references), and the writing runs in
one transaction that any refusal — ours or the database's — rolls back. Records are restored as
they were, timestamps included: saved raw, as ``loaddata`` does, so no signal handler touches
them and no model ``save()`` rewrites them. The database's constraints judge them, not the
admin's ``clean()`` rules, which are for edits (``check_reference_data`` checks a data set).
"""

import datetime
import hashlib
import json
import re
from collections import defaultdict, deque
from contextlib import contextmanager

from django.apps import apps
from django.core import serializers
from django.core.exceptions import ObjectDoesNotExist, ValidationError
from django.core.management.color import no_style
from django.core.serializers import python
from django.core.serializers.base import DeserializationError
from django.core.serializers.json import DjangoJSONEncoder
from django.db import DatabaseError, connection, transaction
from django.db.migrations.loader import MigrationLoader
from django.utils import timezone
from simple_history.models import HistoricalChanges

from core.apps import data_app_labels

FORMAT = "strategic-aviation-reference/dataset"
FORMAT_VERSION = 1
SUPPORTED_FORMAT_VERSIONS = (1,)
HEADER = {
    "format": str,
    "format_version": int,
    "dataset_version": str,
    "exported_at": str,
    "schema": dict,
    "counts": dict,
    "records": dict,
}
NUMBER_CUT_SHORT = re.compile(r"[-+.eE\d]*")  # "1." or "2e": the parser stops at the "." or "e"
CUT_SHORT = "the file was cut short (an interrupted copy or a full disk?): export it again"


class DatasetError(Exception):
    """Why a file cannot be imported, or a database exported; the message names the problem."""


# --- What the data set is -----------------------------------------------------------------------


def dataset_apps():
    """The data apps, and this one for the loader's stamps (so a restored database reloads as
    the original would)."""
    return [*data_app_labels(), "curation"]


def in_data_set(model):
    return (
        model._meta.app_label in dataset_apps()
        and not issubclass(model, HistoricalChanges)
        and model._meta.managed
        and not model._meta.proxy
    )


def data_models():
    """Every model of the data set, each after the models its foreign keys point at."""
    return _parents_first([model for model in apps.get_models() if in_data_set(model)])


def _referenced_models(model):
    return {
        field.related_model
        for field in model._meta.get_fields()
        if field.concrete and field.is_relation and field.related_model not in (None, model)
    }


def _parents_first(models):
    """A stable topological order. Should models ever point at each other in a loop, the rest
    keep their order: foreign keys are checked at commit, so any order loads."""
    remaining, ordered = list(models), []
    while remaining:
        ready = [m for m in remaining if not _referenced_models(m) & set(remaining)]
        ordered += ready or remaining[:1]
        remaining = [m for m in remaining if m not in ordered]
    return ordered


def label(model):
    return model._meta.label_lower


def serialized_fields(model):
    """The fields Django's serializer writes for a record: concrete ones, and many-to-many
    relations without a model of their own (one with a ``through`` model is that model's rows)."""
    fields = {field.name: field for field in model._meta.local_fields if field.serialize}
    for field in model._meta.local_many_to_many:
        if field.serialize and field.remote_field.through._meta.auto_created:
            fields[field.name] = field
    return fields


def schema_version():
    """The last migration of each data app; refuses a database with migrations still to apply,
    whose tables would not match the models that read and write them."""
    loader = MigrationLoader(connection, ignore_no_migrations=True)
    pending = sorted(
        f"{app} {name}"
        for app, name in loader.graph.nodes
        if app in dataset_apps() and (app, name) not in loader.applied_migrations
    )
    if pending:
        listed = ", ".join(pending[:3]) + (
            f" and {len(pending) - 3} more" if len(pending) > 3 else ""
        )
        raise DatasetError(
            f"The database is not fully migrated ({listed} not applied): "
            "run `python manage.py migrate` first."
        )
    return {
        app: ", ".join(sorted(name for _, name in loader.graph.leaf_nodes(app)))
        for app in dataset_apps()
    }


# --- Writing ------------------------------------------------------------------------------------


class DatasetEncoder(DjangoJSONEncoder):
    """Django's encoder, but timestamps keep their microseconds (it rounds them to milliseconds):
    a restored record must equal the original, and the loader compares timestamps exactly."""

    def default(self, o):
        if isinstance(o, datetime.datetime | datetime.time):
            text = o.isoformat()
            return text.removesuffix("+00:00") + "Z" if text.endswith("+00:00") else text
        return super().default(o)


class Serializer(python.Serializer):
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
    serialized = Serializer().serialize(rows, use_natural_foreign_keys=True)
    return [{"pk": record["pk"], "fields": record["fields"]} for record in serialized]


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


# --- Reading ------------------------------------------------------------------------------------


def parse(data, name):
    """The document in ``data`` (bytes), or a DatasetError saying what is wrong with the file."""
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as error:
        if error.reason == "unexpected end of data":
            raise DatasetError(f"{name} ends in the middle of a character: {CUT_SHORT}.") from None
        raise DatasetError(f"{name} is not UTF-8 text (byte {error.start}).") from None
    if not text.strip():
        raise DatasetError(f"{name} is empty.")
    try:
        return json.loads(text)
    except json.JSONDecodeError as error:
        where = f"line {error.lineno}, column {error.colno}"
        if _input_ended(text, error):
            raise DatasetError(
                f"{name} is not complete JSON: it stops at {where} ({error.msg}), so {CUT_SHORT}."
            ) from None
        raise DatasetError(f"{name} is not valid JSON: {error.msg} at {where}.") from None


def _input_ended(text, error):
    """Whether the parser failed because the text ran out, which is what a cut file does:
    nothing but a string, a number or a word cut short follows the place it stopped."""
    rest = text[error.pos :].strip()
    if error.msg.startswith("Unterminated string") or NUMBER_CUT_SHORT.fullmatch(rest):
        return True
    return any(word.startswith(rest) for word in ("true", "false", "null", "NaN", "Infinity"))


def _check_header(document, name):
    """The document's parts, its schema against the database's, its counts and its digest.
    Returns the data models, in the order their records are written."""
    if not isinstance(document, dict) or document.get("format") != FORMAT:
        raise DatasetError(f'{name} is not a data set export (no "format": {FORMAT!r}).')
    version = document.get("format_version")
    if type(version) is not int or version not in SUPPORTED_FORMAT_VERSIONS:
        raise DatasetError(
            f"{name} is in format version {version!r}; this code reads version "
            f"{', '.join(map(str, SUPPORTED_FORMAT_VERSIONS))}."
        )
    for key, kind in HEADER.items():
        if not isinstance(document.get(key), kind):
            raise DatasetError(f"{name} lacks {key!r} (or it is not a {kind.__name__}).")

    file_schema, database_schema = document["schema"], schema_version()
    if file_schema != database_schema:
        raise DatasetError(
            f"{name} was exported at migrations {_describe(file_schema)}, and this database is "
            f"at {_describe(database_schema)}: import into a database migrated to the same state "
            "(the same version of the code), or export the data again from there."
        )

    models = {label(model): model for model in data_models()}
    records, counts = document["records"], document["counts"]
    unknown = sorted((records.keys() | counts.keys()) - models.keys())
    if unknown:
        raise DatasetError(f"{name} holds records of unknown models: {', '.join(unknown)}.")
    for key in models:
        if key not in records or key not in counts:
            raise DatasetError(f"{name} has no {key} records at all: the file is incomplete.")
        if not isinstance(records[key], list):
            raise DatasetError(f"{name}: the {key} records are not a list.")
        if counts[key] != len(records[key]):
            raise DatasetError(
                f"{name} is incomplete: it announces {counts[key]} {key} records and holds "
                f"{len(records[key])}."
            )
    if dataset_version(records) != document["dataset_version"]:
        raise DatasetError(
            f"The records in {name} do not match its dataset version: the file was changed or "
            "damaged after it was exported."
        )
    return list(models.values())


def _describe(schema):
    return ", ".join(f"{app} {name}" for app, name in schema.items()) or "(none)"


class _References:
    """Checks that a reference leads somewhere. Within the data set it must lead to a record of
    the file (the database is empty); anything else, a content type, must exist here already."""

    def __init__(self, keys):
        self.keys = keys  # model -> the primary keys of its records in the file
        self.found = {}

    def check(self, field, value):
        target = field.related_model
        if target in self.keys:
            key = field.target_field.to_python(value)
            if field.target_field.primary_key and key not in self.keys[target]:
                raise ValueError(f"{label(target)} {value!r} is not in the file")
        elif (target, repr(value)) not in self.found:
            self.found[target, repr(value)] = self._find_outside(target, value)

    @staticmethod
    def _find_outside(target, value):
        manager = target._default_manager
        try:
            if isinstance(value, list) and hasattr(manager, "get_by_natural_key"):
                return manager.get_by_natural_key(*value).pk
            return target._base_manager.get(pk=_pk(target, value)).pk
        except (ObjectDoesNotExist, TypeError):
            raise ValueError(f"this database has no {label(target)} {value!r}") from None


def _pk(model, value):
    return model._meta.pk.to_python(value)


def _index(models, records):
    """Each model's primary keys in the file, refusing a malformed record or a key used twice
    (which would make the second record overwrite the first)."""
    keys = {}
    for model in models:
        name, seen = label(model), set()
        for position, record in enumerate(records[name], 1):
            if not (
                isinstance(record, dict)
                and record.keys() == {"pk", "fields"}
                and isinstance(record["fields"], dict)
            ):
                raise DatasetError(f'{name} record no. {position} is not {{"pk": …, "fields": …}}.')
            try:
                key = _pk(model, record["pk"])
            except ValidationError:
                key = None
            if key is None:
                raise DatasetError(f"{name} record no. {position} has no valid pk.")
            if key in seen:
                raise DatasetError(f"{name} pk {key} appears twice.")
            seen.add(key)
        keys[model] = seen
    return keys


def _check_record(model, record, references):
    """Every field present, known, of a valid value, and every reference leading somewhere: a
    refusal names the record and the field, which the database's own errors often do not."""
    where = f"{label(model)} pk {record['pk']}"
    fields, expected = record["fields"], serialized_fields(model)
    for name in sorted(fields.keys() - expected.keys()):
        raise DatasetError(f"{where}: {model.__name__} has no field {name!r}.")
    for name in sorted(expected.keys() - fields.keys()):
        raise DatasetError(f"{where}: field {name!r} is missing.")
    for name, field in expected.items():
        value = fields[name]
        try:
            if value is None:
                if not field.null:
                    raise ValueError("it is empty (null), which this field does not allow")
            elif field.many_to_many:
                if not isinstance(value, list):
                    raise ValueError("it is not a list")
                for item in value:
                    references.check(field, item)
            elif field.is_relation:
                references.check(field, value)
            else:
                field.to_python(value)
        except ValidationError as error:
            raise DatasetError(f"{where}, field {name}: {' '.join(error.messages)}") from None
        except (ValueError, TypeError) as error:
            raise DatasetError(f"{where}, field {name}: {error}") from None


def _in_parent_order(model, records):
    """A model's records, each after the record its self-reference (``parent``, ``variant_of``)
    points at, refusing a loop: the database checks only direct self-reference, and the aircraft
    type trigger would stop an import midway."""
    own = [f for f in model._meta.concrete_fields if f.many_to_one and f.related_model is model]
    if not own:
        return records
    by_key = {_pk(model, record["pk"]): record for record in records}
    waiting, children = {}, defaultdict(list)
    for key, record in by_key.items():
        parents = {_pk(model, record["fields"][field.name]) for field in own} - {None}
        waiting[key] = parents & by_key.keys()
        for parent in waiting[key]:
            children[parent].append(key)
    ready = deque(key for key, parents in waiting.items() if not parents)
    ordered = []
    while ready:
        key = ready.popleft()
        ordered.append(by_key[key])
        for child in children[key]:
            waiting[child].discard(key)
            if not waiting[child]:
                ready.append(child)
    if len(ordered) < len(records):
        loop = sorted(key for key, parents in waiting.items() if parents)
        through = ", ".join(field.name for field in own)
        raise DatasetError(
            f"{label(model)} records {', '.join(map(str, loop))} are their own ancestors "
            f"through {through}."
        )
    return ordered


def _refuse_existing_data(models):
    held = [f"{n} {label(model)}" for model in models if (n := model._base_manager.count())]
    if held:
        listed = ", ".join(held[:3]) + (", …" if len(held) > 3 else "")
        raise DatasetError(
            f"import_dataset loads into an empty database, and this one holds records ({listed}). "
            "Create a new database, run `python manage.py migrate` and import there, without "
            "loading the curated data first."
        )


# --- Loading ------------------------------------------------------------------------------------


def import_document(document, name, report=None):
    """Load a document into an empty database, all or nothing; return the count per model.

    ``name`` (the file's) goes into the change reason of the first history version of each
    record; ``report(label, count)`` is called after each model is written.
    """
    models = _check_header(document, name)
    records = document["records"]
    references = _References(_index(models, records))
    plan = []
    for model in models:
        for record in records[label(model)]:
            _check_record(model, record, references)
        plan.append((model, _in_parent_order(model, records[label(model)])))

    restored = []
    with transaction.atomic():
        _refuse_existing_data(models)
        for model, model_records in plan:
            restored.append((model, [_save(model, record) for record in model_records]))
            if report:
                report(label(model), len(model_records))
        try:  # foreign keys are deferred to the commit; ask now, while a refusal can name them
            connection.check_constraints(table_names=[model._meta.db_table for model in models])
        except DatabaseError as error:
            raise DatasetError(f"The records do not hold together: {error}") from None
        _reset_sequences(models)
        _start_history(restored, f"Restored from dataset {name}")
    return {label(model): len(objects) for model, objects in restored}


def _save(model, record):
    where = f"{label(model)} pk {record['pk']}"
    try:
        (restored,) = serializers.deserialize("python", [{"model": label(model), **record}])
        restored.save(force_insert=True)  # raw: signal handlers and history leave it alone
    except DeserializationError as error:
        raise DatasetError(f"{where}: {error}") from None
    except DatabaseError as error:
        raise DatasetError(f"{where}: the database refused it: {error}") from None
    return restored.object


def _reset_sequences(models):
    """Records came with their ids; on PostgreSQL the id sequences must move past them, or the
    next new record would be given id 1 again. (SQLite follows the highest id by itself.)"""
    statements = connection.ops.sequence_reset_sql(no_style(), models)
    with connection.cursor() as cursor:
        for statement in statements:
            cursor.execute(statement)


def _start_history(restored, reason):
    """One first version per restored record, all with the same time and reason."""
    now = timezone.now()
    for model, objects in restored:
        manager = getattr(model._meta, "simple_history_manager_attribute", None)
        if manager and objects:
            getattr(model, manager).bulk_history_create(
                objects, default_change_reason=reason, default_date=now
            )
