"""Text a spreadsheet would run as a formula is quoted in every spreadsheet the site writes —
the API's CSV (every list and detail), the admin's CSV and XLSX exports — for every text field;
JSON keeps it exact, numbers stay numbers, and an exported file imports back unchanged.

CSV downloads start with a UTF-8 byte order mark, so a spreadsheet reads non-ASCII text as
UTF-8."""

import csv
import io

import pytest
from django.core.exceptions import FieldDoesNotExist
from django.db import models
from django.urls import resolve
from rest_framework import serializers

from core.api.csv import cells
from core.cells import FORMULA_STARTS, neutralise, restore
from tests.api_resources import detail_url, list_url, written
from tests.core import resource_cases
from tests.core.spreadsheets import (
    CSV_FORMAT,
    XLSX_FORMAT,
    admin_url,
    cases,
    export,
    import_file,
    rows_of,
    spreadsheet_admins,
    stored_record,
    text_columns,
    xlsx_rows,
)

pytestmark = pytest.mark.django_db

FORMULA = "=1+2"
BOM = b"\xef\xbb\xbf"


# --- The rule --------------------------------------------------------------------------------


@pytest.mark.parametrize("start", sorted(FORMULA_STARTS))
def test_text_starting_as_a_formula_is_quoted_and_reads_back(start):
    text = f"{start}HYPERLINK(1)"
    assert neutralise(text) == f"'{text}"
    assert restore(neutralise(text)) == text


@pytest.mark.parametrize(
    "text", ["plain", "'tis", "'", "''", "'=x", "''=x", "'-12", "", "a=b", "12", " =x"]
)
def test_reading_back_undoes_exactly_what_writing_did(text):
    assert restore(neutralise(text)) == text
    assert neutralise(text)[:1] not in FORMULA_STARTS


def test_a_number_is_a_number_and_text_that_looks_like_one_is_text():
    class Figures(serializers.Serializer):
        count = serializers.IntegerField()
        ratio = serializers.DecimalField(max_digits=5, decimal_places=1)
        label = serializers.CharField()

    to_cell = cells(Figures())
    assert to_cell["count"](-12) == "-12"
    assert to_cell["ratio"]("-1.5") == "-1.5"
    assert to_cell["label"]("-12") == "'-12"


# --- The API's CSV ---------------------------------------------------------------------------


def api_text_fields():
    """(resource, column, model field) for every free-text model field each API resource shows,
    read from the resource's serializer (``link`` shows a source's ``url``)."""
    params = []
    for resource in resource_cases.RESOURCES:
        model = resource.factory._meta.model
        serializer = resolve(list_url(resource.path)).func.cls.serializer_class()
        for column, shown in serializer.fields.items():
            try:
                field = model._meta.get_field(shown.source)
            except (FieldDoesNotExist, TypeError):
                continue
            if (
                isinstance(field, models.CharField | models.TextField)
                and not isinstance(field, models.SlugField)
                and not field.choices
                and (field.max_length or 99) >= len(FORMULA)
            ):
                params.append(
                    pytest.param(resource.path, column, field.name, id=f"{resource}-{column}")
                )
    return params


def csv_rows(response):
    content = b"".join(response.streaming_content) if response.streaming else response.content
    assert content.startswith(BOM)
    return list(csv.DictReader(io.StringIO(content.decode("utf-8-sig"))))


@pytest.mark.parametrize(("resource", "column", "field"), api_text_fields())
def test_the_api_csv_quotes_a_formula_and_the_json_keeps_it(api_client, resource, column, field):
    record = written(resource)
    type(record)._base_manager.filter(pk=record.pk).update(**{field: FORMULA})

    listed = csv_rows(api_client.get(list_url(resource), {"format": "csv"}))
    (row,) = [row for row in listed if row["id"] == str(record.pk)]
    detail = csv_rows(api_client.get(detail_url(resource, record), {"format": "csv"}))
    json = api_client.get(detail_url(resource, record)).json()

    assert row[column] == detail[0][column] == f"'{FORMULA}"
    assert json[column] == FORMULA


