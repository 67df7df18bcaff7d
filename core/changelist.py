"""Admin lists that answer a query string exactly or refuse it, as Django refuses an unknown filter.

A list filter, ``date_hierarchy`` drill-down or search term the database cannot take (a NUL
byte on PostgreSQL, year 0, a year past 9999, ``²`` read as a digit) used to reach it and end in
a 500, on the changelist, the export page behind it and the autocomplete of related fields.
Here every such value is refused before any query runs: the list redirects to ``?e=1`` with a
message naming the reason (as Django answers a lookup it cannot take), the autocomplete is a
400. Searches are bounded too (``MAX_SEARCH_TERMS`` distinct words of ``MAX_SEARCH_TERM_LENGTH``
characters at most): more would make the database do unbounded work for one request.

A sort (``?o=``) by a column that cannot be ordered (a generic foreign key: it has no column,
or one ``sortable_by`` leaves out) is ignored, as Django ignores an index it cannot read; one that
still fails in the database is refused like a filter. The autocomplete answers its refusals in
JSON, the language it speaks.

``CheckedListsAdmin`` carries it, with the checks of the add form's initial values and of the
history pages' ids (``core.admin_urls``); ``CheckedAdminSite`` (the project's ``admin.site``)
mixes it into every admin registered, the project's and third-party ones alike.
"""

import contextlib
import functools
import re

from django.contrib import messages
from django.contrib.admin import AdminSite, ModelAdmin
from django.contrib.admin.apps import AdminConfig
from django.contrib.admin.options import IncorrectLookupParameters
from django.contrib.admin.views.main import ChangeList
from django.core.exceptions import (
    BadRequest,
    EmptyResultSet,
    FieldDoesNotExist,
    FieldError,
    FullResultSet,
    PermissionDenied,
    ValidationError,
)
from django.db.models.constants import LOOKUP_SEP
from django.http import JsonResponse
from django.utils.text import smart_split

from .admin_urls import CheckedObjectsAdmin

MAX_SEARCH_TERMS = 10
MAX_SEARCH_TERM_LENGTH = 100
DATE_PARTS = {"year": 9999, "month": 12, "day": 31}  # a drill-down's parts, checked alone
WHOLE_NUMBER = re.compile(r"[0-9]{1,9}")  # str.isdigit() would take "²", which int() refuses
NOT_ANSWERABLE = "The address asks for a filter, search or page the list cannot answer."


class QueryRefused(IncorrectLookupParameters):
    """A query-string value the list cannot answer exactly; its text is the curator's message."""


def refuse_nul(params):
    """``params``: a ``QueryDict``'s ``lists()`` as a dict. PostgreSQL takes no NUL in text."""
    for key, values in params.items():
        if "\x00" in key or any("\x00" in value for value in values):
            raise QueryRefused(f"“{key.replace(chr(0), '')}” holds a NUL character.")


def search_terms(text):
    """The distinct words of a search (quoted phrases kept whole, as Django splits them), or
    ``QueryRefused`` when there are too many or one is too long."""
    if "\x00" in text:
        raise QueryRefused("The search holds a NUL character.")
    terms = list(dict.fromkeys(smart_split(text)))
    if len(terms) > MAX_SEARCH_TERMS:
        raise QueryRefused(
            f"A search takes at most {MAX_SEARCH_TERMS} different words; this one has {len(terms)}."
        )
    if any(len(term) > MAX_SEARCH_TERM_LENGTH for term in terms):
        raise QueryRefused(
            f"A search word or quoted phrase takes at most {MAX_SEARCH_TERM_LENGTH} characters."
        )
    return terms


def whole_number(value, low, high, name):
    """``value`` as an int from ``low`` to ``high`` (ASCII digits only), else ``QueryRefused``."""
    if not WHOLE_NUMBER.fullmatch(value or "") or not low <= int(value) <= high:
        raise QueryRefused(f"{name} must be a whole number from {low} to {high}, not “{value}”.")
    return int(value)


def orderable(model_admin, name):
    """Whether the list can sort by the ``list_display`` column ``name``: a field with a column
    of its own (not a generic foreign key), or a method or property with ``ordering``. Django's
    list would offer a sort by the others (``__str__``) that sorts nothing or fails."""
    try:
        return model_admin.model._meta.get_field(name).concrete
    except (FieldDoesNotExist, TypeError):
        pass
    if callable(name):
        attr = name
    elif hasattr(model_admin, name):
        attr = getattr(model_admin, name)
    else:
        attr = getattr(model_admin.model, name, None)
        if attr is None:
            return LOOKUP_SEP in name  # a field across relations: ``country__name``
    attr = attr.fget if isinstance(attr, property) else attr
    return getattr(attr, "admin_order_field", None) is not None


