"""The loader on an empty database: dry runs, a curator's own records, and a bad entry."""

from pathlib import Path

import pytest
import yaml
from django.core.management import CommandError

from curation.loaders import patrols as patrols_loader
from curation.models import LoadStamp
from patrols.models import Patrol
from reference.models import Citation, Organization, Source
from tests.conftest import load_reference_data as load
from tests.curation.data_files import use_copy

pytestmark = pytest.mark.django_db


def test_if_empty_loads_nothing_into_a_database_that_already_has_patrols(db):
    Patrol.objects.create(
        slug="curators-patrol", name="A curator's patrol", kind="exercise", start_date="2020-01-01"
    )
    load(if_empty=True)
    assert not Source.objects.exists()
    load()
    assert Source.objects.exists()


def test_a_dry_run_writes_nothing(db):
    load(dry_run=True)
    assert not Patrol.objects.exists() and not Source.objects.exists()


def test_a_curators_own_record_is_used_as_it_is(db):
    Organization.objects.create(slug="jasdf", name="JASDF (curator's)", kind="air_force")
    load()
    assert Organization.objects.get(slug="jasdf").name == "JASDF (curator's)"
    assert not LoadStamp.objects.filter(natural_key__contains='"jasdf"').exists()


def test_a_bad_entry_stops_the_load_and_writes_nothing(db, tmp_path, monkeypatch):
    data = yaml.safe_load(Path(patrols_loader.DATA_FILE).read_text(encoding="utf-8"))
    data["patrols"][-1]["participations"][0]["count"] = 0
    path = tmp_path / "patrols.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    use_copy(patrols_loader, path, monkeypatch)
    with pytest.raises(CommandError, match="count"):
        load()
    assert not Source.objects.exists()
    assert not Citation.objects.exists()
    assert not Patrol.objects.exists()
