"""What the OpenAPI schema needs beyond drf-spectacular's introspection.

Extensions:

- A compact related record is an object in responses and a plain slug or code in requests.
- Filters keep their types (whole numbers are integers, with their bounds) and descriptions;
  a range filter documents each of its two parameters. A repeatable filter is an exploded array
  of at most ``MAX_VALUES`` items, any other parameter a single value; a related-record filter
  enumerates the keys it takes when there are few (``MAX_LISTED``), else says where they are.

Postprocessing hooks, one per concern, listed in order in ``SPECTACULAR_SETTINGS``:

- ``document_errors``: every operation documents the errors it can answer with, in the one
  error shape we use.
- ``document_change_reason``: writes take an ``X-Change-Reason`` header.
- ``document_conditional_requests`` (in ``schema_conditional``): a record's own URL documents
  the ``ETag`` it answers with, and ``If-Match`` and ``If-None-Match`` on every method (304 on a
  read, 412; see ``conditional``); a create takes them too and answers with the new record's
  ``ETag``; a list documents its page's ``ETag`` (none for CSV) and both headers likewise. Every
  other read (a history, statistics) has no ETag: it documents that ``If-Match`` holds there
  only as ``*`` (else 412) and ``If-None-Match: *`` answers 304.
- ``describe_path_parameters``: a record's key in its URL says what it is.
- ``document_public_reads``: reads need no credentials.
- ``document_formats``: reads document ``format`` (``csv``, ``geojson`` where offered) and the
  CSV and GeoJSON they answer with; writes answer in JSON only.
- ``document_empty_filters``: an empty optional query parameter is no filter; a required one
  (``group_by``) must have a value.
- ``document_dataset_version``: every answer names the data set's version (``X-Dataset-Version``).
"""

import re

from django_filters import ChoiceFilter, MultipleChoiceFilter
from django_filters.filters import QuerySetRequestMixin
from drf_spectacular.contrib.django_filters import DjangoFilterExtension
from drf_spectacular.extensions import OpenApiSerializerFieldExtension

from ..filters import (
    BoundsDocumented,
    IntegerFilter,
    IntegerRangeFilter,
    related_values,
    where_listed,
)
from .geojson import FORMAT, document_geojson
from .geojson import FORMAT_DESCRIPTIONS as GEOJSON_DESCRIPTIONS
from .params import MAX_VALUES

ERROR_SCHEMA = {
    "type": "object",
    "description": (
        'Validation errors map each field or parameter to its messages ({"year": ["…"]}); '
        'other errors carry a "detail" message.'
    ),
    "additionalProperties": True,
}
ERRORS_BY_METHOD = {
    "get": {"400": "Malformed or unknown parameter", "404": "Not found"},
    "post": {"400": "Invalid data", "401": "Not authenticated", "403": "No permission"},
    "put": {
        "400": "Invalid data",
        "401": "Not authenticated",
        "403": "No permission",
        "404": "Not found",
    },
    "patch": {
        "400": "Invalid data",
        "401": "Not authenticated",
        "403": "No permission",
        "404": "Not found",
    },
    "delete": {
        "400": "Malformed header (X-Change-Reason over 500 characters)",
        "401": "Not authenticated",
        "403": "No permission",
        "404": "Not found",
        "409": "Still used by other records",
    },
}
PATH_DESCRIPTIONS = {
    "slug": "The record's slug, as in its URL.",
    "code": "The country's ISO 3166 alpha-2 code.",
    "id": "The record's id.",
}
# A resource's list, /api/v1/<resource>/, and a record's own URL, /api/v1/<resource>/{key}/
# (not an action such as patrols/stats/ or <record>/history/).
LIST_PATH = re.compile(r"/api/v1/[^/{}]+/")
RECORD_PATH = re.compile(r"/api/v1/[^/{}]+/\{[^/{}]+\}/")
CHANGE_REASON = {
    "in": "header",
    "name": "X-Change-Reason",
    "required": False,
    "schema": {"type": "string", "maxLength": 500},
    "description": "Why you make this change: kept with the version in the record's history.",
}
FORMAT_DESCRIPTIONS = {
    "list": "csv: download every matching row (not one page) as CSV.",
    "detail": "csv: download this record as one CSV row.",
}


