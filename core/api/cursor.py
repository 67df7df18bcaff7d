"""Lists page by number, or by cursor for clients that walk deep into a list.

A page number costs the database a count and an offset that grows with the page: page 2,000 of
a large list reads the 100,000 rows before it. A cursor (keyset pagination) costs the same at
any depth: it names the last row a page showed, and the next page is the rows after it in the
list's ordering, ``WHERE (a, b, id) > (…)`` spelled out term by term.

``?cursor=`` (empty) asks for the first page by cursor; the answer's ``next`` and ``previous``
are links carrying opaque cursors to follow. ``page_size`` works as with page numbers. A cursor
page has no ``count`` unless asked with ``count=true`` (counting a deep result set is what
cursor clients avoid); a page-number page has one unless ``count=false``. ``page`` with
``cursor`` is a 400, and so is a cursor this list did not give (malformed, tampered with,
another list's or another ordering's): each names the parameter.

The walk follows the list's own ordering, its terms expanded as the database expands them (a
foreign key orders by its record's ``Meta.ordering``), ties broken by the primary key, NULLs
placed where the database places them (largest on PostgreSQL, smallest on SQLite): the rows of
a cursor walk are the rows of the page-number walk, in the same order, each exactly once.
"""

import datetime
import decimal
import uuid

from django.core import signing
from django.core.exceptions import ValidationError as DjangoValidationError
from django.core.paginator import Paginator as DjangoPaginator
from django.db import connections
from django.db.models import F, Q, QuerySet
from django.db.models.expressions import OrderBy
from django.utils.functional import cached_property
from rest_framework.exceptions import ValidationError
from rest_framework.response import Response
from rest_framework.utils.urls import remove_query_param, replace_query_param

from .count_cache import kept_count, not_choosing
from .filtering import BoundedPageNumberPagination

CURSOR = "cursor"
COUNT = "count"
COUNT_VALUES = {"true": True, "false": False}
SALT = "core.api.cursor"
KEY = "cursor_key_{}"  # the annotation carrying a row's value of the ordering's i-th term
BAD_CURSOR = (
    "Not a cursor this list gave (malformed, changed, or from another list or ordering): "
    "start again with cursor= (empty) and follow next."
)


class Term:
    """One key of the walk: a lookup path, its direction and the model field it ends on."""

    def __init__(self, path, descending, field):
        self.path, self.descending, self.field = path, descending, field

    def order(self, reverse=False):
        return f"-{self.path}" if self.descending != reverse else self.path


def ordering_terms(queryset):
    """The queryset's ordering as the database applies it, one ``Term`` per column, ending
    with the primary key (added when the ordering does not name it)."""
    model = queryset.model
    query = queryset.query
    names = list(query.order_by or (model._meta.ordering if query.default_ordering else ()))
    terms, seen = [], set()
    for name in names:
        for term in expand(model, name):
            if term.path not in seen:
                seen.add(term.path)
                terms.append(term)
    pk = model._meta.pk
    if not {pk.name, "pk", pk.attname} & seen:
        terms.append(Term(pk.name, False, pk))
    return terms


def expand(model, name, prefix="", descending=False, depth=0):
    """The columns one ordering term sorts by, as Django's compiler expands it."""
    if isinstance(name, OrderBy) and isinstance(name.expression, F):
        descending, name = descending != name.descending, name.expression.name
    elif isinstance(name, F):
        name = name.name
    if not isinstance(name, str) or name == "?" or depth > 5:
        raise TypeError(f"{model.__name__}: cannot walk the ordering {name!r} by cursor")
    descending = descending != name.startswith("-")
    name = name.removeprefix("-")
    parts = name.split("__")
    current, field = model, None
    for index, part in enumerate(parts):
        field = current._meta.pk if part == "pk" else current._meta.get_field(part)
        if field.is_relation and index < len(parts) - 1:
            current = field.related_model
    path = prefix + "__".join(parts)
    if field.is_relation and (field.many_to_one or field.one_to_one):
        related = field.related_model
        if related._meta.ordering and parts[-1] != field.attname:
            for item in related._meta.ordering:
                yield from expand(related, item, f"{path}__", descending, depth + 1)
            return
        field = related._meta.pk
    yield Term(path, descending, field)


def encode(value):
    """A value as JSON can carry it exactly; ``Term.field.to_python`` reads it back."""
    if isinstance(value, datetime.datetime | datetime.date | datetime.time):
        return value.isoformat()
    if isinstance(value, decimal.Decimal | uuid.UUID):
        return str(value)
    return value


