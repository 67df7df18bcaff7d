"""Dates in the data files are ISO 8601 only (a dataset file's: dataset/test_iso_dates.py).

YAML reads an unquoted ``2024-01-02`` as a date; a quoted ``"02/01/2024"`` (or ``"2024-1-2"``, or
other scripts' digits) reached the model as text, which Django read its own lenient way, or for a
record already loaded became a mere warning. The loader reads each date with ``core.dates`` and
refuses any other spelling, naming the record and the field, and writes nothing. The cases are
generated from the data files: every key that holds a date.
"""

import datetime
from pathlib import Path

import pytest
import yaml
from django.core.management import CommandError

from curation.loaders import LOADERS
from curation.loaders import patrols as patrols_loader
from curation.loading import DataFileError, RecordLoader
from patrols.models import Patrol
from tests.conftest import load_reference_data as load
from tests.core.test_iso_dates import ARABIC_INDIC
from tests.curation.data_files import use_copy

pytestmark = pytest.mark.django_db

NOT_ISO = ["02/01/2024", "2024-1-2", ARABIC_INDIC, "20240102", 20240102]
YAML_DATETIME = datetime.datetime(2024, 1, 2, 10, 0)  # an unquoted 2024-01-02 10:00:00


def read(loader):
    return yaml.safe_load(Path(loader.DATA_FILE).read_text(encoding="utf-8"))


def date_paths(value, path=()):
    """The path (keys and indices) of every date in a data file's document."""
    if isinstance(value, datetime.date):
        yield path
    elif isinstance(value, dict):
        for key, item in value.items():
            yield from date_paths(item, (*path, key))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from date_paths(item, (*path, index))


def date_keys():
    """(loader, the first path of each kind of date key) for every data file."""
    cases = []
    for loader in LOADERS:
        kinds = {}
        for path in date_paths(read(loader)):
            kind = ".".join("[]" if isinstance(part, int) else part for part in path)
            kinds.setdefault(kind, path)
        short = loader.__name__.rsplit(".", 1)[1]
        cases += [pytest.param(loader, path, id=f"{short}:{kind}") for kind, path in kinds.items()]
    return cases


DATE_KEYS = date_keys()


def set_at(document, path, value):
    for part in path[:-1]:
        document = document[part]
    document[path[-1]] = value


def written(loader, document, tmp_path):
    path = tmp_path / Path(loader.DATA_FILE).name
    path.write_text(yaml.safe_dump(document, allow_unicode=True, sort_keys=False), "utf-8")
    return path


def test_the_data_files_hold_the_dates_of_patrols_sources_and_aircraft():
    kinds = {case.id for case in DATE_KEYS}
    assert {
        "patrols:patrols.[].start_date",
        "patrols:patrols.[].interceptions.[].date",
        "patrols:patrols.[].statements.[].date",
        "reference:sources.[].published_on",
        "aircraft:aircraft_types.[].first_flight",
    } <= kinds


@pytest.mark.parametrize(("loader", "path"), DATE_KEYS)
def test_a_date_not_in_iso_in_a_data_file_is_refused_naming_the_record_and_field(
    loaded, tmp_path, loader, path
):
    """On a loaded database: the entry's record exists, and a bad date is still refused (it
    used to be kept out as a 'conflict' warning, the load carrying on)."""
    for value in [*NOT_ISO, YAML_DATETIME]:
        document = read(loader)
        set_at(document, path, value)

        with pytest.raises(DataFileError) as error:
            loader.load(RecordLoader(), written(loader, document, tmp_path))

        assert f"field {path[-1]}: Use an ISO 8601 date, YYYY-MM-DD" in str(error.value), value
        assert names_the_record(str(error.value)), str(error.value)


def names_the_record(message):
    """By its slug, its patrol, or (an activity count, keyed in the file by its series, not a
    slug) its reporter's slug."""
    return any(name in message for name in ('{"slug": ', '"patrol"', '"reported_by": "'))


@pytest.mark.parametrize("loader", LOADERS, ids=lambda loader: loader.__name__)
def test_a_quoted_iso_date_is_the_same_date(loaded, tmp_path, loader):
    """``"2024-01-02"`` (text) loads as the unquoted date does: nothing changes."""
    document = read(loader)
    for path in date_paths(document):
        set_at(document, path, str(read_at(document, path)))
    assert not list(date_paths(document))
    records = RecordLoader()

    loader.load(records, written(loader, document, tmp_path))

    outcomes = {outcome for counts in records.tally.values() for outcome in counts}
    assert outcomes == {"unchanged"}, records.tally


def read_at(document, path):
    for part in path:
        document = document[part]
    return document


def test_the_example_stops_the_whole_load(loaded, tmp_path, monkeypatch):
    """The bad date in the last patrol refuses the load, the first patrol's edit with it."""
    document = read(patrols_loader)
    first, last = document["patrols"][0], document["patrols"][-1]
    name = Patrol.objects.get(slug=first["slug"]).name
    first["name"] = "Renamed in the file"
    last["start_date"] = "02/01/2024"
    use_copy(patrols_loader, written(patrols_loader, document, tmp_path), monkeypatch)

    with pytest.raises(CommandError) as error:
        load()

    slug = last["slug"]
    assert f'Patrol {{"slug": "{slug}"}}: field start_date' in str(error.value)
    assert Patrol.objects.get(slug=first["slug"]).name == name
