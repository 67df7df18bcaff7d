"""Helpers for the admin's spreadsheet import and export: upload a file for the dry-run
preview, confirm it, export a changelist, and read or write CSV rows."""

import csv
import io

from django import forms
from django.core.files.uploadedfile import SimpleUploadedFile

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
