"""Helpers for the admin's spreadsheet import and export: upload a file for the dry-run
preview, confirm it, export a changelist, and read or write CSV rows."""

import csv
import io

import openpyxl
import pytest
from django import forms
from django.contrib import admin
from django.core.exceptions import FieldDoesNotExist
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import models
from import_export.admin import ImportExportMixin

from tests.api_resources import written
from tests.core.resource_cases import RESOURCES

CSV_FORMAT, XLSX_FORMAT = "0", "1"


def upload(client, admin_url, content, name="patrols.csv", file_format=CSV_FORMAT):
    data = content.encode() if isinstance(content, str) else content
    return client.post(
        f"{admin_url}import/",
        {"format": file_format, "import_file": SimpleUploadedFile(name, data)},
    )


def confirm(client, admin_url, preview):
    return client.post(f"{admin_url}process_import/", preview.context["confirm_form"].initial)


def import_file(client, admin_url, content, **kwargs):
    preview = upload(client, admin_url, content, **kwargs)
    assert preview.status_code == 200
    assert preview.context.get("confirm_form") is not None, preview.context["result"]
    return confirm(client, admin_url, preview)


def export(client, admin_url, query="", file_format=CSV_FORMAT):
    page = client.get(f"{admin_url}export/{query}")
    form = page.context["form"]
    fields = {
        name: "on" for name, field in form.fields.items() if isinstance(field, forms.BooleanField)
    }
    response = client.post(
        f"{admin_url}export/{query}", {"format": file_format, "resource": "0", **fields}
    )
    assert response.status_code == 200, response.content[:500]
    return response


def rows_of(response):
    return list(csv.DictReader(io.StringIO(response.content.decode("utf-8-sig"))))


def to_csv(rows):
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=list(rows[0]))
    writer.writeheader()
    writer.writerows(rows)
    return out.getvalue()


# --- Every admin with import and export, and its columns ------------------------------------


def spreadsheet_admins():
    """(model, its admin) for every admin with import and export, from the admin registry, so
    a new one is covered."""
    return sorted(
        (
            (model, model_admin)
            for model, model_admin in admin.site._registry.items()
            if isinstance(model_admin, ImportExportMixin)
        ),
        key=lambda pair: pair[0]._meta.label,
    )


def admin_url(model):
    return f"/admin/{model._meta.app_label}/{model._meta.model_name}/"


def resource_of(model_admin):
    (resource_class,) = model_admin.resource_classes
    return resource_class()


def model_field(model, field):
    try:
        return model._meta.get_field(field.attribute or "")
    except FieldDoesNotExist:
        return None


def text_columns(model, resource):
    """The columns holding a free-text model field (no choices, not a slug): where a curator's
    text, and so a formula, can go."""
    columns = []
    for field in resource.get_export_fields():
        django_field = model_field(model, field)
        if (
            isinstance(django_field, models.CharField | models.TextField)
            and not isinstance(django_field, models.SlugField)
            and not django_field.choices
        ):
            columns.append(field.column_name)
    return columns


def date_columns(model, resource):
    """The columns holding a date or a date and time."""
    return [
        field.column_name
        for field in resource.get_export_fields()
        if isinstance(model_field(model, field), models.DateField)
    ]


def cases(columns_of):
    """pytest params (model, column) for every spreadsheet admin and each of its columns."""
    return [
        pytest.param(model, column, id=f"{model._meta.model_name}-{column}")
        for model, model_admin in spreadsheet_admins()
        for column in columns_of(model, resource_of(model_admin))
    ]


# What a built record needs for its own row to pass an import: a joint patrol needs
# participations from two countries, a national one does not.
IMPORTABLE = {"patrols.patrol": {"kind": "national_long_range_patrol"}}


def stored_record(model, **fields):
    """A record of ``model`` as every write path leaves it (citing a source), then given
    ``fields`` directly in the database (no validation: a formula is valid text anyway)."""
    (path,) = [r.path for r in RESOURCES if r.factory._meta.model is model]
    record = written(path, **IMPORTABLE.get(model._meta.label_lower, {}))
    if fields:
        model._base_manager.filter(pk=record.pk).update(**fields)
        record.refresh_from_db()
    return record


def xlsx_rows(response):
    """The exported XLSX's rows, each a dict of its cells (openpyxl cells) by column."""
    sheet = openpyxl.load_workbook(io.BytesIO(response.content)).active
    rows = list(sheet.iter_rows())
    headers = [cell.value for cell in rows[0]]
    return [dict(zip(headers, row, strict=True)) for row in rows[1:]]


def to_xlsx(rows):
    """An XLSX file of ``rows`` (dicts), each value written as it is: text as a text cell, a
    date as a date cell."""
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(list(rows[0]))
    for row in rows:
        sheet.append([None if value == "" else value for value in row.values()])
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def exported_rows(client, model):
    """The admin's CSV export of ``model``, as rows."""
    return rows_of(export(client, admin_url(model)))


def row_number(rows, record):
    """The number the import gives ``record``'s (first) row: from 1, below the header."""
    return next(n for n, row in enumerate(rows, 1) if row["slug"] == record.slug)
