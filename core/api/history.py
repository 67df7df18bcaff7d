"""A record's versions over the API, and records as they stood at a past moment (``as_of``).

Every resource gets ``<record>/history/``; ``as_of`` is switched on per resource with
``as_of_enabled`` (patrols and aircraft types, whose past state researchers cite). This mixin
parses ``as_of`` and answers with the past records (``past_list``, ``past_detail``); whether a
read is answered from the past is decided with the other representations, in
``RecordViewSet.list`` and ``retrieve``.
"""

import datetime

from django.contrib.auth import get_permission_codename
from django.core.exceptions import ValidationError as DjangoValidationError
from django.db.models import Q
from django.http import Http404
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import serializers
from rest_framework.decorators import action
from rest_framework.exceptions import ValidationError
from rest_framework.permissions import SAFE_METHODS
from rest_framework.renderers import BrowsableAPIRenderer
from rest_framework.response import Response

from .. import dates
from ..history import (
    CHANGE_REASON_HEADER,
    CHANGE_REASON_MAX_LENGTH,
    HISTORY_TYPES,
    attach_as_of,
    snapshot,
    with_changes,
)
from .renderers import FastJSONRenderer

AS_OF = "as_of"
# What may come with as_of: it answers from the history tables, which the filters do not know.
AS_OF_COMPANIONS = {AS_OF, "page", "page_size", "format", "fields", "brief"}
# The earliest and latest moments, for an as_of an offset moves beyond them (the answer there is
# the answer at them: no version is older than the first or newer than the last).
PAST_ANY_VERSION = (
    datetime.datetime.min.replace(tzinfo=datetime.UTC),
    datetime.datetime.max.replace(tzinfo=datetime.UTC),
)

AS_OF_PARAMETER = OpenApiParameter(
    AS_OF,
    OpenApiTypes.DATETIME,  # format: date-time
    description=(
        "An ISO 8601 date and time (e.g. 2025-01-31T12:00:00Z; without an offset, UTC): answer "
        "with the records as they stood then. A record deleted since is shown; one created "
        "later is not. Cannot be combined with filters, search or ordering; answers in JSON "
        "only (not with format=csv or geojson)."
    ),
)

AS_OF_SCHEMA = extend_schema(parameters=[AS_OF_PARAMETER])


class ChangeSerializer(serializers.Serializer):
    field = serializers.CharField(help_text="The field as this resource names it.")
    old = serializers.JSONField(allow_null=True, help_text="Related records by id.")
    new = serializers.JSONField(allow_null=True, help_text="Related records by id.")


class VersionSerializer(serializers.Serializer):
    """One saved version: who, when, why, and which fields it changed."""

    version = serializers.IntegerField(source="history_id")
    date = serializers.DateTimeField(source="history_date")
    type = serializers.ChoiceField(
        choices=list(HISTORY_TYPES.values()),
        source="history_kind",
        help_text="created, changed or deleted.",
    )
    user = serializers.SerializerMethodField(
        help_text=(
            "Who saved it; shown only to users who may change the record (usernames are "
            "admin logins), else null."
        )
    )
    reason = serializers.CharField(source="history_change_reason", allow_null=True)
    changes = ChangeSerializer(many=True)

    def get_user(self, version) -> str | None:
        request = self.context.get("request")
        if request is None or not version.history_user:
            return None
        opts = version.instance_type._meta
        if not request.user.has_perm(f"{opts.app_label}.{get_permission_codename('change', opts)}"):
            return None
        return version.history_user.get_username()


