"""What the OpenAPI schema needs beyond drf-spectacular's introspection.

- A compact related record is an object in responses and a plain slug or code in requests.
- Every operation documents the errors it can answer with, in the one error shape we use.
- Lists document ``format=csv``.
"""

from drf_spectacular.extensions import OpenApiSerializerFieldExtension

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
FORMAT_PARAMETER = {
    "name": "format",
    "in": "query",
    "required": False,
    "description": "csv: download every matching row (not one page) as CSV.",
    "schema": {"type": "string", "enum": ["json", "csv"]},
}


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
            if method == "get" and path.endswith("/") and "{" not in path:
                names = {parameter.get("name") for parameter in operation.get("parameters", [])}
                if "page" in names:
                    operation["parameters"].append(FORMAT_PARAMETER)
    return result
