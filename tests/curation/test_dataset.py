"""export_dataset and import_dataset: the whole data set as one JSON file, restored into an empty
database record for record; a damaged, partial or foreign file is refused and changes nothing.

The same tests run on SQLite and on PostgreSQL. An "empty database" is made by emptying every data
and history table and rewinding the id sequences, which is what a new, migrated database holds.
"""

import datetime as dt
import io
import json
import sys

import pytest
from django.apps import apps
from django.core.management import call_command
from django.core.management.base import CommandError
from django.core.management.color import no_style
from django.db import connection
from django.utils import timezone
from simple_history.models import HistoricalChanges

from curation import dataset
from patrols.models import Patrol
from reference.models import Citation
from tests import factories
from tests.conftest import load_reference_data

pytestmark = pytest.mark.django_db

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


# --- A few records of every data model ----------------------------------------------------------


@pytest.fixture
def sample(db):
    """Every data model, with what a round trip could lose: parents before and after their
    children, geometries, non-ASCII text, empty values, citations and claims on different kinds
    of record, and a loader stamp."""
    country = factories.CountryFactory(name="Côte d’Ivoire")
    command = factories.OrganizationFactory(name="Armée de l’air", country=country)
    wing = factories.OrganizationFactory(country=country, parent=command)
    sea = factories.RegionFactory(
        geometry={
            "type": "Polygon",
            "coordinates": [[[130.0, 35.5], [131.25, 35.5], [131.25, 36.125], [130.0, 35.5]]],
        }
    )
    strait = factories.RegionFactory(kind="strait", parent=sea, declared_by=country)
    bomber = factories.AircraftTypeFactory(
        manufacturer=factories.ManufacturerFactory(country=country),
        country_of_origin=country,
        first_flight=dt.date(1952, 11, 12),
        max_speed_kmh=920,
    )
    variant = factories.AircraftTypeFactory(variant_of=bomber, nato_name="Bear")
    factories.AircraftCapabilityFactory(aircraft_type=bomber)
    factories.ArmamentFactory(aircraft_type=variant, weapon=factories.WeaponFactory(range_km=None))
    factories.InventoryFactory(aircraft_type=bomber, operator=wing)
    patrol = factories.PatrolFactory(
        ordinal=1,
        end_date=dt.date(2019, 7, 24),
        summary="Two H-6K — and two Tu-95MS.",
        route={"type": "LineString", "coordinates": [[125.0, 33.0], [130.5, 35.25]]},
    )
    factories.PatrolRegionFactory(patrol=patrol, region=strait)
    factories.ParticipationFactory(patrol=patrol, aircraft_type=variant, operator=wing)
    factories.ParticipationFactory(
        patrol=patrol,
        aircraft_type=None,
        aircraft_description="Unidentified fighters",
        count=None,
        role="escort",
        operator=command,
    )
    factories.InterceptionFactory(
        patrol=patrol, responder=command, region=sea, date=patrol.start_date
    )
    factories.StatementFactory(organization=command, patrol=patrol)
    source = factories.SourceFactory(published_on=dt.date(2019, 7, 23))
    factories.CitationFactory(content_object=patrol, source=source)
    factories.CitationFactory(content_object=bomber, source=source)
    factories.ClaimFactory(content_object=patrol, source=source)
    factories.LoadStampFactory(record=country)
    return patrol


@pytest.fixture
def exported(sample, tmp_path):
    """The sample exported to dataset.json."""
    path = tmp_path / "dataset.json"
    export(path)
    return path


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


# --- Refusals -----------------------------------------------------------------------------------


def test_a_database_that_holds_data_is_refused(exported):
    before, history = snapshot(), sum(m.objects.count() for m in history_models())

    message = refusal(exported)

    assert "loads into an empty database" in message
    assert snapshot() == before
    assert sum(m.objects.count() for m in history_models()) == history


