"""Search, ordering and paging that refuse malformed input instead of quietly ignoring it, and
bound what one request can make the database do (every search word is a LIKE on every search
field, every ordering term a sort key)."""

import re

from django.template import loader
from django_filters.rest_framework import DjangoFilterBackend
from rest_framework import pagination
from rest_framework.exceptions import ValidationError
from rest_framework.filters import OrderingFilter, SearchFilter

WHOLE_NUMBER = re.compile(r"[0-9]{1,9}")  # str.isdigit() would take "²", which int() refuses
LARGEST = 10**9 - 1  # the largest page number WHOLE_NUMBER reads (the schema says so)

# search=: words are separated by spaces or commas; the limits hold for the raw text, so the
# schema can state them exactly (a pattern and a length). Repeated words are searched once.
MAX_SEARCH_WORDS = 10
MAX_WORD_LENGTH = 100
MAX_SEARCH_LENGTH = 200
# What separates words: a comma or what Python's \s matches (DRF splits on it), spelled out,
# since a schema's pattern is read with JavaScript's \s, which differs.
SEPARATORS = r",\t-\r\x1c-\x20\x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000"
WORD = rf"[^{SEPARATORS}\x00]{{1,{MAX_WORD_LENGTH}}}"
SEARCH_PATTERN = (
    rf"^[{SEPARATORS}]*(?:{WORD}(?:[{SEPARATORS}]+{WORD}){{0,{MAX_SEARCH_WORDS - 1}}})?"
    rf"[{SEPARATORS}]*$"
)
SEARCH_LIMITS = (
    f"At most {MAX_SEARCH_WORDS} words (separated by spaces or commas) of at most "
    f"{MAX_WORD_LENGTH} characters each, {MAX_SEARCH_LENGTH} characters in all; a repeated "
    "word is searched once."
)


class FilterBackend(DjangoFilterBackend):
    """django-filter's backend; its HTML form (the browsable API's) shows every filter, while
    filtering builds only those the request sends (``core.filters.RecordFilterSet``)."""

    def to_html(self, request, queryset, view):
        filterset_class = self.get_filterset_class(view, queryset)
        if filterset_class is None:
            return None
        kwargs = self.get_filterset_kwargs(request, queryset, view)
        filterset = filterset_class(**kwargs, every_filter=True)
        return loader.get_template(self.template).render({"filter": filterset}, request)


class StrictOrderingFilter(OrderingFilter):
    """``ordering=a,-b``: an unknown field is a 400; ties are broken by id so pages are stable."""

    def get_ordering(self, request, queryset, view):
        param = request.query_params.get(self.ordering_param)
        if not param:
            return [*(self.get_default_ordering(view) or queryset.model._meta.ordering), "pk"]
        terms = [term.strip() for term in param.split(",") if term.strip()]
        allowed = set(view.ordering_fields)
        unknown = [term for term in terms if term.removeprefix("-") not in allowed]
        if unknown:
            raise ValidationError(
                {
                    self.ordering_param: [
                        f"Cannot order by {unknown[0]!r}; use {', '.join(sorted(allowed))} "
                        "(prefix - for descending, comma-separate several)."
                    ]
                }
            )
        # A field's second sort key can never change the order: keep its first, so a sort has
        # at most one key per field however long the parameter.
        first = {}
        for term in terms:
            first.setdefault(term.removeprefix("-"), term)
        return [*first.values(), "pk"]

    def get_schema_operation_parameters(self, view):
        values = [v for name in view.ordering_fields for v in (name, f"-{name}")]
        return [
            {
                "name": self.ordering_param,
                "required": False,
                "in": "query",
                "description": (
                    "Sort by these fields, comma-separated; prefix - for descending (a field "
                    f"named again is ignored). Allowed: {', '.join(view.ordering_fields)}."
                ),
                "schema": {
                    "type": "array",
                    "items": {"type": "string", "enum": values},
                    "maxItems": len(values),
                    "uniqueItems": True,
                },
                "style": "form",
                "explode": False,
            }
        ]


