"""The bases every resource is built from: one serializer base, one viewset base.

A resource is then a declaration: a serializer listing its fields and a one-line viewset naming
its queryset, serializer, filterset and search fields.
"""

import copy

from django.core.exceptions import NON_FIELD_ERRORS
from django.core.exceptions import ValidationError as DjangoValidationError
from django.db import transaction
from django_filters.rest_framework import DjangoFilterBackend
from rest_framework import serializers, status, viewsets
from rest_framework.exceptions import PermissionDenied
from rest_framework.parsers import JSONParser
from rest_framework.renderers import BrowsableAPIRenderer
from rest_framework.response import Response
from rest_framework.settings import api_settings

from ..models import Citation, Confidence, Source, cite
from .conditional import ConditionalRequestsMixin
from .csv import CSVRenderer, stream_csv
from .fields import CompactRelatedField
from .filtering import StrictOrderingFilter, StrictSearchFilter
from .history import HistoryMixin
from .renderers import FastJSONRenderer


class StrictJSONType:
    """A field takes its own JSON type only: DRF would quietly read ``0`` as text, ``"5"`` as a
    number and ``0`` as false, so a client's mistake would be stored as something it never meant.
    """

    json_types = ()

    def to_internal_value(self, data):
        if isinstance(data, bool) != (bool in self.json_types) or not isinstance(
            data, self.json_types
        ):
            self.fail("invalid")
        return super().to_internal_value(data)


class CharField(StrictJSONType, serializers.CharField):
    json_types = (str,)


class SlugField(StrictJSONType, serializers.SlugField):
    json_types = (str,)


class URLField(StrictJSONType, serializers.URLField):
    json_types = (str,)


class IntegerField(StrictJSONType, serializers.IntegerField):
    json_types = (int,)


class BooleanField(StrictJSONType, serializers.BooleanField):
    json_types = (bool,)
    default_error_messages = {"invalid": "Must be true or false."}


STRICT_FIELDS = {
    serializers.CharField: CharField,
    serializers.SlugField: SlugField,
    serializers.URLField: URLField,
    serializers.IntegerField: IntegerField,
    serializers.BooleanField: BooleanField,
}


class RecordSerializer(serializers.ModelSerializer):
    """Validates a write with the model's own rules, so the API refuses what the admin refuses.

    ``full_clean()`` runs the field validators, ``clean()`` (rules spanning rows) and every
    UNIQUE and CHECK constraint on the record as it would be saved; its errors come back keyed
    by field name. ``clean_exclude`` names model fields the serializer does not set (a nested
    participation's patrol, which does not exist until the patrol is saved).
    """

    clean_exclude = ()
    serializer_field_mapping = {
        model_field: STRICT_FIELDS.get(field, field)
        for model_field, field in serializers.ModelSerializer.serializer_field_mapping.items()
    }

    def validate(self, attrs):
        attrs = super().validate(attrs)
        model = self.Meta.model
        candidate = copy.copy(self.instance) if self.instance is not None else model()
        concrete = {field.name for field in model._meta.concrete_fields}
        for name, value in attrs.items():
            if name in concrete:
                setattr(candidate, name, value)
        try:
            candidate.full_clean(exclude=list(self.clean_exclude))
        except DjangoValidationError as error:
            raise serializers.ValidationError(self.named_as_in_api(error)) from error
        return attrs

    def require_permissions(self, model, *actions):
        """Writing nested records needs their own model permissions, not only the parent's."""
        request = self.context.get("request")
        names = [f"{model._meta.app_label}.{action}_{model._meta.model_name}" for action in actions]
        if request is not None and not request.user.has_perms(names):
            raise PermissionDenied(
                f"Writing {model._meta.verbose_name_plural} needs {', '.join(names)}."
            )

    def api_names(self):
        """Model field name → API field name, where they differ (a source's ``url`` is
        ``link``): for errors and history, which the model reports by its own names."""
        return {
            field.source: name
            for name, field in self.fields.items()
            if field.source not in (name, "*")
        }

    def named_as_in_api(self, error):
        """Key model errors by the API's field names."""
        return model_errors(error, self.api_names())