def test_api_text_fields_cover_every_resource_with_free_text():
    covered = {param.values[0] for param in api_text_fields()}
    assert {"patrols", "sources", "organizations", "aircraft-types"} <= covered


@pytest.mark.parametrize("resource", sorted(r.path for r in resource_cases.RESOURCES))
def test_every_csv_download_starts_with_a_utf8_bom(api_client, resource):
    written(resource)
    response = api_client.get(list_url(resource), {"format": "csv"})
    assert b"".join(response.streaming_content).startswith(BOM)


def test_non_ascii_text_survives_a_csv_download(api_client):
    record = written("patrols", name="Ту-95МС и 轰-6K — Côte")
    rows = csv_rows(api_client.get(list_url("patrols"), {"format": "csv"}))
    assert [row["name"] for row in rows] == [record.name]


# --- The admin's exports, and importing them back ---------------------------------------------

TEXT_CASES = cases(text_columns)


@pytest.mark.parametrize(("model", "column"), TEXT_CASES)
def test_the_admin_csv_export_quotes_a_formula(curator_client, model, column):
    record = stored_record(model, **{column: FORMULA})
    response = export(curator_client, admin_url(model))

    assert response.content.startswith(BOM)
    (row,) = [row for row in rows_of(response) if row["slug"] == record.slug]
    assert row[column] == f"'{FORMULA}"


@pytest.mark.parametrize(("model", "column"), TEXT_CASES)
def test_the_admin_xlsx_export_holds_no_live_formula(curator_client, model, column):
    record = stored_record(model, **{column: FORMULA})
    response = export(curator_client, admin_url(model), file_format=XLSX_FORMAT)

    (row,) = [row for row in xlsx_rows(response) if row["slug"].value == record.slug]
    assert row[column].value == f"'{FORMULA}"
    assert row[column].data_type == "s"  # text, not "f" (a formula)


@pytest.mark.parametrize("file_format", [CSV_FORMAT, XLSX_FORMAT], ids=["csv", "xlsx"])
@pytest.mark.parametrize(("model", "column"), TEXT_CASES)
def test_an_exported_file_imports_back_unchanged(curator_client, model, column, file_format):
    """The quote comes off again: the text is the formula-like text itself, and the row is
    unchanged, so nothing is written."""
    record = stored_record(model, **{column: FORMULA})
    versions = record.history.count()
    exported = export(curator_client, admin_url(model), file_format=file_format).content
    name = "back.csv" if file_format == CSV_FORMAT else "back.xlsx"

    url = admin_url(model)
    result = import_file(curator_client, url, exported, name=name, file_format=file_format)

    assert result.status_code == 302
    record.refresh_from_db()
    assert getattr(record, column) == FORMULA
    assert record.history.count() == versions  # an unchanged row is skipped


def free_text_fields(model):
    """The model's own free-text fields (no choices, not a slug), read from the model rather
    than from its spreadsheet resource."""
    return {
        field.name
        for field in model._meta.concrete_fields
        if isinstance(field, models.CharField | models.TextField)
        and not isinstance(field, models.SlugField)
        and not field.choices
    }


def test_every_admin_with_import_export_has_text_columns_covered():
    """Every free-text field of every model with a spreadsheet admin (from the admin registry,
    so a new admin is covered) is a text column of the cases above."""
    covered = {}
    for param in TEXT_CASES:
        model, column = param.values
        covered.setdefault(model, set()).add(column)
    for model, _ in spreadsheet_admins():
        assert free_text_fields(model) <= covered.get(model, set()), model._meta.label
    names = {model._meta.model_name for model in covered}
    assert {"aircrafttype", "patrol", "organization", "source", "activitycount"} <= names
