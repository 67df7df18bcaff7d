"""Dates and date-times in an admin import are ISO 8601 text or a spreadsheet's own date cell;
anything else (``02/01/2024``, which the stock reader took as 1 February) is refused naming the
row and the column, for every date column of every admin that imports."""

import datetime

import pytest
from django.utils import timezone

from core.resources import StrictDateTimeWidget, StrictDateWidget
from tests.core.spreadsheets import (
    XLSX_FORMAT,
    admin_url,
    cases,
    date_columns,
    exported_rows,
    import_file,
    row_number,
    stored_record,
    to_csv,
    to_xlsx,
    upload,
)

pytestmark = pytest.mark.django_db

DATE_CASES = cases(date_columns)
NOT_ISO = ["02/01/2024", "2024/01/02", "2 January 2024", "20240102", "2024-1-2", "2024-13-01"]
JANUARY_2 = datetime.date(2024, 1, 2)


def test_every_date_column_of_every_import_is_covered():
    assert {f"{param.values[0]._meta.model_name}.{param.values[1]}" for param in DATE_CASES} >= {
        "patrol.start_date",
        "patrol.end_date",
        "aircrafttype.first_flight",
        "source.published_on",
        "source.accessed_on",
    }


@pytest.mark.parametrize("text", NOT_ISO)
@pytest.mark.parametrize(("model", "column"), DATE_CASES)
def test_a_date_not_in_iso_8601_is_refused_naming_row_and_column(
    curator_client, model, column, text
):
    record = stored_record(model)
    rows = exported_rows(curator_client, model)
    number = row_number(rows, record)
    rows[number - 1][column] = text

    preview = upload(curator_client, admin_url(model), to_csv(rows))

    (invalid,) = preview.context["result"].invalid_rows
    assert invalid.number == number
    (message,) = invalid.field_specific_errors[column]
    assert message == f"Enter a date as YYYY-MM-DD (ISO 8601), not {text!r}."
    assert preview.context.get("confirm_form") is None


@pytest.mark.parametrize(("model", "column"), DATE_CASES)
def test_a_text_date_in_an_xlsx_is_refused_too(curator_client, model, column):
    record = stored_record(model)
    rows = exported_rows(curator_client, model)
    rows[row_number(rows, record) - 1][column] = "02/01/2024"

    preview = upload(
        curator_client, admin_url(model), to_xlsx(rows), name="f.xlsx", file_format=XLSX_FORMAT
    )

    (invalid,) = preview.context["result"].invalid_rows
    assert column in invalid.field_specific_errors


@pytest.mark.parametrize(
    ("value", "file_format"),
    [
        ("2024-01-02", "csv"),
        ("2024-01-02", "xlsx"),
        (datetime.datetime(2024, 1, 2), "xlsx"),  # a real date cell
    ],
    ids=["csv-iso", "xlsx-iso-text", "xlsx-date-cell"],
)
@pytest.mark.parametrize(("model", "column"), DATE_CASES)
def test_iso_8601_and_real_date_cells_are_taken(curator_client, model, column, value, file_format):
    record = stored_record(model)
    rows = exported_rows(curator_client, model)
    rows[row_number(rows, record) - 1][column] = value
    if file_format == "csv":
        content, kwargs = to_csv(rows), {}
    else:
        content, kwargs = to_xlsx(rows), {"name": "f.xlsx", "file_format": XLSX_FORMAT}

    assert import_file(curator_client, admin_url(model), content, **kwargs).status_code == 302

    record.refresh_from_db()
    assert getattr(record, column) == JANUARY_2


# --- The widgets, for columns to come (no import has a date-time column yet) -------------------


@pytest.mark.parametrize("text", [*NOT_ISO, "2024-02-30", "yesterday"])
def test_the_date_widget_refuses_what_is_not_iso_8601(text):
    with pytest.raises(ValueError, match="YYYY-MM-DD"):
        StrictDateWidget().clean(text)


def test_the_date_widget_refuses_a_date_cell_with_a_time_of_day():
    with pytest.raises(ValueError, match="not a date and time"):
        StrictDateWidget().clean(datetime.datetime(2024, 1, 2, 13, 30))


@pytest.mark.parametrize(
    ("text", "moment"),
    [
        ("2024-01-02T03:04:05+00:00", datetime.datetime(2024, 1, 2, 3, 4, 5, tzinfo=datetime.UTC)),
        ("2024-01-02T03:04Z", datetime.datetime(2024, 1, 2, 3, 4, tzinfo=datetime.UTC)),
        ("2024-01-02T03:04:05", datetime.datetime(2024, 1, 2, 3, 4, 5, tzinfo=datetime.UTC)),
        ("2024-01-02T05:04:05+02:00", datetime.datetime(2024, 1, 2, 3, 4, 5, tzinfo=datetime.UTC)),
    ],
)
def test_the_datetime_widget_takes_iso_8601(text, moment):
    assert StrictDateTimeWidget().clean(text) == moment


@pytest.mark.parametrize(
    "text",
    [
        "02/01/2024 03:04",
        "2024-01-02",
        "2024-01-02 03:04:05",
        "2024-01-02T25:00",
        "2024-13-02T03:04",
        "now",
    ],
)
def test_the_datetime_widget_refuses_what_is_not_iso_8601(text):
    with pytest.raises(ValueError, match="ISO 8601"):
        StrictDateTimeWidget().clean(text)


def test_a_datetime_is_written_as_iso_8601_and_reads_back():
    moment = timezone.now().replace(microsecond=0)
    widget = StrictDateTimeWidget()
    assert widget.clean(widget.render(moment)) == moment
