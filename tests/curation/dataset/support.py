"""Helpers for the dataset tests: snapshots, an emptied database, export and import."""

import io
import json

import pytest
from django.apps import apps
from django.core.management import call_command
from django.core.management.base import CommandError
from django.core.management.color import no_style
from django.db import connection
from simple_history.models import HistoricalChanges

from curation import dataset

DATA_APPS = ("reference", "aircraft", "patrols", "curation")
RESTORED = "Restored from dataset dataset.json"


# --- Helpers ------------------------------------------------------------------------------------


def history_models():
    return [
        model
        for model in apps.get_models()
        if model._meta.app_label in DATA_APPS and issubclass(model, HistoricalChanges)
    ]


def snapshot():
    """Every row of every data model, timestamps included, in id order."""
    return {
        dataset.label(model): list(model._base_manager.order_by("pk").values_list())
        for model in dataset.data_models()
    }


def rows_everywhere():
    """How many rows the data and history tables hold together."""
    return sum(model._base_manager.count() for model in dataset.data_models() + history_models())


def empty_the_database():
    """Empty every data and history table and rewind the id sequences to 1."""
    tables = [model._meta.db_table for model in dataset.data_models() + history_models()]
    connection.check_constraints()  # PostgreSQL truncates no table with foreign key checks pending
    statements = connection.ops.sql_flush(no_style(), tables, reset_sequences=True)
    connection.ops.execute_sql_flush(statements)


def export(path):
    call_command("export_dataset", str(path), stdout=io.StringIO())
    return json.loads(path.read_text(encoding="utf-8"))


def import_(path):
    out = io.StringIO()
    call_command("import_dataset", str(path), stdout=out)
    return out.getvalue()


def refusal(path):
    """The message import_dataset refuses the file with."""
    with pytest.raises(CommandError) as error:
        import_(path)
    return str(error.value)


def rewrite(path, document, reseal=True):
    """Write an edited document back; resealed, its dataset version matches the edit, as if the
    file had been exported so, and the checks behind the digest are reached."""
    if reseal:
        document["dataset_version"] = dataset.dataset_version(document["records"])
    path.write_text(dataset.render(document), encoding="utf-8")


def record(document, model, pk):
    return next(r for r in document["records"][dataset.label(model)] if r["pk"] == pk)
