"""export_dataset: what the file holds, and how it is written."""

import datetime as dt
import io
import json
import sys

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.utils import timezone

from curation import dataset

from .support import (
    DATA_APPS,
    empty_the_database,
    export,
    history_models,
    snapshot,
)

pytestmark = pytest.mark.django_db


def test_the_sample_holds_every_data_model(sample):
    """So that the round trips below exercise each of them."""
    assert [dataset.label(m) for m in dataset.data_models() if not m._base_manager.exists()] == []


def test_history_tables_are_not_part_of_the_data_set():
    assert not set(dataset.data_models()) & set(history_models())
    assert "curation.loadstamp" in map(dataset.label, dataset.data_models())


# --- What the file holds ------------------------------------------------------------------------


def test_the_file_says_what_it_holds(exported):
    document = json.loads(exported.read_text(encoding="utf-8"))

    assert document["format"] == "strategic-aviation-reference/dataset"
    assert document["format_version"] == 1
    assert document["dataset_version"] == dataset.dataset_version(document["records"])
    assert document["dataset_version"].startswith("sha256:")
    exported_at = dt.datetime.fromisoformat(document["exported_at"])
    assert abs(timezone.now() - exported_at) < dt.timedelta(minutes=5)
    assert set(document["schema"]) == set(DATA_APPS)
    assert document["counts"] == {
        dataset.label(model): model._base_manager.count() for model in dataset.data_models()
    }
    assert document["counts"] == {name: len(rows) for name, rows in document["records"].items()}


def test_models_come_after_the_models_they_point_at(exported):
    order = list(json.loads(exported.read_text(encoding="utf-8"))["records"])
    for model in dataset.data_models():
        for field in model._meta.concrete_fields:
            target = field.related_model
            if field.is_relation and target is not model and dataset.in_data_set(target):
                assert order.index(dataset.label(target)) < order.index(dataset.label(model))


def test_records_point_at_each_other_by_id_and_at_content_types_by_natural_key(sample, exported):
    document = json.loads(exported.read_text(encoding="utf-8"))
    participation = document["records"]["patrols.participation"][0]["fields"]
    content_types = {
        tuple(r["fields"]["content_type"]) for r in document["records"]["reference.citation"]
    }

    assert participation["patrol"] == sample.pk
    assert content_types == {("patrols", "patrol"), ("aircraft", "aircrafttype")}


def test_one_record_per_line(exported):
    lines = exported.read_text(encoding="utf-8").splitlines()
    assert sum(line.lstrip().startswith('{"pk": ') for line in lines) == sum(
        json.loads("\n".join(lines))["counts"].values()
    )


def test_export_to_standard_output_and_import_from_standard_input(sample, monkeypatch):
    before, out, err = snapshot(), io.StringIO(), io.StringIO()
    call_command("export_dataset", "-", stdout=out, stderr=err)
    assert json.loads(out.getvalue())["format_version"] == 1
    assert "Exported" in err.getvalue()  # the report stays out of the data

    empty_the_database()
    stdin = io.TextIOWrapper(io.BytesIO(out.getvalue().encode()), encoding="utf-8")
    monkeypatch.setattr(sys, "stdin", stdin)
    call_command("import_dataset", "-", stdout=io.StringIO())
    assert snapshot() == before


def test_a_failed_export_leaves_the_previous_file_and_no_temporary_one(
    sample, tmp_path, monkeypatch
):
    path = tmp_path / "dataset.json"
    path.write_text("the previous export", encoding="utf-8")

    def disk_full(fd):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr("os.fsync", disk_full)
    with pytest.raises(CommandError, match="No space left on device"):
        export(path)
    assert path.read_text(encoding="utf-8") == "the previous export"
    assert list(tmp_path.iterdir()) == [path]
