"""A citation or claim is part of the record it is attached to: saving or deleting one touches the
record's ``updated_at``, so "has anyone changed this record since?" (asked by the data loader and
by conflict checks) sees edits made through the citation or claim screens too."""

from django.contrib.contenttypes.models import ContentType

from core.history import touch


def touch_attached_record(sender, instance, raw=False, origin=None, **kwargs):
    if raw or instance.content_type_id is None:
        return  # loaddata restores records as they were, timestamps included
    model = ContentType.objects.get_for_id(instance.content_type_id).model_class()
    if model is None or not any(f.name == "updated_at" for f in model._meta.concrete_fields):
        return
    if isinstance(origin, model) and origin.pk == instance.object_id:
        return  # the record itself is being deleted, taking its citations with it
    touch(model, instance.object_id)
