"""The API's reads that answer without an ETag — every history, statistics and the API's root —
and its lists, which answer with one, read from the URL conf (tests/core/api_routes.py), so a new
list or action is covered by the precondition tests and their schema test."""

import re

from django.urls import reverse

from tests.core.api_routes import ROUTES, params

API_ROOT = "api:api-root"  # DRF leaves the root out of the schema
KEY = "__key__"

# A record's own URL (``-detail``) and a list (``-list``) answer with an ETag; every other read
# of the API does not.
READ_ROUTES = [
    route for route in ROUTES if route.name.startswith("api:") and "GET" in route.methods
]
UNTAGGED_ROUTES = [route for route in READ_ROUTES if not route.name.endswith(("-detail", "-list"))]
LIST_ROUTES = params((route,) for route in READ_ROUTES if route.name.endswith("-list"))
UNTAGGED = params((route,) for route in UNTAGGED_ROUTES if route.name != API_ROOT)
UNTAGGED_WITH_ROOT = params((route,) for route in UNTAGGED_ROUTES)


def schema_path(schema, route):
    """The schema's path of ``route`` (``/api/v1/patrols/{slug}/history/``)."""
    url = reverse(route.name, kwargs={route.kwarg: KEY}) if route.kwarg else reverse(route.name)
    (path,) = [p for p in schema["paths"] if re.sub(r"\{[^/{}]+\}", KEY, p) == url]
    return path
