"""Signal handlers of the reference app.

- A citation or claim is part of the record it is attached to: saving or deleting one touches the
  record's ``updated_at``, so "has anyone changed this record since?" (asked by the data loader
  and, later, by conflict checks) sees edits made through the citation or claim screens too.
- After every ``migrate`` the Curators group is brought up to date, so a model added later gets
  its curator permissions without a hand-written data migration.
"""

from django.apps import apps as global_apps
from django.utils import timezone

from .permissions import DATA_APPS, sync_curators_group


def touch_attached_record(sender, instance, **kwargs):
    model = instance.content_type.model_class() if instance.content_type_id else None
    if model is not None and any(f.name == "updated_at" for f in model._meta.concrete_fields):
        model._default_manager.filter(pk=instance.object_id).update(updated_at=timezone.now())


def sync_curators_after_migrate(sender, apps=global_apps, **kwargs):
    # post_migrate is sent once per app; wait for the last data app, whose permissions
    # are created just before this handler runs.
    if sender.label == DATA_APPS[-1]:
        sync_curators_group(apps)
