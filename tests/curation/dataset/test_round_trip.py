"""An export imported into an empty database restores every record as it was."""

import json

import pytest

from patrols.models import Patrol
from reference.models import Citation
from tests import factories
from tests.conftest import load_reference_data

from .support import (
    RESTORED,
    empty_the_database,
    export,
    history_models,
    import_,
    rows_everywhere,
    snapshot,
)

pytestmark = pytest.mark.django_db


# --- The round trip -----------------------------------------------------------------------------


def test_a_round_trip_restores_every_record_as_it_was(exported, tmp_path):
    before = snapshot()
    document = json.loads(exported.read_text(encoding="utf-8"))
    empty_the_database()
    assert rows_everywhere() == 0

    import_(exported)

    assert snapshot() == before  # every field of every record, timestamps included
    again = export(tmp_path / "again.json")
    assert again["records"] == document["records"]
    assert again["dataset_version"] == document["dataset_version"]


def test_the_import_reports_each_model_and_the_total(exported):
    empty_the_database()
    report = import_(exported)
    assert "  patrols.participation: 2\n" in report
    assert f"Imported {sum(json.loads(exported.read_text())['counts'].values())} records" in report


def test_each_restored_record_starts_its_history_with_one_restore_version(exported):
    empty_the_database()
    import_(exported)
    for model in history_models():
        record_model = model.instance_type
        assert model.objects.count() == record_model._base_manager.count(), model
        assert set(model.objects.values_list("history_type", "history_change_reason")) == {
            ("+", RESTORED)
        }
    patrol = Patrol.objects.get()
    assert patrol.history.get().instance.name == patrol.name


def test_new_records_get_fresh_ids_after_an_import(sample, exported):
    """On PostgreSQL the id sequences must move past the imported ids."""
    highest = {model: model.objects.order_by("-pk").first().pk for model in (Patrol, Citation)}
    empty_the_database()  # which rewinds the sequences to 1
    import_(exported)

    patrol = factories.PatrolFactory(ordinal=None, kind="exercise")
    citation = factories.CitationFactory(content_object=patrol)

    assert patrol.pk > highest[Patrol] and citation.pk > highest[Citation]


# --- The curated data (loaded once for the rest of this module, so these come last) ------------


def test_the_curated_data_survives_a_round_trip_record_for_record(loaded, tmp_path):
    before = snapshot()
    document = export(tmp_path / "dataset.json")
    empty_the_database()

    import_(tmp_path / "dataset.json")

    assert snapshot() == before
    assert export(tmp_path / "again.json")["dataset_version"] == document["dataset_version"]


def test_after_a_restore_the_loader_finds_nothing_to_change(loaded, tmp_path):
    """The loader stamps came along: the restored database still knows what the loader wrote."""
    export(tmp_path / "dataset.json")
    empty_the_database()
    import_(tmp_path / "dataset.json")

    report = load_reference_data()

    assert "created" not in report and "updated" not in report and "removed" not in report