def test_a_truncated_file_is_refused_and_nothing_is_written(exported):
    data = exported.read_bytes()
    exported.write_bytes(data[: len(data) // 2])
    empty_the_database()

    message = refusal(exported)

    assert message.startswith("Nothing was imported: dataset.json is not complete JSON")
    assert "cut short" in message
    assert rows_everywhere() == 0


def test_a_file_cut_anywhere_is_recognised_as_cut_short(exported):
    data = exported.read_bytes()
    for end in range(0, len(data) - 2, 97):
        with pytest.raises(dataset.DatasetError, match="cut short|is empty"):
            dataset.parse(data[:end], "dataset.json")


def test_a_file_cut_inside_a_character_is_recognised_as_cut_short(exported):
    data = exported.read_bytes()
    end = data.index("ô".encode()) + 1
    with pytest.raises(dataset.DatasetError, match="middle of a character: the file was cut"):
        dataset.parse(data[:end], "dataset.json")


@pytest.mark.parametrize(
    ("content", "reason"),
    [
        (b"", "dataset.json is empty"),
        (b"<html>Not found</html>", "dataset.json is not valid JSON: Expecting value at line 1"),
        (b'{"a": 1} {"b": 2}', "not valid JSON: Extra data"),
        (b"\xff\xfe{}", "not UTF-8 text"),
        (b"[1, 2]", "is not a data set export"),
        (b'{"format": "django/fixture"}', "is not a data set export"),
    ],
)
def test_a_file_that_is_not_an_export_is_refused(sample, tmp_path, content, reason):
    path = tmp_path / "dataset.json"
    path.write_bytes(content)
    assert reason in refusal(path)


def test_an_unknown_format_version_is_refused(exported):
    document = json.loads(exported.read_text(encoding="utf-8"))
    document["format_version"] = 2
    rewrite(exported, document)
    assert "format version 2; this code reads version 1" in refusal(exported)


def test_a_file_of_another_schema_is_refused(exported):
    document = json.loads(exported.read_text(encoding="utf-8"))
    document["schema"]["patrols"] = "0002_curators_group"
    rewrite(exported, document)
    empty_the_database()

    message = refusal(exported)

    assert "exported at migrations" in message and "patrols 0002_curators_group" in message
    assert rows_everywhere() == 0


def test_a_partial_file_is_refused(exported):
    document = json.loads(exported.read_text(encoding="utf-8"))
    del document["records"]["patrols.participation"][-1]
    rewrite(exported, document)
    empty_the_database()

    message = refusal(exported)

    assert "incomplete: it announces 2 patrols.participation records and holds 1" in message
    assert rows_everywhere() == 0


def test_a_file_without_a_model_is_refused(exported):
    document = json.loads(exported.read_text(encoding="utf-8"))
    del document["records"]["patrols.statement"], document["counts"]["patrols.statement"]
    rewrite(exported, document)
    empty_the_database()
    assert "has no patrols.statement records at all" in refusal(exported)


def test_a_file_changed_after_export_is_refused(sample, exported):
    document = json.loads(exported.read_text(encoding="utf-8"))
    record(document, Patrol, sample.pk)["fields"]["name"] = "Edited by hand"
    rewrite(exported, document, reseal=False)
    empty_the_database()

    message = refusal(exported)

    assert "do not match its dataset version" in message
    assert rows_everywhere() == 0


@pytest.mark.parametrize(
    ("change", "reason"),
    [
        (
            lambda fields: fields.update(start_date="someday"),
            "field start_date: “someday” value has an invalid date format",
        ),
        (lambda fields: fields.update(kind=None), "field kind: it is empty (null)"),
        (lambda fields: fields.pop("summary"), "field 'summary' is missing"),
        (lambda fields: fields.update(colour="red"), "Patrol has no field 'colour'"),
    ],
)
def test_a_malformed_record_is_refused_naming_the_record_and_field(
    sample, exported, change, reason
):
    document = json.loads(exported.read_text(encoding="utf-8"))
    change(record(document, Patrol, sample.pk)["fields"])
    rewrite(exported, document)
    empty_the_database()

    message = refusal(exported)

    assert f"patrols.patrol pk {sample.pk}" in message and reason in message
    assert rows_everywhere() == 0


def test_a_reference_to_a_record_not_in_the_file_is_refused(exported):
    document = json.loads(exported.read_text(encoding="utf-8"))
    participation = document["records"]["patrols.participation"][0]
    participation["fields"]["patrol"] = 999999
    rewrite(exported, document)
    empty_the_database()

    message = refusal(exported)

    assert f"patrols.participation pk {participation['pk']}, field patrol" in message
    assert "patrols.patrol 999999 is not in the file" in message
    assert rows_everywhere() == 0


def test_an_unknown_content_type_is_refused(exported):
    document = json.loads(exported.read_text(encoding="utf-8"))
    document["records"]["reference.citation"][0]["fields"]["content_type"] = ["nowhere", "nothing"]
    rewrite(exported, document)
    empty_the_database()

    message = refusal(exported)

    assert "field content_type: this database has no contenttypes.contenttype" in message
    assert rows_everywhere() == 0


def test_a_loop_of_parents_is_refused(sample, exported):
    document = json.loads(exported.read_text(encoding="utf-8"))
    command, wing = document["records"]["reference.organization"][:2]
    command["fields"]["parent"] = wing["pk"]  # and wing's parent is command
    rewrite(exported, document)
    empty_the_database()

    message = refusal(exported)

    assert f"records {command['pk']}, {wing['pk']} are their own ancestors through parent" in (
        message
    )
    assert rows_everywhere() == 0


def test_a_record_id_used_twice_is_refused(exported):
    document = json.loads(exported.read_text(encoding="utf-8"))
    countries = document["records"]["reference.country"]
    countries.append(countries[0])
    document["counts"]["reference.country"] += 1
    rewrite(exported, document)
    empty_the_database()
    assert f"reference.country pk {countries[0]['pk']} appears twice" in refusal(exported)


def test_a_record_the_database_refuses_undoes_the_whole_import(sample, exported):
    """The patrol comes after countries, organizations and aircraft, which were written: the
    database's CHECK refuses the patrol, and everything goes."""
    document = json.loads(exported.read_text(encoding="utf-8"))
    record(document, Patrol, sample.pk)["fields"]["end_date"] = "2019-07-01"  # before the start
    rewrite(exported, document)
    empty_the_database()

    message = refusal(exported)

    assert f"patrols.patrol pk {sample.pk}: the database refused it" in message
    assert rows_everywhere() == 0


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
