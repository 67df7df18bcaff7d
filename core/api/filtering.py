"""Ordering and paging that refuse malformed input instead of quietly ignoring it."""

import re

from rest_framework import pagination
from rest_framework.exceptions import ValidationError
from rest_framework.filters import OrderingFilter, SearchFilter

WHOLE_NUMBER = re.compile(r"[0-9]{1,9}")  # str.isdigit() would take "²", which int() refuses


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
        return [*terms, "pk"]

    def get_schema_operation_parameters(self, view):
        values = [v for name in view.ordering_fields for v in (name, f"-{name}")]
        return [
            {
                "name": self.ordering_param,
                "required": False,
                "in": "query",
                "description": (
                    "Sort by these fields, comma-separated; prefix - for descending. "
                    f"Allowed: {', '.join(view.ordering_fields)}."
                ),
                "schema": {"type": "array", "items": {"type": "string", "enum": values}},
                "style": "form",
                "explode": False,
            }
        ]


class StrictSearchFilter(SearchFilter):
    """``search=``; a term the database cannot take (a NUL character) is a 400 naming it."""

    def get_search_terms(self, request):
        try:
            return super().get_search_terms(request)
        except ValidationError as error:
            raise ValidationError({self.search_param: error.detail}) from error


class BoundedPageNumberPagination(pagination.PageNumberPagination):
    """50 rows a page by default; ``page_size`` up to 500. A malformed number is a 400."""

    page_size = 50
    page_size_query_param = "page_size"
    max_page_size = 500

    def get_page_size(self, request):
        raw = request.query_params.get(self.page_size_query_param)
        if raw is None:
            return self.page_size
        if not WHOLE_NUMBER.fullmatch(raw) or int(raw) < 1:
            raise ValidationError({self.page_size_query_param: ["A whole number from 1 to 500."]})
        return min(int(raw), self.max_page_size)

    def check_parameters(self, request):
        raw = request.query_params.get(self.page_query_param, "1")
        if raw not in self.last_page_strings and (not WHOLE_NUMBER.fullmatch(raw) or int(raw) < 1):
            raise ValidationError({self.page_query_param: ["A page number from 1."]})
        return self.get_page_size(request)

    def paginate_queryset(self, queryset, request, view=None):
        self.check_parameters(request)
        return super().paginate_queryset(queryset, request, view)  # past the end: 404

    def get_schema_operation_parameters(self, view):
        parameters = super().get_schema_operation_parameters(view)
        for parameter in parameters:
            if parameter["name"] == self.page_size_query_param:
                parameter["schema"] = {"type": "integer", "minimum": 1}
                parameter["description"] = (
                    "Rows per page: 50 unless given; more than 500 reads as 500."
                )
            elif parameter["name"] == self.page_query_param:
                parameter["schema"] = {"type": "integer", "minimum": 1}
        return parameters
