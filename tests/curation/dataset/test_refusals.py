"""A damaged, partial or foreign file, or a database that holds data, is refused, and nothing
is written."""

import json

import pytest

from curation import dataset
from patrols.models import Patrol

from .support import (
    empty_the_database,
    history_models,
    record,
    refusal,
    rewrite,
    rows_everywhere,
    snapshot,
)

pytestmark = pytest.mark.django_db


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
            "field start_date: Use an ISO 8601 date, YYYY-MM-DD",
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
