"""The data set's version, sent in ``X-Dataset-Version`` on every API answer so that a
researcher can cite the state a result came from: the digest ``export_dataset`` computes
(``"sha256:<64 hex>"``), so a result and an exported file name the same state alike.

The digest costs a read of every record (about a second for the curated data), too much for
every answer; so one row, ``DatasetVersion``, keeps it, with two numbers:

- ``number`` counts writes: every save or delete of a record of the data set (its history rows
  aside), every change to a many-to-many link between them, and every bulk creation by the
  loader steps it up by one, in the same transaction as the write (a write rolled back takes its
  step back; two workers never disagree, since it is read from the database, not from a cache
  whose outage or lag could show a stale value);
- ``digest_number`` is the ``number`` the stored ``digest`` was computed at.

When a transaction that stepped the counter commits, the digest is computed once (one
``on_commit`` per transaction, not per row: a load is one) in a snapshot that also reads the
counter, and stored only while the counter still holds that value: a writer that computed
early never overwrites a later writer's digest. An answer reads the row (one query) and gives
the digest; if it is behind the counter (a write made outside a transaction, a crash between
commit and computing), the answer computes and stores it first. After ``migrate`` (and a
``flush``) it is computed too, so a new database starts with its empty data set's digest.

The API's middleware, in ``core``, cannot import this floor: it calls the function the setting
``DATASET_VERSION_CALLABLE`` names (``curation.version.current``).
"""

import logging

from django.apps import apps
from django.db import connection, transaction
from django.db.models import F
from django.db.models.signals import m2m_changed, post_delete, post_migrate, post_save

from core.apps import data_app_configs

from .models import DatasetVersion

logger = logging.getLogger(__name__)

ROW = 1  # the one row's id


def current():
    """The data set's version now, as the header gives it: ``"sha256:<64 hex>"``.

    Read inside a transaction that has written and not committed (a test's, which never
    commits; the site's answers are read outside any), it is the digest stored at the last
    commit: that transaction's own commit computes the next one."""
    number, digest, digest_number = stored() or (None, "", None)
    if digest and (number == digest_number or connection.in_atomic_block):
        return digest
    return refresh()


def counter():
    """The write counter now (0 before any write): a snapshot's companion for its digest."""
    row = stored()
    return (row[0] or 0) if row else 0


def stored():
    """``(number, digest, digest_number)`` of the one row, or None before it exists: a
    primary-key read in plain SQL, since every API answer makes it (twice for a kept answer, the
    generation and the version) and the ORM took longer to build the query than to run it."""
    table = connection.ops.quote_name(DatasetVersion._meta.db_table)
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT number, digest, digest_number FROM {table} WHERE id = %s", [ROW])
        return cursor.fetchone()


def refresh():
    """Compute the digest, store it unless the counter has moved past the snapshot it was
    computed in, and return it."""
    from .dataset.export import digest as compute  # the export reads every data model

    digest, number = compute(alongside=counter)
    DatasetVersion.objects.get_or_create(pk=ROW)
    DatasetVersion.objects.filter(pk=ROW, number=number).update(digest=digest, digest_number=number)
    return digest


def _refresh_after_commit():
    try:
        refresh()
    except Exception:  # the write stands; the next answer computes the digest
        logger.exception("Computing the data set's digest after a write failed")


def step():
    """One more write: the counter goes up by one, in the caller's transaction, and the digest
    is computed once that transaction commits."""
    rows = DatasetVersion.objects.filter(pk=ROW)
    if not rows.update(number=F("number") + 1):  # no row yet (a flushed database)
        DatasetVersion.objects.get_or_create(pk=ROW)
        rows.update(number=F("number") + 1)
    if connection.in_atomic_block and not any(
        entry[1] is _refresh_after_commit for entry in connection.run_on_commit
    ):  # once per transaction (outside one, the next answer computes it)
        transaction.on_commit(_refresh_after_commit)


def _written(sender, **kwargs):
    step()


def _linked(sender, action, **kwargs):
    if action.startswith("post_"):
        step()


def data_models():
    """Every model whose writes the counter counts: the data apps' models (proxies included,
    whose saves name the proxy), their history rows left out (they follow the record's write),
    and whatever else the digest covers (``curation.dataset``: the loader's stamps)."""
    from .dataset.scope import data_models as digested

    counted = [
        model
        for config in data_app_configs()
        for model in config.get_models()
        if getattr(model, "instance_type", None) is None  # simple-history's own models
    ]
    return counted + [model for model in digested() if model not in counted]


def _migrated(sender, using="default", **kwargs):
    """After ``migrate`` (or a ``flush``), the digest of what the database now holds: a new
    database starts with the version of its empty data set, read like any other."""
    try:
        with transaction.atomic(using=using):
            refresh()
    except Exception:  # a partial migration: the first answer computes it instead
        logger.warning("The data set's digest is left to the first answer", exc_info=True)


def connect():
    """Count every write to a data model (called once, from ``CurationConfig.ready``), and
    compute the digest after every ``migrate``.

    Receivers are connected per model, never for all senders: a receiver for every model would
    make Django give up its fast deletes everywhere."""
    uid = "curation.version"
    post_migrate.connect(
        _migrated, sender=apps.get_app_config("curation"), dispatch_uid=f"{uid}.migrated"
    )
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
