"""GeoJSON (RFC 7946) for maps: ``?format=geojson`` on the list and the record of a resource
whose records have a geometry, and a 400 naming ``format`` for a format an endpoint does not
answer.

A resource offers it by declaring ``geojson = GeoJSON(records, feature)`` on its viewset:
``records()`` is the queryset the features are built from (it owns its ``select_related`` and
``prefetch_related``, so a list costs a fixed number of queries whatever its length) and
``feature(record, urls)`` turns one record into a Feature,
``{"type": "Feature", "id": …, "geometry": … or None, "properties": {…}}``, ``urls`` building
API URLs (``core.api.fields.ResourceURLs``). How a record becomes a feature is its app's business
(``<app>/api/geojson.py``); nothing here knows a patrol from a region.

- A list answers a ``FeatureCollection`` of every matching record, with the same filters, search
  and ordering as its JSON, and no pagination envelope (like CSV: the paging parameters are
  checked, then ignored), plus ``count`` (the matching records) and ``unmapped`` (those of them
  whose geometry is null: every record is a feature, so a client sees what is not mapped). It is
  a download: ``Content-Disposition: attachment; filename="<resource>.geojson"``.
- A record answers one Feature. Its ETag is weak and marked ``geojson`` (``conditional``),
  computed over the feature itself, which may show more than the record's JSON (a patrol's
  regions' shapes), so a 304 never keeps a stale map.
- ``as_of``, ``fields`` and ``brief`` are JSON's (and CSV's): with GeoJSON each is a 400 naming
  it (a feature's properties are fixed; the records as they stood answer in JSON only).
- Errors stay JSON (``application/json``), as for CSV.

A format an endpoint does not answer (``xml``; ``geojson`` on a resource without geometries, or
on ``history/``) used to be DRF's 404, which reads as "no such record". It is a 400 naming
``format`` and the formats the endpoint answers, in the same answer as any other refused query
parameter, after authentication, permissions and throttling (``StrictFormatMixin``).
"""

from collections.abc import Callable
from dataclasses import dataclass

from django.db.models import QuerySet
from django.http import Http404
from rest_framework.exceptions import ValidationError
from rest_framework.generics import get_object_or_404
from rest_framework.renderers import BaseRenderer
from rest_framework.response import Response
from rest_framework.settings import api_settings

from ..geojson import GEOMETRY_TYPES
from .fields import ResourceURLs
from .history import AS_OF
from .renderers import dumps
from .selection import BRIEF, FIELDS

MEDIA_TYPE = "application/geo+json"
FORMAT = "geojson"
GEOJSON_ACTIONS = ("list", "retrieve")  # not history/, stats/ or writes


class GeoJSONRenderer(BaseRenderer):
    """Selected by ``?format=geojson`` (or ``Accept: application/geo+json``) where a resource
    declares ``geojson``; renders the Feature or FeatureCollection the view built, exactly
    (coordinates as stored: no rounding)."""

    media_type = MEDIA_TYPE
    format = FORMAT
    charset = None  # JSON is UTF-8 (RFC 8259); no charset parameter, as for application/json

    def render(self, data, accepted_media_type=None, renderer_context=None):
        return b"" if data is None else dumps(data)


@dataclass(frozen=True)
class GeoJSON:
    """What a viewset declares to answer GeoJSON (the module's docstring)."""

    records: Callable[[], QuerySet]
    feature: Callable[[object, ResourceURLs], dict]


def feature_collection(features):
    """RFC 7946's FeatureCollection, with ``count`` and ``unmapped`` (foreign members, which
    RFC 7946 §6.1 allows)."""
    return {
        "type": "FeatureCollection",
        "count": len(features),
        "unmapped": sum(feature["geometry"] is None for feature in features),
        "features": features,
    }


def unanswered(format_, formats):
    """What a 400 says of a format the endpoint does not answer."""
    if format_ == FORMAT:
        return (
            "This endpoint does not answer geojson: only the lists and records of resources "
            f"with geometries do. Use one of: {', '.join(formats)}."
        )
    return f"This endpoint does not answer {format_!r}. Use one of: {', '.join(formats)}."


class StrictFormatMixin:
    """A ``format`` the endpoint has no renderer for is a 400 naming ``format`` (not DRF's
    404), joined to any other refused parameter (``params``); a format given in the URL's
    suffix (not used here) keeps DRF's 404."""

    refused_format = None

    def perform_content_negotiation(self, request, force=False):
        try:
            return super().perform_content_negotiation(request, force)
        except Http404:
            self.refused_format = request.query_params.get(api_settings.URL_FORMAT_OVERRIDE)
            if self.refused_format is None:
                raise
            return super().perform_content_negotiation(request, force=True)  # errors in JSON

    def initial(self, request, *args, **kwargs):
        try:
            super().initial(request, *args, **kwargs)  # negotiates, then checks the parameters
        except ValidationError as error:  # the parameters' own refusal (a format given twice)
            if self.refused_format is not None and isinstance(error.detail, dict):
                raise ValidationError({**self.format_refusal(), **error.detail}) from None
            raise
        if self.refused_format is not None:
            raise ValidationError(self.format_refusal())

    def format_refusal(self):
        formats = [renderer.format for renderer in self.get_renderers()]
        return {api_settings.URL_FORMAT_OVERRIDE: [unanswered(self.refused_format, formats)]}


