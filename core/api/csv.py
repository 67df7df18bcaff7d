"""CSV for researchers: every matching row (not one page), flat columns, a download filename.

Rows are produced by the resource's own serializer, so the CSV holds exactly what the JSON holds;
nested records are flattened to their slug or code, lists joined with "; ".
"""

import csv
import io
import json

from django.http import StreamingHttpResponse
from rest_framework import serializers
from rest_framework.renderers import BaseRenderer

LIST_SEPARATOR = "; "
CHUNK_SIZE = 500
NATURAL_KEYS = ("slug", "code")


class CSVRenderer(BaseRenderer):
    """Selected by ``?format=csv``; lists stream (see ``stream_csv``), a detail is one row."""

    media_type = "text/csv"
    format = "csv"
    charset = "utf-8"

    def render(self, data, accepted_media_type=None, renderer_context=None):
        if data is None:
            return b""
        rows = data if isinstance(data, list) else [data]
        columns = list(rows[0]) if rows else []
        buffer = io.StringIO()
        writer = csv.writer(buffer)
        writer.writerow(columns)
        for row in rows:
            writer.writerow([flatten(row.get(column)) for column in columns])
        return buffer.getvalue().encode()


def flatten(value):
    """One cell: a nested record becomes its slug or code, a list its items joined."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, list):
        return LIST_SEPARATOR.join(flatten(item) for item in value)
    if isinstance(value, dict):
        for key in NATURAL_KEYS:
            if key in value:
                return str(value[key])
        if "coordinates" in value or "geometries" in value:
            return json.dumps(value, separators=(",", ":"))
        return " ".join(
            f"{key}={flatten(item)}"
            for key, item in value.items()
            if key not in ("url", "id") and item not in (None, "", [])
        )
    return str(value)


class _Line:
    """A file-like object whose writes are handed straight back to the caller."""

    def write(self, text):
        return text


def stream_csv(view, queryset):
    """Stream ``queryset`` as CSV through ``view``'s serializer, in chunks of prefetched rows."""
    serializer = view.get_serializer()
    columns = [name for name, field in serializer.fields.items() if not field.write_only]
    json_fields = {
        name
        for name, field in serializer.fields.items()
        if isinstance(field, serializers.JSONField)
    }
    writer = csv.writer(_Line())

    def rows():
        yield writer.writerow(columns)
        for instance in queryset.iterator(chunk_size=CHUNK_SIZE):
            data = serializer.to_representation(instance)
            yield writer.writerow(
                [
                    json.dumps(data[name], separators=(",", ":"))
                    if name in json_fields and data[name] is not None
                    else flatten(data[name])
                    for name in columns
                ]
            )

    response = StreamingHttpResponse(rows(), content_type="text/csv; charset=utf-8")
    name = view.request.path.rstrip("/").rsplit("/", 1)[-1]  # /api/v1/patrols/ -> patrols
    response["Content-Disposition"] = f'attachment; filename="{name}.csv"'
    return response