def model_errors(error, renamed=None):
    """A model ValidationError as the API reports it: by field, with ``non_field_errors``."""
    renamed = {NON_FIELD_ERRORS: api_settings.NON_FIELD_ERRORS_KEY, **(renamed or {})}
    errors = serializers.as_serializer_error(error)
    return {renamed.get(key, key): messages for key, messages in errors.items()}


class ClaimBriefSerializer(serializers.Serializer):
    """A claim as shown inside the record it is about."""

    id = serializers.IntegerField(read_only=True)
    field = serializers.CharField(read_only=True, help_text="Empty: about the record as a whole.")
    value = serializers.CharField(read_only=True)
    source = CompactRelatedField("source", name_attr="title", read_only=True)
    confidence = serializers.ChoiceField(choices=Confidence.choices, read_only=True)
    note = serializers.CharField(read_only=True)


class SourcedSerializer(RecordSerializer):
    """A fact record: its sources (written as a list of source slugs), claims and dispute state."""

    sources = CompactRelatedField(
        "source",
        name_attr="title",
        many=True,
        required=False,
        queryset=Source.objects.all(),
        help_text="The sources the record cites; written as a list of source slugs.",
    )
    claims = ClaimBriefSerializer(
        source="claim_list",
        many=True,
        read_only=True,
        help_text="Other values other sources report.",
    )
    disputed = serializers.BooleanField(
        source="is_disputed",
        read_only=True,
        help_text="Marked disputed, or carrying a claim from another source.",
    )

    def create(self, validated_data):
        sources = validated_data.pop("sources", None)
        return self.write_sources(super().create(validated_data), sources)

    def update(self, instance, validated_data):
        sources = validated_data.pop("sources", None)
        return self.write_sources(super().update(instance, validated_data), sources)

    def write_sources(self, record, sources):
        if sources is not None:
            self.require_permissions(Citation, "add", "delete")
            cite(record, sources)
        return record


class RecordViewSet(ConditionalRequestsMixin, HistoryMixin, viewsets.ModelViewSet):
    """List and detail for everyone; writes for users holding the model's permission.

    Writes run in one transaction and answer with the record read back through the list's own
    queryset, so a write returns exactly what a read would. ``?format=csv`` on a list streams
    every matching row, not one page. Records carry an ETag; a write with a stale ``If-Match``
    is refused (see ``conditional``).
    """

    lookup_field = "slug"
    lookup_value_regex = "[^/.\x00]+"  # a NUL never reaches the database (PostgreSQL refuses it)
    filter_backends = [DjangoFilterBackend, StrictSearchFilter, StrictOrderingFilter]
    renderer_classes = [FastJSONRenderer, BrowsableAPIRenderer, CSVRenderer]
    parser_classes = [JSONParser]  # one body format, so a request means one thing
    ordering_fields = ()

    def list(self, request, *args, **kwargs):
        if request.accepted_renderer.format == CSVRenderer.format:
            self.paginator.check_parameters(request)  # ignored by CSV, but still checked
            return stream_csv(self, self.filter_queryset(self.get_queryset()))
        return super().list(request, *args, **kwargs)

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

    def read_back(self, instance):
        return self.get_serializer(self.get_queryset().get(pk=instance.pk)).data

    def finalize_response(self, request, response, *args, **kwargs):
        """Errors are JSON even when CSV was asked for: a client must be able to read them."""
        renderer = getattr(request, "accepted_renderer", None)
        if response.status_code >= 400 and isinstance(renderer, CSVRenderer):
            request.accepted_renderer = FastJSONRenderer()
            request.accepted_media_type = FastJSONRenderer.media_type
        return super().finalize_response(request, response, *args, **kwargs)