class GeoJSONMixin(StrictFormatMixin):
    """For ``RecordViewSet``: GeoJSON on the list and record of a viewset declaring ``geojson``
    (``RecordViewSet.list`` and ``retrieve`` call ``geojson_list`` and ``geojson_detail``)."""

    geojson: GeoJSON | None = None

    def get_renderers(self):
        renderers = super().get_renderers()
        if self.geojson is not None and getattr(self, "action", None) in GEOJSON_ACTIONS:
            renderers.append(GeoJSONRenderer())
        return renderers

    def initial(self, request, *args, **kwargs):
        """``as_of``, ``fields`` and ``brief`` answer in JSON (and CSV) only."""
        super().initial(request, *args, **kwargs)
        if not self.answers_geojson():
            return
        refusals = {
            name: [message]
            for name, message in (
                (AS_OF, "as_of answers in JSON only."),
                (FIELDS, "fields chooses JSON and CSV fields: a feature's properties are fixed."),
                (BRIEF, "brief chooses JSON and CSV fields: a feature's properties are fixed."),
            )
            if request.query_params.get(name)
        }
        if refusals:
            raise ValidationError(refusals)

    def answers_geojson(self):
        renderer = getattr(self.request, "accepted_renderer", None)
        return isinstance(renderer, GeoJSONRenderer)

    def geojson_list(self):
        """Every matching record as a feature: the list's filters, search and ordering, no
        page (the paging parameters are still checked)."""
        self.paginator.check_parameters(self.request)
        records = self.filter_queryset(self.geojson.records())
        urls = ResourceURLs(self.request)
        features = [self.geojson.feature(record, urls) for record in records]
        name = self.request.path.rstrip("/").rsplit("/", 1)[-1]  # /api/v1/regions/ -> regions
        return Response(
            feature_collection(features),
            headers={"Content-Disposition": f'attachment; filename="{name}.{FORMAT}"'},
        )

    def geojson_detail(self):
        """The record the URL names, as one feature."""
        lookup_url_kwarg = self.lookup_url_kwarg or self.lookup_field
        record = get_object_or_404(
            self.geojson.records(), **{self.lookup_field: self.kwargs[lookup_url_kwarg]}
        )
        self.check_object_permissions(self.request, record)
        return Response(self.geojson.feature(record, ResourceURLs(self.request)))


# --- The schema (``core.api.schema.document_formats`` calls ``document_geojson``) --------------

FORMAT_DESCRIPTIONS = {
    "list": (
        " geojson: every matching record (not one page) as a GeoJSON FeatureCollection "
        "(application/geo+json), a record without a known geometry as a feature whose geometry "
        "is null; count gives the records, unmapped those without a geometry. Not with "
        "fields, brief or as_of (a 400)."
    ),
    "detail": (
        " geojson: this record as a GeoJSON Feature (application/geo+json). Not with fields, "
        "brief or as_of (a 400)."
    ),
}
FEATURE_SCHEMA = {
    "type": "object",
    "description": "A record as an RFC 7946 Feature.",
    "properties": {
        "type": {"type": "string", "enum": ["Feature"]},
        "id": {"type": "string", "description": "The record's slug."},
        "geometry": {
            "type": "object",
            "nullable": True,
            "description": "An RFC 7946 geometry, coordinates as stored; null where none is known.",
            "properties": {"type": {"type": "string", "enum": list(GEOMETRY_TYPES)}},
            "required": ["type"],
        },
        "properties": {
            "type": "object",
            "description": "The record's slug, name and API url, and what a map shows of it.",
            "additionalProperties": True,
        },
    },
    "required": ["type", "id", "geometry", "properties"],
}
COLLECTION_SCHEMA = {
    "type": "object",
    "description": "Every matching record as an RFC 7946 FeatureCollection (no pages).",
    "properties": {
        "type": {"type": "string", "enum": ["FeatureCollection"]},
        "count": {"type": "integer", "description": "The matching records, one feature each."},
        "unmapped": {"type": "integer", "description": "Features whose geometry is null."},
        "features": {"type": "array", "items": {"$ref": "#/components/schemas/GeoJSONFeature"}},
    },
    "required": ["type", "count", "unmapped", "features"],
}


def document_geojson(result, operation, kind):
    """An operation answering GeoJSON (its renderers offer it) documents what it answers: a
    Feature for a record, a FeatureCollection for a list (``kind``), in place of the
    serializer's schema drf-spectacular gave that media type."""
    content = operation["responses"].get("200", {}).get("content", {}).get(MEDIA_TYPE)
    if content is None:
        return
    schemas = result.setdefault("components", {}).setdefault("schemas", {})
    schemas.setdefault("GeoJSONFeature", FEATURE_SCHEMA)
    schemas.setdefault("GeoJSONFeatureCollection", COLLECTION_SCHEMA)
    name = "GeoJSONFeature" if kind == "detail" else "GeoJSONFeatureCollection"
    content["schema"] = {"$ref": f"#/components/schemas/{name}"}