class KeptCountPaginator(DjangoPaginator):
    """Django's paginator, its count from ``count_of(count)`` (``count``: the query)."""

    def __init__(self, object_list, per_page, count_of, **kwargs):
        super().__init__(object_list, per_page, **kwargs)
        self.count_of = count_of

    @cached_property
    def count(self):
        return self.count_of(lambda: DjangoPaginator.count.func(self))


class PageOrCursorPagination(BoundedPageNumberPagination):
    """Page numbers by default, a cursor walk with ``cursor`` (see the module docstring).

    Answers: ``{"count", "next", "previous", "results"}`` by page number (``count`` left out
    with ``count=false``), ``{"next", "previous", "results"}`` by cursor (``count`` first with
    ``count=true``); ``next``/``previous`` are absolute URLs or null. Errors: 400 naming
    ``cursor``, ``page``, ``page_size`` or ``count``.
    """

    cursor_query_param = CURSOR
    count_query_param = COUNT
    cursor_template = "rest_framework/pagination/previous_and_next.html"

    by_cursor = False
    counted = None  # the count, when the answer gives one

    def django_paginator_class(self, object_list, per_page):
        """Page numbers count through ``count_cache``: a count kept for the same rows."""
        return KeptCountPaginator(
            object_list, per_page, lambda count: self.count_rows(object_list, count)
        )

    def count_rows(self, object_list, count):
        """The number of rows in ``object_list``: ``count()``, or kept (``count_cache``) for a
        queryset."""
        if not isinstance(object_list, QuerySet):
            return count()
        ignored = not_choosing((self.page_query_param, self.page_size_query_param, CURSOR, COUNT))
        return kept_count(self.request, object_list, ignored, count)

    # --- Parameters ---------------------------------------------------------------------

    def wants_count(self, request):
        raw = request.query_params.get(self.count_query_param, "")
        if raw not in ("", *COUNT_VALUES):
            raise ValidationError({self.count_query_param: ["Use true or false."]})
        return COUNT_VALUES.get(raw)

    def check_parameters(self, request):
        """Every paging parameter checked (CSV, which pages nothing, calls it too)."""
        self.wants_count(request)
        if self.cursor_query_param not in request.query_params:
            return super().check_parameters(request)
        if request.query_params.get(self.page_query_param):
            message = "page and cursor cannot be combined: follow next and previous instead."
            raise ValidationError({self.page_query_param: [message], CURSOR: [message]})
        raw = request.query_params.get(self.cursor_query_param)
        if raw:  # its values are read against the list's ordering when a page is made
            try:
                signing.loads(raw, salt=SALT)
            except signing.BadSignature:
                raise ValidationError({self.cursor_query_param: [BAD_CURSOR]}) from None
        return self.get_page_size(request)

    def read_cursor(self, request, queryset, terms):
        """``(values, reverse)`` from the cursor, or ``(None, False)`` for the first page."""
        raw = request.query_params.get(self.cursor_query_param, "")
        if not raw:
            return None, False
        try:
            payload = signing.loads(raw, salt=SALT)
            values, reverse = payload["v"], payload["r"]
            if payload["l"] != queryset.model._meta.label_lower or payload["o"] != [
                term.order() for term in terms
            ]:
                raise ValueError("another list or ordering")
            if not isinstance(values, list) or len(values) != len(terms):
                raise ValueError("not one value per term")
            values = [
                None if value is None else term.field.to_python(value)
                for term, value in zip(terms, values, strict=True)
            ]
        except (signing.BadSignature, KeyError, TypeError, ValueError, DjangoValidationError):
            raise ValidationError({self.cursor_query_param: [BAD_CURSOR]}) from None
        return values, bool(reverse)

    def make_cursor(self, queryset, terms, row, reverse):
        values = [row[KEY.format(i)] if isinstance(row, dict) else getattr(row, KEY.format(i))
                  for i in range(len(terms))]  # fmt: skip
        payload = {
            "l": queryset.model._meta.label_lower,
            "o": [term.order() for term in terms],
            "v": [encode(value) for value in values],
            "r": reverse,
        }
        token = signing.dumps(payload, salt=SALT, compress=True)
        return replace_query_param(self.base_url, self.cursor_query_param, token)

    # --- Paging --------------------------------------------------------------------------

    def paginate_queryset(self, queryset, request, view=None):
        page_size = self.check_parameters(request)
        self.request = request
        count = self.wants_count(request)
        if self.cursor_query_param not in request.query_params:
            page = super().paginate_queryset(queryset, request, view)
            self.counted = self.page.paginator.count if count is not False else None
            return page
        self.by_cursor = True
        self.base_url = remove_query_param(request.build_absolute_uri(), self.page_query_param)
        terms = ordering_terms(queryset)
        values, reverse = self.read_cursor(request, queryset, terms)
        self.counted = self.count_rows(queryset, queryset.count) if count else None
        annotated = queryset.annotate(**{KEY.format(i): F(t.path) for i, t in enumerate(terms)})
        if values is not None:
            annotated = annotated.filter(self.after(queryset, terms, values, reverse))
        rows = list(annotated.order_by(*(t.order(reverse) for t in terms))[: page_size + 1])
        more = len(rows) > page_size
        rows = rows[:page_size]
        if reverse:
            rows.reverse()
        has_next, has_previous = (True, more) if reverse else (more, values is not None)
        self.next_link = (
            self.make_cursor(queryset, terms, rows[-1], False) if has_next and rows else None
        )
        self.previous_link = (
            self.make_cursor(queryset, terms, rows[0], True) if has_previous and rows else None
        )
        if reverse and not rows and values is not None:  # nothing before: start again
            self.next_link = replace_query_param(self.base_url, self.cursor_query_param, "")
        for row in rows:  # the keys were the cursor's business only
            for i in range(len(terms)):
                if isinstance(row, dict):
                    row.pop(KEY.format(i), None)
        self.display_page_controls = bool(self.next_link or self.previous_link)
        return rows

    def after(self, queryset, terms, values, reverse):
        """The rows strictly after ``values`` in the walk's direction (before them, read in
        the list's own order, when ``reverse``)."""
        nulls_largest = connections[queryset.db].features.nulls_order_largest
        disjuncts, equal = [], Q()
        for i, (term, value) in enumerate(zip(terms, values, strict=True)):
            key = KEY.format(i)
            ascending = term.descending == reverse
            nulls_last = nulls_largest == ascending
            if value is None:
                strictly = None if nulls_last else Q(**{f"{key}__isnull": False})
                same = Q(**{f"{key}__isnull": True})
            else:
                strictly = Q(**{f"{key}__{'gt' if ascending else 'lt'}": value})
                if nulls_last:
                    strictly |= Q(**{f"{key}__isnull": True})
                same = Q(**{key: value})
            if strictly is not None:
                disjuncts.append(equal & strictly)
            equal &= same
        result = Q(pk__in=[])  # nothing, when no term can move past the values
        for disjunct in disjuncts:
            result |= disjunct
        return result

    # --- Answers -------------------------------------------------------------------------

    def get_paginated_response(self, data):
        body = {COUNT: self.counted} if self.counted is not None else {}
        if self.by_cursor:
            body.update(next=self.next_link, previous=self.previous_link, results=data)
        else:
            body.update(next=self.get_next_link(), previous=self.get_previous_link(), results=data)
        return Response(body)

    def get_html_context(self):
        if self.by_cursor:
            return {"previous_url": self.previous_link, "next_url": self.next_link}
        return super().get_html_context()

    def to_html(self):
        if self.by_cursor:
            self.template = self.cursor_template
        return super().to_html()

    def get_paginated_response_schema(self, schema):
        described = super().get_paginated_response_schema(schema)
        described["required"] = ["results"]
        described["properties"][COUNT]["description"] = (
            "How many records match: on pages by number unless count=false, on pages by "
            "cursor only with count=true."
        )
        for link in ("next", "previous"):
            described["properties"][link]["description"] = (
                f"The {link} page's URL (page number or cursor, as this page), or null."
            )
        return described

    def get_schema_operation_parameters(self, view):
        parameters = super().get_schema_operation_parameters(view)
        for parameter in parameters:
            if parameter["name"] == self.page_query_param:
                parameter["description"] = (
                    "A page number from 1 (not with cursor: a page by cursor is reached by its "
                    "link)."
                )
        return [
            *parameters,
            {
                "name": self.cursor_query_param,
                "required": False,
                "in": "query",
                "description": (
                    "Page by cursor instead of by number: empty (cursor=) for the first page, "
                    "then the cursor in the next or previous link. It costs the same at any "
                    "depth and answers no count unless count=true. An opaque value: a cursor "
                    "this list did not give, or one given with page, is refused (400)."
                ),
                "schema": {"type": "string", "maxLength": 2000},
            },
            {
                "name": self.count_query_param,
                "required": False,
                "in": "query",
                "description": (
                    "Give count (how many records match) in the answer: true or false. By "
                    "default a page by number has it and a page by cursor has not."
                ),
                "schema": {"type": "string", "enum": list(COUNT_VALUES)},
            },
        ]