REPEAT = re.compile(r"[;.]? *repeat for OR\.?$", re.IGNORECASE)


class FilterExtension(DjangoFilterExtension):
    """Whole-number filters are integers (a year filter sits on a date field), and every filter
    keeps its own help text as its description (a range filter one per bound)."""

    priority = 1

    def resolve_filter_field(self, auto_schema, model, filterset_class, field_name, filter_field):
        parameters = super().resolve_filter_field(
            auto_schema, model, filterset_class, field_name, filter_field
        )
        for parameter in parameters:
            if isinstance(filter_field, (IntegerFilter, IntegerRangeFilter)):
                parameter["schema"] = {"type": "integer"}
                for bound, keyword in (("min_value", "minimum"), ("max_value", "maximum")):
                    if bound in filter_field.extra:
                        parameter["schema"][keyword] = filter_field.extra[bound]
            if isinstance(filter_field, BoundsDocumented):  # each bound has its own text
                suffix = parameter["name"].removeprefix(f"{field_name}_")
                parameter["description"] = filter_field.help_texts[suffix]
            parameter.setdefault("description", filter_field.extra.get("help_text", ""))
            repeatable = isinstance(filter_field, MultipleChoiceFilter)
            if repeatable:
                parameter["description"] = REPEAT.sub("", parameter["description"])
            if isinstance(filter_field, QuerySetRequestMixin) and not callable(
                filter_field.queryset
            ):
                self.document_related_values(parameter, filter_field)
            elif isinstance(filter_field, (ChoiceFilter, MultipleChoiceFilter)):
                schema = parameter["schema"]  # choices given as a callable are not enumerated
                target = schema["items"] if schema.get("type") == "array" else schema
                choices = [v for v, _ in filter_field.field.choices if v not in ("", None)]
                target.setdefault("enum", sorted(choices))
            if repeatable:
                parameter["schema"]["maxItems"] = MAX_VALUES
                parameter["description"] += f" Repeat for OR, at most {MAX_VALUES} values."
        return parameters

    def document_related_values(self, parameter, filter_field):
        """The keys a related-record filter takes: enumerated when few, else where to look."""
        queryset = filter_field.queryset
        if queryset is None:
            return
        key = filter_field.extra.get("to_field_name") or "pk"
        values = related_values(queryset, key)
        schema = parameter["schema"]
        target = schema["items"] if schema.get("type") == "array" else schema
        if values is None:
            parameter["description"] += f" Values: see {where_listed(queryset.model)}."
        elif values:
            target["enum"] = values


class CompactRelatedFieldExtension(OpenApiSerializerFieldExtension):
    target_class = "core.api.fields.CompactRelatedField"

    def map_serializer_field(self, auto_schema, direction):
        field = self.target
        model = field.queryset.model if field.queryset is not None else None
        what = model._meta.verbose_name if model is not None else "record"
        if direction == "request":
            return {"type": "string", "description": f"The {field.key} of a {what}."}
        return {
            "type": "object",
            "properties": {
                field.key: {"type": "string"},
                "name": {"type": "string"},
                "url": {"type": "string", "format": "uri"},
            },
            "required": [field.key, "name", "url"],
        }


ERROR_CONTENT = {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}}
WRITES = ("post", "put", "patch", "delete")


def operations(result):
    """Every ``(path, method, operation)`` of the schema."""
    for path, methods in result.get("paths", {}).items():
        for method, operation in methods.items():
            yield path, method, operation


