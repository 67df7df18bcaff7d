"""What the OpenAPI schema needs beyond drf-spectacular's introspection.

- A compact related record is an object in responses and a plain slug or code in requests.
- Every operation documents the errors it can answer with, in the one error shape we use.
- Lists document ``format=csv``.
"""

from drf_spectacular.contrib.django_filters import DjangoFilterExtension
from drf_spectacular.extensions import OpenApiSerializerFieldExtension

from ..filters import IntegerFilter

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
FORMAT_DESCRIPTIONS = {
    "list": "csv: download every matching row (not one page) as CSV.",
    "detail": "csv: download this record as one CSV row.",
}


def anyone_reads(operation):
    """Reads need no credentials: an empty requirement says authentication is optional."""
    security = operation.setdefault("security", [])
    if {} not in security:
        security.append({})


def document_format(operation, kind):
    """drf-spectacular lists the formats a view renders but does not say what they do."""
    for parameter in operation.get("parameters", []):
        if parameter["name"] == "format":
            parameter["description"] = FORMAT_DESCRIPTIONS[kind]
            parameter["schema"] = {"type": "string", "enum": ["json", "csv"]}


class FilterExtension(DjangoFilterExtension):
    """Whole-number filters are integers (a year filter sits on a date field), and every filter
    keeps its own help text as its description."""

    priority = 1

    def resolve_filter_field(self, auto_schema, model, filterset_class, field_name, filter_field):
        parameters = super().resolve_filter_field(
            auto_schema, model, filterset_class, field_name, filter_field
        )
        for parameter in parameters:
            if isinstance(filter_field, IntegerFilter):
                parameter["schema"] = {"type": "integer"}
                for bound, keyword in (("min_value", "minimum"), ("max_value", "maximum")):
                    if bound in filter_field.extra:
                        parameter["schema"][keyword] = filter_field.extra[bound]
            parameter.setdefault("description", filter_field.extra.get("help_text", ""))
        return parameters


class CompactRelatedFieldExtension(OpenApiSerializerFieldExtension):
    target_class = "reference.api.fields.CompactRelatedField"

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


def document_errors_and_csv(result, generator, request, public):
    """Postprocessing hook: add error responses to every operation and ``format`` to lists."""
    error = {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}}
    result.setdefault("components", {}).setdefault("schemas", {})["Error"] = ERROR_SCHEMA
    for path, operations in result.get("paths", {}).items():
        for method, operation in operations.items():
            responses = operation.setdefault("responses", {})
            for code, description in ERRORS_BY_METHOD.get(method, {}).items():
                responses.setdefault(code, {"description": description, "content": error})
            if method in ("post", "put", "patch", "delete"):
                responses.setdefault(
                    "409",
                    {"description": "Conflicts with the stored data", "content": error},
                )
            responses.setdefault("429", {"description": "Throttled", "content": error})
            for parameter in operation.get("parameters", []):
                if parameter["in"] == "path" and not parameter.get("description"):
                    parameter["description"] = PATH_DESCRIPTIONS.get(parameter["name"], "")
            if method == "get":
                anyone_reads(operation)
                document_format(operation, "detail" if "{" in path else "list")
            else:  # writes answer in JSON only
                operation["parameters"] = [
                    parameter
                    for parameter in operation.get("parameters", [])
                    if parameter["name"] != "format"
                ]
            for parameter in operation.get("parameters", []):
                if parameter["in"] == "query":
                    parameter["allowEmptyValue"] = True  # an empty filter is no filter
            csv = operation["responses"].get("200", {}).get("content", {}).get("text/csv")
            if csv:
                csv["schema"] = {"type": "string", "description": "CSV with a header row."}
    return result
