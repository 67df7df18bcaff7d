"""An import file that gives one record (one slug) on two rows is refused, naming the rows, for
every admin that imports: applied row by row, the last row would silently win, and importing
the file again would change the record again. A header that gives one column twice is refused
too, naming it: read as a row of named cells, its last copy would silently win."""

import csv
import io

import openpyxl
import pytest
from django.contrib import admin
from django.utils.html import escape

from tests.core.spreadsheets import (
    XLSX_FORMAT,
    admin_url,
    exported_rows,
    resource_of,
    row_number,
    spreadsheet_admins,
    stored_record,
    text_columns,
    to_csv,
    to_xlsx,
    upload,
)

pytestmark = pytest.mark.django_db

MODELS = [pytest.param(model, id=model._meta.model_name) for model, _ in spreadsheet_admins()]


def with_a_second_copy(client, model):
    """The export of two records with the first one's row given again at the end, its text
    changed, and what the record held."""
    record, other = stored_record(model), stored_record(model)
    rows = exported_rows(client, model)
    first = rows[row_number(rows, record) - 1]
    column = text_columns(model, resource_of(admin.site._registry[model]))[0]
    rows.append({**first, column: "The second copy."})
    return record, other, rows, column


def refusal_of(preview):
    assert preview.status_code == 200
    assert preview.context.get("confirm_form") is None
    assert preview.context["result"] is None  # no row is previewed from a file refused whole
    return preview.context["form"].errors["import_file"]


@pytest.mark.parametrize("file_format", ["csv", "xlsx"])
@pytest.mark.parametrize("model", MODELS)
def test_a_file_that_repeats_a_key_is_refused_naming_the_rows(curator_client, model, file_format):
    record, _, rows, column = with_a_second_copy(curator_client, model)
    number = row_number(rows, record)
    if file_format == "csv":
        preview = upload(curator_client, admin_url(model), to_csv(rows))
    else:
        preview = upload(
            curator_client, admin_url(model), to_xlsx(rows), name="f.xlsx", file_format=XLSX_FORMAT
        )

    (message,) = refusal_of(preview)

    assert f"slug {record.slug!r} is on rows {number}, {len(rows)}" in message
    assert escape(message) in preview.content.decode()  # shown on the page
    before = getattr(record, column)
    record.refresh_from_db()
    assert getattr(record, column) == before


@pytest.mark.parametrize("model", MODELS)
def test_a_key_repeated_after_quoting_or_spaces_is_the_same_key(curator_client, model):
    record, _, rows, _ = with_a_second_copy(curator_client, model)
    rows[-1]["slug"] = f" {record.slug} "

    (message,) = refusal_of(upload(curator_client, admin_url(model), to_csv(rows)))

    assert f"slug {record.slug!r} is on rows" in message


@pytest.mark.parametrize("model", MODELS)
def test_every_repeated_key_is_named(curator_client, model):
    record, other, rows, _ = with_a_second_copy(curator_client, model)
    rows.append(dict(rows[row_number(rows, other) - 1]))

    (message,) = refusal_of(upload(curator_client, admin_url(model), to_csv(rows)))

    assert repr(record.slug) in message and repr(other.slug) in message


def test_every_admin_that_imports_is_covered():
    assert len(MODELS) == len(spreadsheet_admins()) >= 4


def with_a_repeated_column(rows, column):
    """``rows`` as a header and lists, ``column`` given a second time at the end with other
    text: read as a dict, the second copy would win."""
    header = [*rows[0], column]
    return header, [[*row.values(), "The repeated column's text."] for row in rows]


def as_csv(header, lines):
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(header)
    writer.writerows(lines)
    return out.getvalue()


def as_xlsx(header, lines):
    book = openpyxl.Workbook()
    book.active.append(header)
    for line in lines:
        book.active.append([None if value == "" else value for value in line])
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


@pytest.mark.parametrize("file_format", ["csv", "xlsx"])
@pytest.mark.parametrize("model", MODELS)
def test_a_file_that_repeats_a_column_is_refused_naming_it(curator_client, model, file_format):
    record = stored_record(model)
    column = text_columns(model, resource_of(admin.site._registry[model]))[0]
    header, lines = with_a_repeated_column(exported_rows(curator_client, model), column)
    if file_format == "csv":
        preview = upload(curator_client, admin_url(model), as_csv(header, lines))
    else:
        content = as_xlsx(header, lines)
        preview = upload(
            curator_client, admin_url(model), content, name="f.xlsx", file_format=XLSX_FORMAT
        )

    (message,) = refusal_of(preview)

    assert f"gives the column(s) {column} more than once" in message
    before = getattr(record, column)
    record.refresh_from_db()
    assert getattr(record, column) == before