class StrictSearchFilter(SearchFilter):
    """``search=``: within ``SEARCH_LIMITS`` (about a thousand words were a 500 on SQLite and
    tied up PostgreSQL for seconds), each distinct term once; a term the database cannot take
    (a NUL character) is a 400 naming ``search``."""

    def get_search_terms(self, request):
        raw = request.query_params.get(self.search_param, "")
        words = re.findall(rf"[^{SEPARATORS}]+", raw)
        if (
            len(raw) > MAX_SEARCH_LENGTH
            or len(words) > MAX_SEARCH_WORDS
            or any(len(word) > MAX_WORD_LENGTH for word in words)
        ):
            raise ValidationError({self.search_param: [SEARCH_LIMITS]})
        try:
            terms = super().get_search_terms(request)
        except ValidationError as error:
            raise ValidationError({self.search_param: error.detail}) from error
        distinct = {}  # the search ignores case, so "Bear bear" is one term
        for term in terms:
            distinct.setdefault(term.lower(), term)
        return list(distinct.values())

    def get_schema_operation_parameters(self, view):
        fields = ", ".join(
            field.lstrip("^=@$").replace("__", ".") for field in getattr(view, "search_fields", ())
        )
        return [
            {
                "name": self.search_param,
                "required": False,
                "in": "query",
                "description": f"Words to find in {fields}; every word must match. {SEARCH_LIMITS}",
                "schema": {
                    "type": "string",
                    "maxLength": MAX_SEARCH_LENGTH,
                    "pattern": SEARCH_PATTERN,
                },
            }
        ]


class BoundedPageNumberPagination(pagination.PageNumberPagination):
    """50 rows a page by default; ``page_size`` from 1 to 500, ``page`` a number from 1. Anything
    else is a 400 naming the parameter: a page size over 500 is refused, not read as 500 (a
    client would count on rows it does not get), and ``page=last``, which DRF reads as the last
    page and the schema cannot state (an integer), is refused too: the last page is
    ``ceil(count / page_size)``, or follow ``next`` until it is null."""

    page_size = 50
    page_size_query_param = "page_size"
    max_page_size = 500
    last_page_strings = ()

    def get_page_size(self, request):
        raw = request.query_params.get(self.page_size_query_param)
        if raw in (None, ""):  # empty: not given (as the schema's allowEmptyValue says)
            return self.page_size
        if not WHOLE_NUMBER.fullmatch(raw) or not 1 <= int(raw) <= self.max_page_size:
            raise ValidationError(
                {self.page_size_query_param: [f"A whole number from 1 to {self.max_page_size}."]}
            )
        return int(raw)

    def check_parameters(self, request):
        raw = request.query_params.get(self.page_query_param) or "1"  # empty: the first
        if not WHOLE_NUMBER.fullmatch(raw) or int(raw) < 1:
            raise ValidationError({self.page_query_param: ["A page number from 1."]})
        return self.get_page_size(request)

    def paginate_queryset(self, queryset, request, view=None):
        self.check_parameters(request)
        return super().paginate_queryset(queryset, request, view)  # past the end: 404

    def get_schema_operation_parameters(self, view):
        parameters = super().get_schema_operation_parameters(view)
        for parameter in parameters:
            if parameter["name"] == self.page_size_query_param:
                parameter["schema"] = {
                    "type": "integer",
                    "minimum": 1,
                    "maximum": self.max_page_size,
                }
                parameter["description"] = (
                    f"Rows per page: {self.page_size} unless given, at most {self.max_page_size} "
                    "(more is refused with 400)."
                )
            elif parameter["name"] == self.page_query_param:
                parameter["schema"] = {"type": "integer", "minimum": 1, "maximum": LARGEST}
        return parameters
