"""What one admin import may cost, and what it leaves behind: a file over the size or row limit
is refused with a message saying the limit; an unknown column or a file that cannot be read is
an error on the form, never a traceback or a server path; the upload waits for confirmation in
the cache and is gone once the import is confirmed, refused, or left unconfirmed."""

import io
import time

import openpyxl
import pytest
from django.contrib.messages import get_messages
from django.core.cache import cache
from django.utils.html import escape

from core import imports
from tests.core.spreadsheets import (
    XLSX_FORMAT,
    admin_url,
    confirm,
    exported_rows,
    spreadsheet_admins,
    stored_record,
    to_csv,
    to_xlsx,
    upload,
)

pytestmark = pytest.mark.django_db

MODELS = [pytest.param(model, id=model._meta.model_name) for model, _ in spreadsheet_admins()]
SERVER_DETAILS = ("Traceback", 'File "', "site-packages", "/work/", ".py")


@pytest.fixture
def saved(monkeypatch):
    """The names of the uploads kept for a confirmation."""
    names, save = [], imports.PreviewStorage.save

    def spy(storage, data):
        save(storage, data)
        names.append(storage.name)

    monkeypatch.setattr(imports.PreviewStorage, "save", spy)
    return names


def kept(names):
    return [name for name in names if cache.get(imports.PreviewStorage.CACHE_PREFIX + name)]


def form_error(preview):
    assert preview.status_code == 200
    assert preview.context.get("confirm_form") is None
    page = preview.content.decode()
    assert not any(detail in page for detail in SERVER_DETAILS)
    (message,) = preview.context["form"].errors["import_file"]
    assert escape(message) in page
    return message


def two_rows(client, model):
    stored_record(model), stored_record(model)
    return exported_rows(client, model)


# --- Size and rows ----------------------------------------------------------------------------


@pytest.mark.parametrize("model", MODELS)
def test_a_file_over_the_size_limit_is_refused_before_it_is_read(
    curator_client, settings, saved, model
):
    settings.SPREADSHEET_IMPORT_MAX_BYTES = 1000
    content = to_csv(two_rows(curator_client, model)) + "\n" * 1200

    message = form_error(upload(curator_client, admin_url(model), content))

    assert "an import takes at most 1000\xa0bytes" in message
    assert saved == []  # never stored, never parsed


