"""The data set's version, sent in ``X-Dataset-Version`` on every API answer so that a
researcher can cite the state a result came from.

``export_dataset``'s digest names a state exactly but costs a read of every record; an answer
needs something cheaper that is just as exact. So one row, ``DatasetVersion``, counts writes: every
save or delete of a data model's record (its history rows aside), every change to a many-to-many
link between them, and every bulk creation by the loader steps it up by one, in the same
transaction as the write (a write rolled back takes its step back; two workers never disagree,
since the number is read from the database, not from a per-process or shared cache whose outage
or lag could show a stale number). Reading it is one query on a one-row table.

The API's middleware, in ``core``, cannot import this floor: it calls the function the setting
``DATASET_VERSION_CALLABLE`` names (``curation.version.current``).
"""

from django.db.models import F
from django.db.models.signals import m2m_changed, post_delete, post_save

from core.apps import data_app_configs

from .models import DatasetVersion

ROW = 1  # the one row's id


def current():
    """The data set's version now, as the header gives it (``"0"`` before any write)."""
    number = DatasetVersion.objects.filter(pk=ROW).values_list("number", flat=True).first()
    return str(number or 0)


def step():
    """One more write: the number goes up by one, in the caller's transaction."""
    counter = DatasetVersion.objects.filter(pk=ROW)
    if not counter.update(number=F("number") + 1):  # no row yet (a flushed database)
        DatasetVersion.objects.get_or_create(pk=ROW)
        counter.update(number=F("number") + 1)


def _written(sender, **kwargs):
    step()


def _linked(sender, action, **kwargs):
    if action.startswith("post_"):
        step()


def data_models():
    """Every model of a data app, its history rows left out (they follow the record's write)."""
    for config in data_app_configs():
        for model in config.get_models():
            if getattr(model, "instance_type", None) is None:  # simple-history's own models
                yield model


def connect():
    """Count every write to a data model (called once, from ``CurationConfig.ready``).

    Receivers are connected per model, never for all senders: a receiver for every model would
    make Django give up its fast deletes everywhere."""
    uid = "curation.version"
    for model in data_models():
        post_save.connect(_written, sender=model, dispatch_uid=f"{uid}.save.{model._meta.label}")
        post_delete.connect(
            _written, sender=model, dispatch_uid=f"{uid}.delete.{model._meta.label}"
        )
        for field in model._meta.local_many_to_many:
            through = field.remote_field.through
            m2m_changed.connect(
                _linked, sender=through, dispatch_uid=f"{uid}.m2m.{through._meta.label}"
            )