def document_errors(result, generator, request, public):
    """Every operation documents the errors it can answer with, in the one ``Error`` shape."""
    result.setdefault("components", {}).setdefault("schemas", {})["Error"] = ERROR_SCHEMA
    for _, method, operation in operations(result):
        responses = operation.setdefault("responses", {})
        for code, description in ERRORS_BY_METHOD.get(method, {}).items():
            responses.setdefault(code, {"description": description, "content": ERROR_CONTENT})
        if method in WRITES:
            responses.setdefault(
                "409", {"description": "Conflicts with the stored data", "content": ERROR_CONTENT}
            )
        responses.setdefault("429", {"description": "Throttled", "content": ERROR_CONTENT})
    return result


def document_change_reason(result, generator, request, public):
    """Writes may say why in ``X-Change-Reason``, kept with the record's version."""
    for _, method, operation in operations(result):
        if method in WRITES:
            operation.setdefault("parameters", []).append(CHANGE_REASON)
    return result


def describe_path_parameters(result, generator, request, public):
    """A record's key in its URL says what it is: a slug, a country's code, an id."""
    for _, _, operation in operations(result):
        for parameter in operation.get("parameters", []):
            if parameter["in"] == "path" and not parameter.get("description"):
                parameter["description"] = PATH_DESCRIPTIONS.get(parameter["name"], "")
    return result


def document_public_reads(result, generator, request, public):
    """Reads need no credentials: an empty requirement says authentication is optional."""
    for _, method, operation in operations(result):
        if method == "get":
            security = operation.setdefault("security", [])
            if {} not in security:
                security.append({})
    return result


def document_formats(result, generator, request, public):
    """drf-spectacular lists the formats a view renders but does not say what they do: reads
    take ``format`` (``csv``: a list's every row, or a record's one; ``geojson`` where offered:
    features, see ``geojson``) and describe their CSV and GeoJSON; writes answer in JSON only."""
    for path, method, operation in operations(result):
        if method == "get":
            kind = "detail" if "{" in path else "list"
            for parameter in operation.get("parameters", []):
                if parameter["name"] == "format":
                    geojson = FORMAT in parameter["schema"].get("enum", ())
                    parameter["description"] = FORMAT_DESCRIPTIONS[kind] + (
                        GEOJSON_DESCRIPTIONS[kind] if geojson else ""
                    )
                    formats = ["json", "csv", *([FORMAT] if geojson else [])]
                    parameter["schema"] = {"type": "string", "enum": formats}
            document_geojson(result, operation, kind)
        else:
            operation["parameters"] = [
                parameter
                for parameter in operation.get("parameters", [])
                if parameter["name"] != "format"
            ]
        csv = operation["responses"].get("200", {}).get("content", {}).get("text/csv")
        if csv:
            csv["schema"] = {"type": "string", "description": "CSV with a header row."}
    return result


def document_empty_filters(result, generator, request, public):
    """An empty optional query parameter is no filter (an HTML form's untouched field); a
    required one (``group_by``) must be given a value."""
    for _, _, operation in operations(result):
        for parameter in operation.get("parameters", []):
            if parameter["in"] == "query" and not parameter.get("required"):
                parameter["allowEmptyValue"] = True
    return result


DATASET_VERSION = {
    "X-Dataset-Version": {
        "description": (
            "The version of the data set this answer came from: the SHA-256 digest of every "
            "record, the dataset_version export_dataset gives for the same data. It is the same "
            "while nothing changes and changes with any write to the data (through the API, the "
            "admin, the loader or an import). Cite it with a result to name the state it came "
            "from."
        ),
        "required": True,
        "schema": {"type": "string", "pattern": "^sha256:[0-9a-f]{64}$"},
    }
}


def document_dataset_version(result, generator, request, public):
    """Every answer below a server error carries ``X-Dataset-Version`` (see
    ``core.dataset_version.DatasetVersionMiddleware``)."""
    for _, _, operation in operations(result):
        for code, response in operation.get("responses", {}).items():
            if not str(code).startswith("5"):
                response.setdefault("headers", {}).update(DATASET_VERSION)
    return result
