"""Signal handlers of the reference app.

- A citation or claim is part of the record it is attached to: saving or deleting one touches the
  record's ``updated_at``, so "has anyone changed this record since?" (asked by the data loader
  and, later, by conflict checks) sees edits made through the citation or claim screens too.
- A write through the API may say why in an ``X-Change-Reason`` header; every version the
  request saves (a patrol and its participations alike) carries it, unless the code saving it
  gave its own reason.
- After every ``migrate`` the Curators group is brought up to date, so a model added later gets
  its curator permissions without a hand-written data migration.
"""

from django.apps import apps as global_apps
from django.contrib.contenttypes.models import ContentType
from django.utils import timezone
from simple_history.models import HistoricalRecords

from .history import default_change_reason
from .permissions import DATA_APPS, sync_curators_group


def touch(model, pk):
    """Mark a record as changed now, without saving (or validating) the rest of it."""
    model._default_manager.filter(pk=pk).update(updated_at=timezone.now())


def touch_attached_record(sender, instance, raw=False, origin=None, **kwargs):
    if raw or instance.content_type_id is None:
        return  # loaddata restores records as they were, timestamps included
    model = ContentType.objects.get_for_id(instance.content_type_id).model_class()
    if model is None or not any(f.name == "updated_at" for f in model._meta.concrete_fields):
        return
    if isinstance(origin, model) and origin.pk == instance.object_id:
        return  # the record itself is being deleted, taking its citations with it
    touch(model, instance.object_id)


CHANGE_REASON_HEADER = "X-Change-Reason"
CHANGE_REASON_MAX_LENGTH = 500


def reason_from_request(sender, history_instance, **kwargs):
    if history_instance.history_change_reason:
        return
    request = getattr(HistoricalRecords.context, "request", None)
    reason = request.headers.get(CHANGE_REASON_HEADER, "").strip() if request else ""
    reason = reason or default_change_reason()  # the API refuses one over the maximum
    if reason:
        history_instance.history_change_reason = reason


def sync_curators_after_migrate(sender, apps=global_apps, using="default", **kwargs):
    # post_migrate is sent once per app; wait for the last data app, whose permissions
    # are created just before this handler runs.
    if sender.label == DATA_APPS[-1]:
        sync_curators_group(apps, using=using)
