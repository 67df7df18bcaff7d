"""Which query parameters an endpoint takes; any other, or one given twice, is refused.

A parameter nothing reads (a typo, another resource's filter: ``?aircraft=h-6n``) would be
ignored and the answer silently unfiltered; a parameter given twice would keep one of its values.
So before a handler runs, every name in the query string must be one the endpoint reads, and only
a repeatable one (a filter that ORs its values) may come more than once, up to ``MAX_VALUES``
times. The accepted names are derived from what reads them — the filter backends (a FilterSet's
form fields, a range filter's two suffixed names; ``search``; ``ordering``), the paginator,
``format`` and ``as_of`` — so a filter is accepted as soon as it exists, and the schema documents
the same names (a test holds the two together).
"""

from functools import cache

from django_filters import MultipleChoiceFilter
from django_filters.rest_framework import DjangoFilterBackend
from django_filters.widgets import SuffixedMultiWidget
from rest_framework.exceptions import ValidationError
from rest_framework.filters import OrderingFilter, SearchFilter
from rest_framework.settings import api_settings

from .history import AS_OF
from .selection import BRIEF, FIELDS

MAX_VALUES = 50  # values of one repeatable parameter: each is a bound value in the SQL
# Actions on one record or writes: they take no filters, search, ordering or paging.
RECORD_ACTIONS = {"retrieve", "create", "update", "partial_update", "destroy"}


@cache
def filterset_parameters(filterset_class):
    """``{name: repeatable}`` for every query parameter a FilterSet's form reads."""
    parameters = {}
    for name, filter_ in filterset_class.base_filters.items():
        widget = filter_.field.widget
        repeatable = isinstance(filter_, MultipleChoiceFilter)
        if isinstance(widget, SuffixedMultiWidget):  # a range: <name>_min / <name>_max, ...
            for suffix in widget.suffixes:
                parameters[widget.suffixed(name, suffix)] = repeatable
        else:
            parameters[name] = repeatable
    return parameters


def backend_parameters(backend, view):
    """``{name: repeatable}`` for the parameters one filter backend reads on ``view``."""
    if isinstance(backend, DjangoFilterBackend):
        filterset_class = backend.get_filterset_class(view, view.get_queryset())
        return filterset_parameters(filterset_class) if filterset_class else {}
    if isinstance(backend, SearchFilter):
        return {backend.search_param: False} if getattr(view, "search_fields", None) else {}
    if isinstance(backend, OrderingFilter):
        return {backend.ordering_param: False}
    return {  # any other backend: what it documents
        parameter["name"]: parameter.get("explode", False)
        for parameter in backend.get_schema_operation_parameters(view)
        if parameter.get("in") == "query"
    }


class StrictParametersMixin:
    """Refuses, before any handler runs (after authentication, permissions and throttling), a
    query parameter the endpoint does not read, a non-repeatable one given twice, and a
    repeatable one given more than ``MAX_VALUES`` times; each is named in one 400.

    A view says what it reads in ``query_parameters()``; an action adds its own with
    ``@action(extra_query_parameters=("group_by",))``.
    """

    extra_query_parameters = ()

    def initial(self, request, *args, **kwargs):
        super().initial(request, *args, **kwargs)
        check_query_parameters(request, self.query_parameters())

    def query_parameters(self):
        """``{name: repeatable}`` of the query parameters this request's endpoint reads."""
        accepted = {api_settings.URL_FORMAT_OVERRIDE: False}
        accepted.update(dict.fromkeys(self.extra_query_parameters, False))
        return accepted


def check_query_parameters(request, accepted, allowed_values=None, refusals=None):
    """A 400 naming every parameter of ``request`` not in ``accepted`` (``{name: repeatable}``),
    given twice though not repeatable, or given too often; with ``allowed_values`` (``{name:
    values}``), a value not among its parameter's; with ``refusals`` (``{name: message}``), a
    parameter refused for the reason its message gives."""
    allowed_values, refusals = allowed_values or {}, refusals or {}
    errors = {}
    for name in request.query_params:
        values = request.query_params.getlist(name)
        if name in refusals:
            errors[name] = [refusals[name]]
        elif name not in accepted:
            errors[name] = [
                f"Unknown parameter. This endpoint accepts: {', '.join(sorted(accepted))}."
            ]
        elif len(values) > 1 and not accepted[name]:
            repeatable = sorted(other for other, can in accepted.items() if can)
            errors[name] = [
                f"Given {len(values)} times: give it once"
                + (f" (only {', '.join(repeatable)} may be repeated)." if repeatable else ".")
            ]
        elif len(values) > MAX_VALUES:
            errors[name] = [f"At most {MAX_VALUES} values ({len(values)} given)."]
        elif name in allowed_values and not set(values) <= set(allowed_values[name]):
            errors[name] = [f"Use one of: {', '.join(allowed_values[name])}."]
    if errors:
        raise ValidationError(errors)


def record_view_parameters(view):
    """What a ``RecordViewSet`` action reads: filters, search, ordering and paging on a list
    (or a list-like action), ``as_of`` where enabled, ``fields`` and ``brief`` on reads,
    ``format`` everywhere."""
    accepted = StrictParametersMixin.query_parameters(view)
    if view.action not in RECORD_ACTIONS:
        for backend_class in view.filter_backends:
            accepted.update(backend_parameters(backend_class(), view))
        paginator = view.paginator
        if paginator is not None:
            accepted.update(dict.fromkeys(paginator_parameters(paginator), False))
    if getattr(view, "as_of_enabled", False) and view.action in ("list", "retrieve"):
        accepted[AS_OF] = False
    if view.action in ("list", "retrieve"):  # a choice of fields (``selection``)
        accepted.update({FIELDS: False, BRIEF: False})
    return accepted


def paginator_parameters(paginator):
    """The names a paginator reads (page and page size; offset and limit; cursor and count)."""
    attributes = (
        "page_query_param",
        "page_size_query_param",
        "offset_query_param",
        "limit_query_param",
        "cursor_query_param",
        "count_query_param",
    )
    return [getattr(paginator, a) for a in attributes if getattr(paginator, a, None)]