def test_the_default_limit_is_5_mb(curator_client, saved):
    content = "slug,title,kind\n" + "a,A,dataset\n" * (5 * 1024 * 1024 // 12 + 1)
    assert len(content) > 5 * 1024 * 1024

    message = form_error(upload(curator_client, "/admin/reference/source/", content))

    assert "an import takes at most 5.0\xa0MB" in message
    assert saved == []


@pytest.mark.parametrize("file_format", ["csv", "xlsx"])
@pytest.mark.parametrize("model", MODELS)
def test_a_file_over_the_row_limit_is_refused(curator_client, settings, saved, model, file_format):
    rows = two_rows(curator_client, model)
    settings.SPREADSHEET_IMPORT_MAX_ROWS = len(rows) - 1
    if file_format == "csv":
        preview = upload(curator_client, admin_url(model), to_csv(rows))
    else:
        preview = upload(
            curator_client, admin_url(model), to_xlsx(rows), name="f.xlsx", file_format=XLSX_FORMAT
        )

    message = form_error(preview)

    assert f"more than {len(rows) - 1} rows; an import takes at most {len(rows) - 1}" in message
    assert kept(saved) == []


@pytest.mark.parametrize("model", MODELS)
def test_a_file_at_the_row_limit_is_taken(curator_client, settings, model):
    rows = two_rows(curator_client, model)
    settings.SPREADSHEET_IMPORT_MAX_ROWS = len(rows)
    preview = upload(curator_client, admin_url(model), to_csv(rows))
    assert preview.context.get("confirm_form") is not None


def test_an_xlsx_that_unpacks_past_the_limit_is_refused(curator_client, settings):
    settings.SPREADSHEET_IMPORT_MAX_BYTES = 20_000
    book = openpyxl.Workbook()
    book.active.append(["slug", "title"])
    book.active.append(["a", "x" * 32_000])  # one cell's most
    for _ in range(30):
        book.active.append(["a", "x" * 32_000])
    out = io.BytesIO()
    book.save(out)
    assert len(out.getvalue()) < 20_000  # small on the wire...

    preview = upload(
        curator_client, "/admin/reference/source/", out.getvalue(), name="f.xlsx",
        file_format=XLSX_FORMAT,
    )  # fmt: skip

    assert "an XLSX import may unpack to at most" in form_error(preview)  # ...not unpacked


# --- Files refused whole, without a traceback ------------------------------------------------


@pytest.mark.parametrize("model", MODELS)
def test_an_unknown_column_is_a_form_error(curator_client, saved, model):
    rows = two_rows(curator_client, model)
    rows = [{**row, "colour": "red"} for row in rows]

    message = form_error(upload(curator_client, admin_url(model), to_csv(rows)))

    assert message.startswith("Unknown column(s): colour. The columns are: ")
    assert kept(saved) == []


@pytest.mark.parametrize(
    ("content", "file_format", "expected"),
    [
        (b"slug,title\n\xff\xfe,x\n", "0", "The file is not UTF-8 text (byte 11)"),
        (b"slug,title\na,b\n", XLSX_FORMAT, "could not be read (BadZipFile)"),
        (b"PK\x03\x04 not really a zip", XLSX_FORMAT, "could not be read (BadZipFile)"),
    ],
    ids=["not-utf8", "csv-as-xlsx", "broken-zip"],
)
def test_a_file_that_cannot_be_read_is_a_form_error(
    curator_client, saved, content, file_format, expected
):
    preview = upload(curator_client, "/admin/reference/source/", content, file_format=file_format)
    assert expected in form_error(preview)
    assert kept(saved) == []


def test_an_unexpected_failure_shows_no_server_detail(curator_client, monkeypatch):
    from reference.resources import SourceResource

    def crash(self, dataset, **kwargs):
        raise RuntimeError("/srv/app/secret.py line 12")

    monkeypatch.setattr(SourceResource, "before_import", crash)
    message = form_error(upload(curator_client, "/admin/reference/source/", "slug,title\na,b\n"))
    assert "RuntimeError" in message and "secret" not in message


# --- Uploads left behind ------------------------------------------------------------------------


def test_a_confirmed_import_removes_its_upload(curator_client, saved):
    preview = upload(curator_client, "/admin/reference/source/", "slug,title,kind\na,A,dataset\n")
    assert kept(saved) == saved != []

    confirm(curator_client, "/admin/reference/source/", preview)

    assert kept(saved) == []


def test_a_preview_with_invalid_rows_removes_its_upload(curator_client, saved):
    preview = upload(curator_client, "/admin/reference/source/", "slug,title,kind\na,A,nope\n")
    assert preview.context["result"].has_validation_errors()
    assert saved and kept(saved) == []


def test_a_preview_never_confirmed_leaves_nothing_behind(curator_client, settings, saved):
    settings.SPREADSHEET_PREVIEW_TIMEOUT = 1
    upload(curator_client, "/admin/reference/source/", "slug,title,kind\na,A,dataset\n")
    assert kept(saved) == saved != []

    time.sleep(1.2)

    assert kept(saved) == []


def test_a_confirmation_after_the_upload_expired_says_so(curator_client, saved):
    preview = upload(curator_client, "/admin/reference/source/", "slug,title,kind\na,A,dataset\n")
    cache.clear()

    response = confirm(curator_client, "/admin/reference/source/", preview)

    assert response.status_code == 302
    (message,) = [str(m) for m in get_messages(response.wsgi_request)]
    assert "no longer kept" in message and "Upload it again" in message


@pytest.mark.parametrize("name", ["../../etc/passwd", "/tmp/x", "", "a" * 32])
def test_a_confirmation_naming_another_file_is_refused(curator_client, name):
    data = {"import_file_name": name, "original_file_name": "f.csv", "format": "0", "resource": ""}
    response = curator_client.post("/admin/reference/source/process_import/", data)
    assert response.status_code in (200, 302)
    assert not any(detail in response.content.decode() for detail in SERVER_DETAILS)
