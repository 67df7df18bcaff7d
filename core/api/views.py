"""The viewset base every resource is built from.

A resource is then a declaration: a serializer listing its fields and a viewset naming its
queryset, serializer, filterset and search fields. Its key in URLs is its model's natural key
(``core.models.natural_key_field``), and how a list is answered is decided in one place,
``RecordViewSet.list``: a resource declares a fast page builder (``fast_list``), it does not
override ``list()``.
"""

import functools
import itertools
from collections.abc import Callable
from dataclasses import dataclass

from django.db import transaction
from rest_framework import status, viewsets
from rest_framework.renderers import BrowsableAPIRenderer
from rest_framework.response import Response
from rest_framework.routers import APIRootView

from ..models import natural_key_field
from ..prepared import PreparedValues
from .conditional import ConditionalRequestsMixin, UntaggedPreconditionsMixin
from .csv import CHUNK_SIZE as CSV_CHUNK
from .csv import CSVRenderer, stream_csv
from .filtering import FilterBackend, StrictOrderingFilter, StrictSearchFilter
from .geojson import GeoJSONMixin, GeoJSONRenderer, StrictFormatMixin
from .history import HistoryMixin
from .params import StrictParametersMixin, record_view_parameters
from .parsers import BoundedJSONParser
from .record_cache import RecordJSON
from .renderers import FastJSONRenderer
from .selection import RecordSchema, chosen_fields, select


@dataclass(frozen=True)
class FastList:
    """A list's JSON pages built from plain rows instead of the serializer, for a resource whose
    general path is too slow: ``page(rows, request)`` turns one page of
    ``.values(*columns)`` rows (filtered, ordered) into exactly what the serializer gives.

    Its pages and its CSV start from the model's plain rows, not from the viewset's queryset
    (whose joins and prefetches are the serializer's): a resource declaring one shows every
    row of its model, its ``queryset`` filtering none and ``get_queryset`` not overridden
    (``tests/core/test_api_csv_fast.py`` holds every fast list to it)."""

    columns: tuple[str, ...]  # the primary key among them
    page: Callable


@functools.cache
def page_rows(model, columns):
    """``model``'s rows with ``columns`` for a list of primary keys, compiled once per model
    and columns (``core.prepared``); unordered: the caller puts them in its page's order."""
    return PreparedValues(lambda: model._default_manager.order_by(), "pk", columns)


class StrictAPIRootView(
    StrictFormatMixin, UntaggedPreconditionsMixin, StrictParametersMixin, APIRootView
):
    """/api/v1/, the list of resources: it reads ``format`` (a format it does not answer is a
    400) and nothing else, and has no ETag (``If-Match`` holds only as ``*``)."""


