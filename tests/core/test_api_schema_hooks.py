"""The schema's postprocessing hooks: one per concern, each alone responsible for its concern.

The schema is generated once without the project's hooks; each hook is then left out in turn, and
what it documents must be missing then, and only then.
"""

import copy
import inspect

import pytest
from django.conf import settings
from django.utils.module_loading import import_string
from drf_spectacular.generators import SchemaGenerator
from drf_spectacular.settings import patched_settings

from core.api import schema as schema_module
from core.api import schema_conditional

pytestmark = pytest.mark.django_db

HOOKS = [
    hook
    for hook in settings.SPECTACULAR_SETTINGS["POSTPROCESSING_HOOKS"]
    if hook.startswith("core.")
]
WRITES = ("post", "put", "patch", "delete")


def operations(result):
    for path, methods in result["paths"].items():
        for method, operation in methods.items():
            yield path, method, operation


def parameters(operation, where=None):
    return [p for p in operation.get("parameters", []) if where is None or p["in"] == where]


def errors(result):
    return "Error" in result["components"]["schemas"] and all(
        "429" in operation["responses"] for _, _, operation in operations(result)
    )


def change_reason(result):
    return any(
        p["name"] == "X-Change-Reason"
        for _, method, operation in operations(result)
        if method in WRITES
        for p in parameters(operation)
    )


def conditional_requests(result):
    record = result["paths"]["/api/v1/patrols/{slug}/"]
    return "304" in record["get"]["responses"] and "412" in record["put"]["responses"]


def path_parameters(result):
    record = result["paths"]["/api/v1/patrols/{slug}/"]["get"]
    return parameters(record, "path")[0].get("description") == "The record's slug, as in its URL."


def public_reads(result):
    return all(
        {} in operation.get("security", [])
        for _, method, operation in operations(result)
        if method == "get"
    )


def formats(result):
    listed = result["paths"]["/api/v1/patrols/"]
    format_ = next(p for p in parameters(listed["get"]) if p["name"] == "format")
    no_format_on_writes = all(p["name"] != "format" for p in parameters(listed["post"]))
    geojson = listed["get"]["responses"]["200"]["content"]["application/geo+json"]["schema"]
    enum = ["json", "csv", "geojson"]
    return (
        format_["schema"] == {"type": "string", "enum": enum}
        and no_format_on_writes
        and geojson == {"$ref": "#/components/schemas/GeoJSONFeatureCollection"}
    )


def empty_filters(result):
    return all(
        p.get("allowEmptyValue") is (True if not p.get("required") else None)
        for _, _, operation in operations(result)
        for p in parameters(operation, "query")
    )


def dataset_version(result):
    return all(
        "X-Dataset-Version" in answer.get("headers", {})
        for _, _, operation in operations(result)
        for code, answer in operation["responses"].items()
        if not code.startswith("5")
    )


CONCERNS = {
    "core.api.schema.document_errors": errors,
    "core.api.schema.document_change_reason": change_reason,
    "core.api.schema_conditional.document_conditional_requests": conditional_requests,
    "core.api.schema.describe_path_parameters": path_parameters,
    "core.api.schema.document_public_reads": public_reads,
    "core.api.schema.document_formats": formats,
    "core.api.schema.document_empty_filters": empty_filters,
    "core.api.schema.document_dataset_version": dataset_version,
}


@pytest.fixture(scope="module")
def raw(django_db_blocker):
    """The schema as drf-spectacular makes it, before the project's hooks."""
    others = [h for h in settings.SPECTACULAR_SETTINGS["POSTPROCESSING_HOOKS"] if h not in HOOKS]
    with django_db_blocker.unblock(), patched_settings({"POSTPROCESSING_HOOKS": others}):
        return SchemaGenerator().get_schema(request=None, public=True)


def postprocessed(raw, hooks):
    result = copy.deepcopy(raw)
    for hook in hooks:
        result = import_string(hook)(result=result, generator=None, request=None, public=True)
    return result


def test_every_concern_has_its_own_hook_in_the_settings():
    assert list(CONCERNS) == HOOKS
    assert not hasattr(schema_module, "document_errors_and_csv")


def test_every_hook_in_the_modules_is_listed():
    hooks = {
        f"{module.__name__}.{name}"
        for module in (schema_module, schema_conditional)
        for name, function in vars(module).items()
        if inspect.isfunction(function)
        and function.__module__ == module.__name__
        and list(inspect.signature(function).parameters)
        == ["result", "generator", "request", "public"]
    }
    assert hooks == set(HOOKS)


@pytest.mark.parametrize("hook", HOOKS)
def test_each_hook_alone_documents_its_concern(raw, hook):
    complete = postprocessed(raw, HOOKS)
    without = postprocessed(raw, [other for other in HOOKS if other != hook])

    for concern, present in CONCERNS.items():
        assert present(complete), concern
        assert present(without) == (concern != hook), concern


def test_the_hooks_give_the_schema_the_server_serves(raw, client):
    served = client.get("/api/schema/", HTTP_ACCEPT="application/vnd.oai.openapi+json").json()
    assert served["paths"] == postprocessed(raw, HOOKS)["paths"]
