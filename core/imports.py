"""Limits on a spreadsheet import, and where its upload waits between preview and confirmation.

An import is read whole into memory and checked row by row, so what one upload may cost is
bounded: its size (``SPREADSHEET_IMPORT_MAX_BYTES``, 5 MB unless configured), its rows
(``SPREADSHEET_IMPORT_MAX_ROWS``) and, for XLSX (a zip archive), what it unpacks to. Past a
limit the file is refused with a message saying which limit, before any row is checked.

The upload waits for the curator's confirmation in the cache (``PreviewStorage``), not in a
temporary folder: a preview never confirmed leaves nothing behind, since the entry expires
(``SPREADSHEET_PREVIEW_TIMEOUT`` seconds), and a confirmed or refused one is removed at once.
Several workers share the cache through ``CACHE_URL``, so any of them can confirm.
"""

import io
import logging
import re
import zipfile
from uuid import uuid4

import tablib
from django import forms
from django.conf import settings
from django.core.cache import cache
from django.core.exceptions import FieldError
from django.template.defaultfilters import filesizeformat
from import_export.formats.base_formats import CSV, XLSX
from import_export.forms import ImportForm
from import_export.tmp_storages import CacheStorage

logger = logging.getLogger(__name__)

XLSX_EXPANSION = 20  # an XLSX may unpack to this many times the size limit (text compresses)
PREVIEW_NAME = re.compile(r"[0-9a-f]{32}")


class ImportRefused(ValueError):
    """A file refused as a whole; the message is for the curator and names no server path."""


def max_bytes():
    return settings.SPREADSHEET_IMPORT_MAX_BYTES


def max_rows():
    return settings.SPREADSHEET_IMPORT_MAX_ROWS


def check_size(size):
    if size > max_bytes():
        raise ImportRefused(
            f"The file is {filesizeformat(size)}; an import takes at most "
            f"{filesizeformat(max_bytes())}. Split it into smaller files."
        )


def too_many_rows():
    return ImportRefused(
        f"The file has more than {max_rows()} rows; an import takes at most {max_rows()}. "
        "Split it into smaller files."
    )


class LimitedCSV(CSV):
    def create_dataset(self, in_stream, **kwargs):
        check_size(len(in_stream))
        dataset = super().create_dataset(in_stream, **kwargs)
        if len(dataset) > max_rows():
            raise too_many_rows()
        return dataset


class LimitedXLSX(XLSX):
    """The stock reader's first sheet, read no further than the row limit, from an archive whose
    contents are checked first (a small XLSX can unpack to gigabytes)."""

    def create_dataset(self, in_stream):
        import openpyxl

        check_size(len(in_stream))
        with zipfile.ZipFile(io.BytesIO(in_stream)) as archive:
            unpacked = sum(member.file_size for member in archive.infolist())
        if unpacked > XLSX_EXPANSION * max_bytes():
            raise ImportRefused(
                f"The file unpacks to {filesizeformat(unpacked)}; an XLSX import may unpack to "
                f"at most {filesizeformat(XLSX_EXPANSION * max_bytes())}. Split it into "
                "smaller files."
            )
        book = openpyxl.load_workbook(io.BytesIO(in_stream), read_only=True, data_only=True)
        try:
            rows = book.active.iter_rows(values_only=True)
            dataset = tablib.Dataset()
            dataset.headers = list(next(rows, ()))
            skip_blank = getattr(settings, "IMPORT_EXPORT_IMPORT_IGNORE_BLANK_LINES", False)
            for values in rows:
                if skip_blank and all(value is None for value in values):
                    continue
                if len(dataset) == max_rows():
                    raise too_many_rows()
                dataset.append(list(values))
        finally:
            book.close()
        return dataset


class PreviewStorage(CacheStorage):
    """The upload between preview and confirmation (see the module's docstring)."""

    CACHE_PREFIX = "spreadsheet-preview-"

    def save(self, data):
        if not self.name:
            self.name = uuid4().hex
        cache.set(self.key(), data, settings.SPREADSHEET_PREVIEW_TIMEOUT)

    def read(self):
        data = cache.get(self.key())
        if data is None:
            minutes = settings.SPREADSHEET_PREVIEW_TIMEOUT // 60
            raise ImportRefused(
                f"The uploaded file is no longer kept (a preview is kept {minutes} minutes). "
                "Upload it again."
            )
        return data

    def remove(self):
        cache.delete(self.key())

    def key(self):
        if not PREVIEW_NAME.fullmatch(str(self.name or "")):
            raise ImportRefused("The confirmation names no uploaded file. Upload it again.")
        return self.CACHE_PREFIX + self.name


class LimitedImportForm(ImportForm):
    """The upload form, refusing a file over the size limit before it is read at all."""

    def clean_import_file(self):
        upload = self.cleaned_data["import_file"]
        try:
            check_size(upload.size)
        except ImportRefused as refused:
            raise forms.ValidationError(str(refused), code="too_large") from None
        return upload


def file_error(error):
    """What the curator is told about a file that could not be read or is refused as a whole:
    the refusal itself, else what to check — never a traceback or a path on the server."""
    if isinstance(error, ImportRefused | FieldError):
        return str(error)
    if isinstance(error, UnicodeDecodeError):
        return f"The file is not UTF-8 text (byte {error.start}): save it as CSV UTF-8."
    logger.warning("An import file could not be read", exc_info=error)
    return (
        f"The file could not be read ({type(error).__name__}): check that it is a file of the "
        "format chosen, with one header row."
    )