def compiles(queryset):
    """Turn ``queryset`` into SQL without running it: a value a lookup cannot convert (year 0,
    a date past 9999) fails here, not when the list or the export reads the rows."""
    # A query that matches nothing, or everything, is exact either way.
    with contextlib.suppress(EmptyResultSet, FullResultSet):
        queryset.query.get_compiler(queryset.db).as_sql()


class CheckedChangeList(ChangeList):
    """A changelist that checks its query string before the database sees it."""

    def get_filters(self, request):
        refuse_nul(self.filter_params)
        self.check_date_hierarchy()
        try:
            return super().get_filters(request)
        except (ValueError, OverflowError):
            # Only a drill-down into the calendar's last year, month or day gets here: its end
            # (the next year, month or day) is past 9999, which Python's dates cannot hold. The
            # plain __year/__month/__day lookups answer it exactly.
            hierarchy, self.date_hierarchy = self.date_hierarchy, None
            try:
                return super().get_filters(request)
            finally:
                self.date_hierarchy = hierarchy

    def check_date_hierarchy(self):
        if not self.date_hierarchy:
            return
        for part, high in DATE_PARTS.items():
            name = f"{self.date_hierarchy}__{part}"
            for value in self.filter_params.get(name, []):
                whole_number(value, 1, high, name)

    def get_ordering_field(self, field_name):
        """None (the index is skipped) for a column the list does not offer to sort by."""
        if self.sortable_by is not None and field_name not in self.sortable_by:
            return None
        return super().get_ordering_field(field_name)

    def get_queryset(self, request, exclude_parameters=None):
        try:
            queryset = super().get_queryset(request, exclude_parameters)
            compiles(queryset)
        except (ValueError, OverflowError, ValidationError, FieldError) as error:
            raise QueryRefused(NOT_ANSWERABLE) from error
        return queryset


@functools.cache
def checked_changelist(changelist_class):
    """``changelist_class`` (Django's or an admin's own) with the checks mixed in."""
    if issubclass(changelist_class, CheckedChangeList):
        return changelist_class
    return type(changelist_class.__name__, (CheckedChangeList, changelist_class), {})


class CheckedListsAdmin(CheckedObjectsAdmin):
    """A model admin whose list, export and autocomplete refuse what they cannot answer."""

    def get_changelist(self, request, **kwargs):
        return checked_changelist(super().get_changelist(request, **kwargs))

    def get_sortable_by(self, request):
        return [name for name in super().get_sortable_by(request) if orderable(self, name)]

    def get_changelist_instance(self, request):
        try:
            return super().get_changelist_instance(request)
        except IncorrectLookupParameters as refused:
            # Django then redirects to the bare list (``?e=1``); say why it is not filtered.
            reason = refused if isinstance(refused, QueryRefused) else NOT_ANSWERABLE
            self.message_user(request, f"{reason} The whole list is shown.", messages.ERROR)
            raise

    def get_search_results(self, request, queryset, search_term):
        try:
            terms = search_terms(search_term)
        except QueryRefused as refused:
            match = request.resolver_match
            if match is not None and match.url_name == "autocomplete":
                raise BadRequest(str(refused)) from refused
            raise
        return super().get_search_results(request, queryset, " ".join(terms))


def with_checked_lists(admin_class):
    if issubclass(admin_class, CheckedListsAdmin):
        return admin_class
    return type(
        admin_class.__name__,
        (CheckedListsAdmin, admin_class),
        {"__module__": admin_class.__module__, "__qualname__": admin_class.__qualname__},
    )


class CheckedAdminSite(AdminSite):
    """``admin.site``: every model admin registered on it, whoever wrote it, checks its lists."""

    def register(self, model_or_iterable, admin_class=None, **options):
        admin_class = with_checked_lists(admin_class or ModelAdmin)
        super().register(model_or_iterable, admin_class, **options)

    def autocomplete_view(self, request):
        """Django's refusals are HTML pages; the widget reading this view expects JSON."""
        try:
            return super().autocomplete_view(request)
        except BadRequest as refused:
            return JsonResponse({"error": str(refused)}, status=400)
        except PermissionDenied as refused:
            reason = str(refused) or "The autocomplete was asked for a field it does not serve."
            return JsonResponse({"error": reason}, status=403)


class CheckedAdminConfig(AdminConfig):
    """``django.contrib.admin`` with ``CheckedAdminSite`` as its default site (settings)."""

    default_site = "core.changelist.CheckedAdminSite"
