"""Fields for provenance: the kind of record a citation or claim is attached to, and the record."""

from django.contrib.contenttypes.models import ContentType
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from core.api.fields import LinksToResources
from core.models import natural_key_field

from ..provenance import fact_record_models


def record_label(model):
    """``app_label.model``, how a fact record's kind is named in citations and claims."""
    return f"{model._meta.app_label}.{model._meta.model_name}"


class RecordKindField(serializers.ChoiceField):
    """The kind of fact record a citation or claim is attached to, as ``app_label.model``.

    The kinds are every ``SourcedModel`` installed, found when the field is built (this app
    imports no other, so it cannot list them itself).
    """

    def __init__(self, **kwargs):
        self.models = {record_label(model): model for model in fact_record_models()}
        super().__init__(choices=sorted(self.models), **kwargs)

    def to_internal_value(self, data):
        label = super().to_internal_value(data)
        return ContentType.objects.get_for_model(self.models[label])

    def to_representation(self, content_type):
        return f"{content_type.app_label}.{content_type.model}"


@extend_schema_field(
    {
        "type": "object",
        "readOnly": True,
        "nullable": True,
        "description": "The record cited or disputed (null if it no longer exists).",
        "properties": {
            "type": {"type": "string"},
            "id": {"type": "integer"},
            "key": {"type": "string"},
            "name": {"type": "string"},
            "url": {"type": "string", "format": "uri"},
        },
        "required": ["type", "id", "key", "name", "url"],
    }
)
class AttachedRecordField(LinksToResources, serializers.Field):
    """The fact record a citation or claim is attached to, compact."""

    def __init__(self, **kwargs):
        kwargs.update(read_only=True, source="content_object")
        super().__init__(**kwargs)

    def to_representation(self, record):
        model = type(record)
        key = getattr(record, natural_key_field(model))
        return {
            "type": record_label(model),
            "id": record.pk,
            "key": str(key),
            "name": str(record),
            "url": self.resource_url(model._meta.model_name, key),
        }
