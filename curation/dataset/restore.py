"""Loading: every record checked, then written in one transaction, parents first, each with a
first version in its history."""

from django.core import serializers
from django.core.exceptions import ObjectDoesNotExist, ValidationError
from django.core.management.color import no_style
from django.core.serializers.base import DeserializationError
from django.db import DatabaseError, connection, transaction
from django.utils import timezone

from core import dates
from core.models import natural_key_field

from .. import ordering
from .reading import check_header
from .scope import DatasetError, label, serialized_fields


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
        _refuse_repeated_natural_keys(model, records[name])
    return keys


def _refuse_repeated_natural_keys(model, records):
    """Two records with one slug (or code): the database would refuse the second with a bare
    constraint error; name both records instead."""
    field = natural_key_field(model)
    if field == "pk":
        return
    holders = {}
    for record in records:
        value = record["fields"].get(field)
        if value not in (None, ""):
            holders.setdefault(value, []).append(str(record["pk"]))
    for value, pks in holders.items():
        if len(pks) > 1:
            raise DatasetError(
                f"{label(model)} {field} {value!r} is given to several records "
                f"(pk {', '.join(pks)}): each {field} names one record."
            )


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
                field.to_python(dates.field_value(field, value))  # ISO 8601 dates only
        except ValidationError as error:
            raise DatasetError(f"{where}, field {name}: {' '.join(error.messages)}") from None
        except (ValueError, TypeError) as error:
            raise DatasetError(f"{where}, field {name}: {error}") from None


def _in_parent_order(model, records):
    """A model's records, each after the record its self-reference (``parent``, ``variant_of``)
    points at (``curation.ordering``: ties in file order), refusing a loop: the database checks
    only direct self-reference, and the aircraft type trigger would stop an import midway."""
    own = [f for f in model._meta.concrete_fields if f.many_to_one and f.related_model is model]
    if not own:
        return records
    by_key = {_pk(model, record["pk"]): record for record in records}

    def parents(key):
        return {_pk(model, by_key[key]["fields"][field.name]) for field in own} - {None}

    try:
        return [by_key[key] for key in ordering.parents_first(list(by_key), parents)]
    except ordering.CycleError as error:
        loop = error.args[1]
        through = ", ".join(field.name for field in own)
        raise DatasetError(
            f"{label(model)} records {', '.join(map(str, sorted(set(loop))))} are their own "
            f"ancestors through {through} ({ordering.describe_cycle(loop)})."
        ) from None


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
    models = check_header(document, name)
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
