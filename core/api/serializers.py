"""The serializer base every resource builds on, and JSON-strict field types.

``RecordSerializer`` validates a write with the model's own rules (``full_clean()``), so the API
refuses what the admin refuses; errors come back keyed by the API's own field names. Its fields
take their own JSON type only, and dates their one ISO 8601 spelling (``core.dates``).
"""

import copy
import datetime

from django.core.exceptions import NON_FIELD_ERRORS
from django.core.exceptions import ValidationError as DjangoValidationError
from rest_framework import serializers
from rest_framework.exceptions import PermissionDenied
from rest_framework.settings import api_settings

from .. import dates


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


class StrictCharField(StrictJSONType, serializers.CharField):
    json_types = (str,)


class StrictSlugField(StrictJSONType, serializers.SlugField):
    json_types = (str,)


class StrictURLField(StrictJSONType, serializers.URLField):
    json_types = (str,)


class StrictIntegerField(StrictJSONType, serializers.IntegerField):
    json_types = (int,)


class StrictBooleanField(StrictJSONType, serializers.BooleanField):
    json_types = (bool,)
    default_error_messages = {"invalid": "Must be true or false."}


class StrictDateField(serializers.DateField):
    """``YYYY-MM-DD`` only: DRF's ISO 8601 reading (``django.utils.dateparse``) also takes
    ``2024-1-2``, ``20240102``, week dates and other scripts' digits."""

    def to_internal_value(self, value):
        if isinstance(value, datetime.date) and not isinstance(value, datetime.datetime):
            return value  # from Python, not JSON: already a date
        try:
            return dates.parse_date(value)
        except dates.NotISO as error:
            raise serializers.ValidationError(str(error), code="invalid") from None


class StrictDateTimeField(serializers.DateTimeField):
    """``YYYY-MM-DDTHH:MM[:SS[.ffffff]]`` with ``Z`` or ``±HH:MM`` only: a moment without its
    offset would be read in the server's time zone."""

    def to_internal_value(self, value):
        if isinstance(value, datetime.datetime) and value.tzinfo is not None:
            return self.enforce_timezone(value)  # from Python, not JSON
        try:
            return self.enforce_timezone(dates.parse_datetime(value))
        except dates.NotISO as error:
            raise serializers.ValidationError(str(error), code="invalid") from None


STRICT_FIELDS = {
    serializers.DateField: StrictDateField,
    serializers.DateTimeField: StrictDateTimeField,
    serializers.CharField: StrictCharField,
    serializers.SlugField: StrictSlugField,
    serializers.URLField: StrictURLField,
    serializers.IntegerField: StrictIntegerField,
    serializers.BooleanField: StrictBooleanField,
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
        # What clean() normalised (an empty choice read as "unknown") is what gets saved.
        return {
            name: getattr(candidate, name) if name in concrete else value
            for name, value in attrs.items()
        }

    def to_internal_value(self, data):
        """A body naming a field the resource does not have is refused, naming it: a
        misspelt ``aircraft_cuont`` would otherwise be dropped and the write stored without
        it. Fields the resource shows but does not take (``url``, ``created_at``) may be sent
        back as read."""
        if isinstance(data, dict):
            unknown = sorted(str(name) for name in data if name not in self.fields)
            if unknown:
                known = ", ".join(
                    name for name, field in self.fields.items() if not field.read_only
                )
                raise serializers.ValidationError(
                    {
                        name: [f"This resource has no field {name!r}; it takes: {known}."]
                        for name in unknown
                    }
                )
        return super().to_internal_value(data)

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
