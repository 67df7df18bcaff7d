"""The data files may not give one record twice: the loader would write the first entry, then
overwrite it with the second. A list that repeats a key, a patrol that lists one participation
twice, or an entry that gives one field twice (YAML would keep the last) is refused, naming
it, and nothing is loaded."""

from pathlib import Path

import pytest
import yaml
from django.core.management import CommandError

from curation.loaders import aircraft as aircraft_loader
from curation.loaders import patrols as patrols_loader
from curation.loaders import reference as reference_loader
from patrols.models import Patrol
from reference.models import Country, Source
from tests.conftest import load_reference_data as load
from tests.curation.data_files import use_copy

pytestmark = pytest.mark.django_db

LOADERS = (reference_loader, aircraft_loader, patrols_loader)


def entry_lists():
    """(loader, list name) for every list of entries in the data files."""
    for loader in LOADERS:
        data = yaml.safe_load(Path(loader.DATA_FILE).read_text(encoding="utf-8"))
        for name, entries in data.items():
            if isinstance(entries, list) and entries:
                yield pytest.param(loader, name, id=f"{loader.__name__.rsplit('.', 1)[1]}-{name}")


def edited(loader, tmp_path, monkeypatch, edit):
    data = yaml.safe_load(Path(loader.DATA_FILE).read_text(encoding="utf-8"))
    edit(data)
    path = tmp_path / Path(loader.DATA_FILE).name
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return use_copy(loader, path, monkeypatch)


def assert_nothing_loaded():
    assert not Country.objects.exists()
    assert not Source.objects.exists()
    assert not Patrol.objects.exists()


@pytest.mark.parametrize(("loader", "name"), list(entry_lists()))
def test_a_list_that_gives_one_key_twice_is_refused(db, tmp_path, monkeypatch, loader, name):
    def repeat_the_first(data):
        first = data[name][0]
        data[name].append({**first, "name": "The second copy."} if "name" in first else first)

    edited(loader, tmp_path, monkeypatch, repeat_the_first)
    data = yaml.safe_load(Path(loader.DATA_FILE).read_text(encoding="utf-8"))
    key = data[name][0].get("slug") or data[name][0].get("code")

    with pytest.raises(CommandError, match="Nothing was loaded") as refused:
        load()

    message = str(refused.value)
    assert repr(key) in message or key in message
    assert "twice" in message or "several entries" in message
    assert_nothing_loaded()


def test_a_participation_listed_twice_is_refused_naming_it(db, tmp_path, monkeypatch):
    def repeat_a_participation(data):
        participations = data["patrols"][0]["participations"]
        participations.append({**participations[0], "notes": "The second copy."})

    edited(patrols_loader, tmp_path, monkeypatch, repeat_a_participation)
    first = yaml.safe_load(Path(patrols_loader.DATA_FILE).read_text(encoding="utf-8"))["patrols"][0]

    with pytest.raises(CommandError, match="participation .* is given twice") as refused:
        load()

    message = str(refused.value)
    assert repr(first["slug"]) in message
    assert repr(first["participations"][0]["operator"]) in message
    assert_nothing_loaded()


def test_an_entry_that_gives_one_field_twice_is_refused_naming_the_line(db, tmp_path, monkeypatch):
    text = Path(reference_loader.DATA_FILE).read_text(encoding="utf-8")
    lines = text.splitlines()
    number = next(i for i, line in enumerate(lines) if line.strip().startswith("name:"))
    lines.insert(number + 1, lines[number] + " (again)")
    path = tmp_path / "reference.yaml"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    use_copy(reference_loader, path, monkeypatch)

    with pytest.raises(CommandError) as refused:
        load()

    assert f"reference.yaml, line {number + 2}: 'name' is given twice in one entry" in str(
        refused.value
    )
    assert f"(first on line {number + 1})" in str(refused.value)
    assert_nothing_loaded()