class HistoryMixin:
    """``history/`` on every record; ``as_of`` parsed (``self.as_of``) and answered
    (``past_list``, ``past_detail``) on the lists and details that enable it."""

    as_of_enabled = False

    @extend_schema(
        parameters=[],
        responses=VersionSerializer(many=True),
        description="The record's versions, newest first, each with the fields it changed.",
    )
    @action(
        detail=True,
        filter_backends=[],
        renderer_classes=[FastJSONRenderer, BrowsableAPIRenderer],
    )
    def history(self, request, **kwargs):
        """A record's versions, newest first. A deleted record's versions are still here."""
        model = self.get_queryset().model
        versions = model.history.filter(id=self.record_id(model)).select_related("history_user")
        page = self.paginate_queryset(versions.order_by("-history_date", "-history_id"))
        if page:
            earlier = versions.filter(
                Q(history_date__lt=page[-1].history_date)
                | Q(history_date=page[-1].history_date, history_id__lt=page[-1].history_id)
            )
            previous = earlier.order_by("-history_date", "-history_id").first()
            page = self.describe_versions([*page, previous] if previous else page)[: len(page)]
        return self.get_paginated_response(
            VersionSerializer(page, many=True, context={"request": request}).data
        )

    def record_id(self, model):
        """The record the URL names: now, or (deleted since) as its last version named it."""
        value = self.kwargs[self.lookup_url_kwarg or self.lookup_field]
        # A history row's own pk is its version number: the record's id is its ``id`` column.
        field = "id" if self.lookup_field == "pk" else self.lookup_field
        try:
            found = model._default_manager.filter(**{field: value}).values_list("pk", flat=True)
            found = found.first()
            if found is None:
                found = (
                    model.history.filter(**{field: value})
                    .order_by("-history_date")
                    .values_list("id", flat=True)
                    .first()
                )
        except (ValueError, TypeError, DjangoValidationError):
            found = None  # not a key of this kind at all ("abc" for an id)
        if found is None:
            raise Http404
        return found

    def describe_versions(self, versions):
        renamed = self.get_serializer().api_names()
        described = []
        for version, changes in with_changes(versions):
            version.history_kind = HISTORY_TYPES[version.history_type]
            version.changes = [
                {**change, "field": renamed.get(change["field"], change["field"])}
                for change in changes
            ]
            described.append(version)
        return described

    # --- as_of -----------------------------------------------------------------------------

    def initial(self, request, *args, **kwargs):
        """Check ``as_of`` and ``X-Change-Reason`` before any handler runs (after the
        permission checks), so every path, CSV included, refuses them alike."""
        super().initial(request, *args, **kwargs)
        self.as_of = self.parse_as_of() if self.action in ("list", "retrieve") else None
        reason = request.headers.get(CHANGE_REASON_HEADER, "")
        if request.method not in SAFE_METHODS and len(reason.strip()) > CHANGE_REASON_MAX_LENGTH:
            raise ValidationError(
                {CHANGE_REASON_HEADER: [f"At most {CHANGE_REASON_MAX_LENGTH} characters."]}
            )

    def parse_as_of(self):
        """The moment ``as_of`` names, or None without one: ``core.dates``' one ISO 8601
        spelling (UTC when it gives no offset). A date alone is refused, not read as a
        midnight: "as of 2025-01-31" could as well mean that day's end."""
        raw = self.request.query_params.get(AS_OF)
        if not self.as_of_enabled or raw in (None, ""):
            return None
        try:
            moment = dates.parse_datetime(raw.strip(), offset_required=False)
        except dates.NotISO as error:
            raise ValidationError({AS_OF: [str(error)]}) from None
        try:
            moment = moment.astimezone(datetime.UTC)
        except OverflowError:  # an offset moves it past year 1 or 9999: no version is there
            moment = PAST_ANY_VERSION[moment.year > 1]
        others = sorted(set(self.request.query_params) - AS_OF_COMPANIONS)
        if others:
            raise ValidationError({AS_OF: [f"as_of cannot be combined with: {', '.join(others)}."]})
        if self.request.accepted_renderer.format == "csv":
            raise ValidationError({AS_OF: ["as_of answers in JSON only."]})
        return moment

    def past_records(self, moment):
        model = self.get_queryset().model
        ordering = [name for name in model._meta.ordering if name.lstrip("-") != "pk"]
        return snapshot(model, moment).order_by(*ordering, "id")

    def with_past_relations(self, records, moment):
        model = self.get_queryset().model
        return attach_as_of(records, moment, model.as_of_relations(), model.as_of_follow)

    def past_list(self, moment):
        """One page of the records as they stood at ``moment`` (``RecordViewSet.list`` calls
        it for ``as_of``)."""
        page = self.paginate_queryset(self.past_records(moment))
        self.with_past_relations(page, moment)
        return self.get_paginated_response(self.get_serializer(page, many=True).data)

    def past_detail(self, moment):
        """The record the URL names as it stood at ``moment``, deleted since or not
        (``RecordViewSet.retrieve`` calls it for ``as_of``); 404 if it did not exist then."""
        model = self.get_queryset().model
        record = self.past_records(moment).filter(id=self.record_id(model)).first()
        if record is None:
            raise Http404
        self.with_past_relations([record], moment)
        return Response(self.get_serializer(record).data)