class RecordViewSet(
    GeoJSONMixin,
    ConditionalRequestsMixin,
    HistoryMixin,
    StrictParametersMixin,
    viewsets.ModelViewSet,
):
    """List and detail for everyone; writes for users holding the model's permission.

    Writes run in one transaction and answer with the record read back through the list's own
    queryset, so a write returns exactly what a read would. ``?format=csv`` on a list streams
    every matching row, not one page; ``?format=geojson``, on a resource declaring ``geojson``,
    answers every matching record too, as features (see ``geojson``); a format the endpoint does
    not answer is a 400. Records carry an ETag; a write with a stale ``If-Match``
    is refused (see ``conditional``). A query parameter the action does not read, or one given
    twice that cannot be repeated, is a 400 before anything else (see ``params``).

    A subclass's ``lookup_field`` is its model's natural key (a slug, a country's code, else the
    id) unless it sets one itself.
    """

    lookup_field = "slug"
    lookup_value_regex = "[^/.\x00]+"  # a NUL never reaches the database (PostgreSQL refuses it)
    filter_backends = [FilterBackend, StrictSearchFilter, StrictOrderingFilter]
    renderer_classes = [FastJSONRenderer, BrowsableAPIRenderer, CSVRenderer]
    parser_classes = [BoundedJSONParser]  # one body format (JSON, bounded: see ``parsers``)
    ordering_fields = ()
    fast_list: FastList | None = None  # JSON pages from plain rows (see ``FastList``)
    schema = RecordSchema()  # reads document fields= and brief= (see ``selection``)
    chosen = None  # the fields a read chose (``fields``, ``brief``), None for all

    def __init_subclass__(cls, **kwargs):
        super().__init_subclass__(**kwargs)
        queryset = cls.__dict__.get("queryset")
        if "lookup_field" not in cls.__dict__ and queryset is not None:
            cls.lookup_field = natural_key_field(queryset.model)

    def query_parameters(self):
        return record_view_parameters(self)

    def initial(self, request, *args, **kwargs):
        super().initial(request, *args, **kwargs)  # parameters checked, as_of parsed
        self.chosen = chosen_fields(self)

    def get_serializer(self, *args, **kwargs):
        return select(super().get_serializer(*args, **kwargs), self.chosen)

    # --- Reads: which representation answers ------------------------------------------------

    # (Comments, not docstrings: drf-spectacular would publish an action's docstring as the
    # operation's description in place of the resource's own.)

    def list(self, request, *args, **kwargs):
        # The one place a list's representation is chosen, in this order:
        # - CSV (format=csv): every matching row, streamed (built as the JSON pages are, a
        #   chunk at a time, for a resource declaring ``fast_list`` and no choice of fields);
        #   paging parameters are still checked, and as_of was refused before
        #   (HistoryMixin.initial);
        # - GeoJSON (format=geojson, where declared): every matching record as a feature,
        #   likewise (GeoJSONMixin);
        # - as_of: the records as they stood then, from the history tables;
        # - JSON from plain rows, for a resource declaring ``fast_list`` (not the browsable
        #   API, whose pages take the general path and show the same records, nor a choice of
        #   fields);
        # - the general path: the serializer over the filtered queryset, one page.
        renderer = request.accepted_renderer
        if renderer.format == CSVRenderer.format:
            self.paginator.check_parameters(request)  # ignored by CSV, but still checked
            if self.fast_list is not None and self.chosen is None:
                filtered = self.filtered_rows()
                return stream_csv(self, filtered, self.every_record(filtered, self.fast_list))
            return stream_csv(self, self.filter_queryset(self.get_queryset()))
        if renderer.format == GeoJSONRenderer.format:
            return self.geojson_list()
        if self.as_of is not None:
            return self.past_list(self.as_of)
        if (
            self.fast_list is not None
            and renderer.format == FastJSONRenderer.format
            and self.chosen is None  # fields= or brief=: the serializer chooses them
        ):
            return self.rows_list(request, self.fast_list)
        return super().list(request, *args, **kwargs)

    def retrieve(self, request, *args, **kwargs):
        # A record as it is now (a feature for GeoJSON), or with as_of as it stood then.
        if request.accepted_renderer.format == GeoJSONRenderer.format:
            return self.geojson_detail()
        if self.as_of is not None:
            return self.past_detail(self.as_of)
        return super().retrieve(request, *args, **kwargs)

    def rows_list(self, request, fast_list):
        """One page of the filtered records, built from ``fast_list.columns`` rows of the
        model's plain queryset (the page builder fetches what hangs off them itself).

        In two steps: the page's primary keys (filtered, counted, ordered and cut: from an
        index alone where one covers the filter and the ordering, so no row outside the page
        is read), then the records of those keys: each one's JSON kept from an earlier page of
        the same data generation (``record_cache``), or built from its row, read by a query
        compiled once (``page_rows``). Sorting a year's whole rows (their summaries, notes and
        routes) to keep fifty was most of a cold page's SQL, building the records most of its
        Python. A write committed between the two steps (they are two statements, as a page's
        children always were) shows in the page: a row deleted is left out, a row changed
        shows its new values. An indented page (``Accept: …; indent=N``) is built whole: a
        kept record is written without indentation."""
        filtered = self.filtered_rows()
        keys = [row["pk"] for row in self.paginate_queryset(filtered.values("pk"))]

        def build(wanted):
            return self.built(filtered, fast_list, wanted)

        if request.accepted_renderer.get_indent(request.accepted_media_type, {}):
            return self.get_paginated_response([record for _, record in build(keys)])
        records = RecordJSON(request, filtered.model)  # after the keys: see record_cache
        return self.get_paginated_response(records.page(keys, build))

    def filtered_rows(self):
        """The model's plain rows, filtered and ordered as the request asks: where a fast list
        starts (see ``FastList``), without the serializer's joins and prefetches."""
        return self.filter_queryset(self.get_queryset().model._default_manager.all())

    def built(self, filtered, fast_list, keys):
        """``(key, record)`` for ``keys`` (primary keys, in order), each record built by the
        page builder from its row; a key whose row is gone (deleted meanwhile) is left out."""
        model, key = filtered.model, filtered.model._meta.pk.attname
        found = page_rows(model, fast_list.columns)(keys, using=filtered.db)
        by_key = {row[key]: row for row in found}
        rows = [by_key[one] for one in keys if one in by_key]
        return zip([row[key] for row in rows], fast_list.page(rows, self.request), strict=True)

    def every_record(self, filtered, fast_list):
        """Every record of ``filtered``, in its order, built as a page's are: ``CSV_CHUNK``
        keys at a time, so a download of every patrol reads a fixed number of queries per
        chunk and holds one chunk in memory."""
        keys = filtered.values_list("pk", flat=True).iterator(chunk_size=CSV_CHUNK)
        while chunk := list(itertools.islice(keys, CSV_CHUNK)):
            for _, record in self.built(filtered, fast_list, chunk):
                yield record

    # --- Writes -----------------------------------------------------------------------------

    @transaction.atomic
    def create(self, request, *args, **kwargs):
        serializer = self.get_serializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        instance = serializer.save()
        return Response(self.read_back(instance), status=status.HTTP_201_CREATED)

    @transaction.atomic
    def update(self, request, *args, **kwargs):
        partial = kwargs.pop("partial", False)
        record = self.get_object_to_change()
        serializer = self.get_serializer(record, data=request.data, partial=partial)
        serializer.is_valid(raise_exception=True)
        return Response(self.read_back(serializer.save()))

    @transaction.atomic
    def destroy(self, request, *args, **kwargs):
        self.perform_destroy(self.get_object_to_change())
        return Response(status=status.HTTP_204_NO_CONTENT)

    # The app's service that deletes a record and holds the rules spanning rows (raising a
    # Django ValidationError, answered as a 400); None: a plain delete.
    destroy_service = None

    def perform_destroy(self, instance):
        if self.destroy_service is None:
            return super().perform_destroy(instance)
        return self.destroy_service(instance)

    def read_back(self, instance):
        return self.get_serializer(self.get_queryset().get(pk=instance.pk)).data

    def finalize_response(self, request, response, *args, **kwargs):
        """Errors are JSON even when CSV or GeoJSON was asked for: a client must be able to read
        them (as JSON, not as a map)."""
        renderer = getattr(request, "accepted_renderer", None)
        if response.status_code >= 400 and isinstance(renderer, CSVRenderer | GeoJSONRenderer):
            request.accepted_renderer = FastJSONRenderer()
            request.accepted_media_type = FastJSONRenderer.media_type
        return super().finalize_response(request, response, *args, **kwargs)
