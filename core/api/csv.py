"""CSV for researchers: every matching row (not one page), flat columns, a download filename.

Rows are the resource's own serializer's (or, for a list with a fast page builder, its records
built as its JSON pages are, which hold exactly what the serializer gives), so the CSV holds
exactly what the JSON holds. How each column becomes a cell is read from the serializer too
(``cells``): a related or nested record becomes its natural key
(``core.models.natural_key_field``: its slug, a country's code), a record without one (named by
its id) the fields it shows, ``name=value``; lists are joined with "; " and JSON (a GeoJSON
geometry) is written as compact JSON.

Inside such a described record the cell must still split back into its records and fields, so
there a value that holds a space or one of ``;,=()"`` is written as a JSON string
(``notes="Scrambled; flares fired"``), a list's items are joined with ``,``
(``sources=tass-2019,asahi-2019``) and a record nested in it is wrapped in parentheses
(``claims=(field=count value=3 source=nhk-2019)``). So a cell of nested records reads:
records separated by ``; ``, fields by a space, values bare or quoted.

A text cell a spreadsheet would run as a formula is quoted (``core.cells``); a number is not,
so ``-12`` stays a number. The file starts with a UTF-8 byte order mark, which tells Excel
the text is UTF-8 (without it Excel reads "Tu-95МС" or "轰-6K" as Windows-1252 mojibake);
read it with the ``utf-8-sig`` codec, or any CSV reader that skips a BOM.
"""

import csv
import io
import json
import re
from decimal import Decimal

from django.http import StreamingHttpResponse
from rest_framework import serializers
from rest_framework.relations import ManyRelatedField
from rest_framework.renderers import BaseRenderer

from ..cells import neutralise
from ..models import natural_key_field
from .fields import CompactRelatedField

LIST_SEPARATOR = "; "
CHUNK_SIZE = 500
BOM = "\ufeff"
NUMBER_FIELDS = (serializers.IntegerField, serializers.FloatField, serializers.DecimalField)
UNDESCRIBED = ("url", "id")  # a record described by its fields leaves out its address
BARE = re.compile(r'[^\s;,=()"]+')  # a value written without quotes inside a described record


class CSVRenderer(BaseRenderer):
    """Selected by ``?format=csv``; lists stream (see ``stream_csv``), a detail is one row."""

    media_type = "text/csv"
    format = "csv"
    charset = "utf-8"

    def render(self, data, accepted_media_type=None, renderer_context=None):
        if data is None:
            return b""
        rows = data if isinstance(data, list) else [data]
        view = (renderer_context or {}).get("view")
        known = cells(view.get_serializer()) if hasattr(view, "get_serializer") else {}
        columns = list(rows[0]) if rows else list(known)  # no rows: still a header
        buffer = io.StringIO()
        buffer.write(BOM)
        writer = csv.writer(buffer)
        writer.writerow(columns)
        for row in rows:
            writer.writerow([known.get(column, any_cell)(row.get(column)) for column in columns])
        return buffer.getvalue().encode()


def any_cell(value):
    """A column no serializer field describes (a statistics row): a number as it is, anything
    else flattened into text."""
    if isinstance(value, int | float | Decimal) and not isinstance(value, bool):
        return str(value)
    return neutralise(flatten(value))


def flatten(value):
    """One cell from a value whose field says nothing more: a list's items joined, a
    geometry as JSON, another object as its ``name=value`` pairs."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, list):
        return LIST_SEPARATOR.join(flatten(item) for item in value)
    if isinstance(value, dict):
        if "coordinates" in value or "geometries" in value:
            return as_json(value)
        return " ".join(
            f"{key}={flatten(item)}"
            for key, item in value.items()
            if key not in UNDESCRIBED and item not in (None, "", [])
        )
    return str(value)


def as_json(value):
    return "" if value is None else json.dumps(value, separators=(",", ":"), ensure_ascii=False)


def cells(serializer):
    """Column → how its value becomes a cell, for every field ``serializer`` shows: a number
    field's value as it is, any other as text that cannot run as a formula."""
    return {
        name: cell if isinstance(serializer.fields[name], NUMBER_FIELDS) else text(cell)
        for name, cell in parts(serializer).items()
    }


def parts(serializer, inner=False):
    """Column → how its value becomes (part of) a cell, before any quoting; ``inner`` inside a
    described record (see the module's docstring)."""
    return {
        name: cell_of(field, inner)
        for name, field in serializer.fields.items()
        if not field.write_only
    }


def text(cell):
    return lambda value: neutralise(cell(value))


def cell_of(field, inner=False):
    """How a value of ``field`` becomes a cell (or part of one)."""
    if isinstance(field, ManyRelatedField):
        return joined(cell_of(field.child_relation, inner), inner)
    if isinstance(field, serializers.ListSerializer):
        return joined(cell_of(field.child, inner), inner)
    if isinstance(field, CompactRelatedField):
        return keyed(field.key, inner)
    if isinstance(field, serializers.JSONField):
        return quoted(as_json) if inner else as_json
    if isinstance(field, serializers.Serializer):
        model = getattr(getattr(field, "Meta", None), "model", None)
        key = natural_key_field(model) if model is not None else None
        if key in field.fields:  # a record named by its slug or code
            return keyed(key, inner)
        fields = parts(field, inner=True)
        return described({name: c for name, c in fields.items() if name not in UNDESCRIBED}, inner)
    return quoted(flatten) if inner else flatten


def token(value):
    """A value inside a described record: bare when nothing in it could split the cell, else a
    JSON string."""
    return value if BARE.fullmatch(value) else json.dumps(value, ensure_ascii=False)


def quoted(cell):
    return lambda value: "" if value is None else token(cell(value))


def keyed(key, inner=False):
    """A record as its natural key's value."""
    if inner:
        return lambda value: "" if value is None else token(str(value[key]))
    return lambda value: "" if value is None else str(value[key])


def joined(cell, inner=False):
    separator = "," if inner else LIST_SEPARATOR
    return lambda values: separator.join(cell(value) for value in values or ())


def described(fields, inner=False):
    """A record without a natural key (named by its id) as its fields, ``name=value``; inside
    another described record, wrapped in parentheses."""

    def cell(value):
        if value is None:
            return ""
        pairs = " ".join(
            f"{name}={to_cell(value[name])}"
            for name, to_cell in fields.items()
            if value[name] not in (None, "", [])
        )
        return f"({pairs})" if inner else pairs

    return cell


class _Line:
    """A file-like object whose writes are handed straight back to the caller."""

    def write(self, text):
        return text


def stream_csv(view, queryset, records=None):
    """Stream ``queryset`` as CSV through ``view``'s serializer, in chunks of prefetched rows;
    or stream ``records``, an iterable of the records already in the serializer's shape (a
    fast list's: ``RecordViewSet.every_record``), the serializer's fields making the cells."""
    serializer = view.get_serializer()
    columns = cells(serializer)
    writer = csv.writer(_Line())
    if records is None:
        records = map(serializer.to_representation, queryset.iterator(chunk_size=CHUNK_SIZE))

    def rows():
        yield BOM + writer.writerow(columns)
        for data in records:
            yield writer.writerow([cell(data[name]) for name, cell in columns.items()])

    response = StreamingHttpResponse(rows(), content_type="text/csv; charset=utf-8")
    name = view.request.path.rstrip("/").rsplit("/", 1)[-1]  # /api/v1/patrols/ -> patrols
    response["Content-Disposition"] = f'attachment; filename="{name}.csv"'
    return response
