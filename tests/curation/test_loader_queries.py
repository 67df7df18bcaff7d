"""The loader batches its look-ups: it reads each table once per run, not once per entry, so a run
over unchanged files costs a few queries per model however many entries the files hold, and a
change costs the writes of the records it changes."""

from pathlib import Path

import pytest
import yaml
from django.db import connection
from django.test.utils import CaptureQueriesContext

from curation.loaders import patrols as patrols_loader
from curation.models import LoadStamp
from patrols.models import Patrol
from tests.conftest import load_reference_data as load
from tests.curation.data_files import use_copy

pytestmark = pytest.mark.django_db


def test_a_reload_with_nothing_to_change_makes_fewer_than_100_queries(loaded):
    entries = LoadStamp.objects.count()

    with CaptureQueriesContext(connection) as queries:
        report = load()

    assert "unchanged" in report and "updated" not in report and "created" not in report
    assert entries > 500  # so that one query per entry could not pass
    assert len(queries) < 100, f"{len(queries)} queries for {entries} unchanged entries"


def test_a_reload_with_nothing_to_change_writes_nothing(loaded):
    with CaptureQueriesContext(connection) as queries:
        load()

    writes = [
        query["sql"]
        for query in queries
        if query["sql"].lstrip().split()[0].upper() in ("INSERT", "UPDATE", "DELETE")
    ]
    assert writes == []


def test_changing_one_entry_costs_that_entrys_writes_not_a_query_per_entry(
    loaded, tmp_path, monkeypatch
):
    data = yaml.safe_load(Path(patrols_loader.DATA_FILE).read_text(encoding="utf-8"))
    second = next(patrol for patrol in data["patrols"] if patrol.get("ordinal") == 2)
    second["summary"] = "A corrected summary."
    path = tmp_path / "patrols.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    use_copy(patrols_loader, path, monkeypatch)

    with CaptureQueriesContext(connection) as queries:
        report = load()

    assert "patrols: 1 updated" in report
    assert Patrol.objects.get(ordinal=2).summary == "A corrected summary."
    assert len(queries) < 150, f"{len(queries)} queries to update one patrol"
