"""Every route under /api/, read from the URL conf, so a route added there is tested everywhere
these are used (the trailing slash, bounded bodies, JSON errors).

A route that names a record (``{slug}``, ``{code}``, ``{pk}``) is given one made with the
resource's factory (tests/api_resources.py); a route whose resource is not described there makes
the suite fail, not skip.
"""

from dataclasses import dataclass

import pytest
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from tests.api_resources import RESOURCES, written

WRITES = ("POST", "PUT", "PATCH", "DELETE")
# The resources a quick run (`make test-fast`) keeps: one record with children, one without.
QUICK = {"patrols", "sources"}


@dataclass(frozen=True)
class Route:
    name: str  # "api:patrol-detail", for reverse()
    methods: frozenset  # the HTTP methods its view answers, upper case
    resource: str | None  # the tests.api_resources key of its records, if it serves any
    kwarg: str | None  # the URL's key of a record, if it names one

    def url(self):
        """The route's URL, naming a record made for the call when it names one."""
        if self.kwarg is None:
            return reverse(self.name)
        _, key = RESOURCES[self.resource]
        return reverse(self.name, kwargs={self.kwarg: getattr(written(self.resource), key)})

    def stored(self):
        """What a write to the route could change, as stored now: its resource's rows, or for a
        route without one (the token endpoint) the users and their tokens."""
        if self.resource is None:
            from django.contrib.auth import get_user_model
            from rest_framework.authtoken.models import Token

            models = (get_user_model(), Token)
        else:
            models = (RESOURCES[self.resource][0]._meta.model,)
        return [list(model.objects.order_by("pk").values()) for model in models]

    @property
    def writes(self):
        return sorted(self.methods & set(WRITES))

    def __str__(self):
        return self.name


def resource_of(view_class):
    queryset = getattr(view_class, "queryset", None)
    if queryset is None:
        return None
    for name, (factory, _) in RESOURCES.items():
        if factory._meta.model is queryset.model:
            return name
    raise LookupError(f"{view_class.__name__}: no resource in tests/core/resource_cases.py")


def methods_of(callback):
    actions = getattr(callback, "actions", None)
    if actions is not None:
        return frozenset(method.upper() for method in actions)
    view_class = getattr(callback, "cls", getattr(callback, "view_class", None))
    return frozenset(
        method.upper() for method in view_class.http_method_names if hasattr(view_class, method)
    )


def walk(patterns, prefix="", namespace=None):
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            inner = ":".join(filter(None, (namespace, pattern.namespace))) or None
            yield from walk(pattern.url_patterns, prefix + str(pattern.pattern), inner)
        elif isinstance(pattern, URLPattern):
            yield prefix + str(pattern.pattern), pattern, namespace


def api_routes():
    routes = []
    for route, pattern, namespace in walk(get_resolver().url_patterns):
        if not route.startswith("api/"):
            continue
        callback = pattern.callback
        view_class = getattr(callback, "cls", getattr(callback, "view_class", None))
        groups = list(pattern.pattern.regex.groupindex)
        assert len(groups) <= 1, f"{route}: one record key at most"
        kwarg = groups[0] if groups else None
        routes.append(
            Route(
                name=":".join(filter(None, (namespace, pattern.name))),
                methods=methods_of(callback),
                resource=resource_of(view_class),
                kwarg=kwarg,
            )
        )
    return routes


ROUTES = api_routes()


def params(pairs):
    """``(route, …)`` tuples as pytest params: all of them in the full suite, those of the
    ``QUICK`` resources (and routes without records) otherwise."""
    return [
        pytest.param(
            *pair,
            marks=() if pair[0].resource in (None, *QUICK) else pytest.mark.slow,
            id="-".join(str(part) for part in pair),
        )
        for pair in pairs
    ]
