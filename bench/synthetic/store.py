"""The database side of the generator: the guards that keep it away from curated data, deleting
synthetic patrols, the next free ids, the plain ``executemany`` inserts, and the id sequences."""

from django.contrib.contenttypes.models import ContentType
from django.core.management.color import no_style
from django.db import connections, transaction
from django.db.models import Max

from curation.models import LoadStamp
from patrols.models import Interception, Participation, Patrol, PatrolRegion, Statement
from reference.models import Citation, Claim

from .spec import PATROL_PREFIX, PREFIX


class SyntheticDataError(Exception):
    """Why the generator will not write to a database; the message says what to do instead."""


def synthetic_patrols(db):
    """The synthetic patrols in ``db``."""
    return Patrol.objects.using(db).filter(slug__startswith=PREFIX)


def refuse_curated_data(db):
    """Refuse (``SyntheticDataError``) a database without tables, or one holding curated data."""
    tables = connections[db].introspection.table_names()
    if Patrol._meta.db_table not in tables or LoadStamp._meta.db_table not in tables:
        raise SyntheticDataError(f"Database {db!r} has no tables yet: run migrate first.")
    if LoadStamp.objects.using(db).exists():
        raise SyntheticDataError(
            f"Database {db!r} holds curated data (the loader has stamped records): "
            "synthetic data goes into a separate database only. Point DATABASE_URL (or "
            "--database) at an empty one, e.g. DATABASE_URL=sqlite:///bench.sqlite3."
        )
    curated = Patrol.objects.using(db).exclude(slug__startswith=PREFIX)
    if curated.exists():
        raise SyntheticDataError(
            f"Database {db!r} holds {curated.count()} patrols that are not synthetic "
            f"(e.g. {curated.values_list('slug', flat=True).first()!r}): synthetic data goes "
            "into a separate database only. Point DATABASE_URL (or --database) at an empty "
            "one, e.g. DATABASE_URL=sqlite:///bench.sqlite3."
        )


def highest_number(db):
    """The highest number a synthetic patrol's slug carries (0 if none), to append after."""
    slugs = Patrol.objects.using(db).filter(slug__startswith=PATROL_PREFIX)
    numbers = [
        int(slug[len(PATROL_PREFIX) :])
        for slug in slugs.values_list("slug", flat=True).iterator()
        if slug[len(PATROL_PREFIX) :].isdigit()
    ]
    return max(numbers, default=0)


def delete_synthetic_patrols(db):
    """Delete synthetic patrols and what hangs on them, in plain SQL.

    ``QuerySet.delete()`` would load every row to send the citation signals (which touch
    the patrol about to go anyway); a few DELETE ... WHERE ... IN (SELECT ...) do it at once.
    The synthetic vocabulary (countries, organizations, ...) stays and is reused.
    """
    connection = connections[db]
    qn = connection.ops.quote_name

    def table(model):
        return qn(model._meta.db_table)

    patrol_ids = f"SELECT id FROM {table(Patrol)} WHERE slug LIKE %s"
    children = {
        Patrol: (patrol_ids, [f"{PREFIX}%"]),
        Participation: (
            f"SELECT id FROM {table(Participation)} WHERE patrol_id IN ({patrol_ids})",
            [f"{PREFIX}%"],
        ),
        Interception: (
            f"SELECT id FROM {table(Interception)} WHERE patrol_id IN ({patrol_ids})",
            [f"{PREFIX}%"],
        ),
        Statement: (
            f"SELECT id FROM {table(Statement)} WHERE slug LIKE %s OR patrol_id IN ({patrol_ids})",
            [f"{PREFIX}%", f"{PREFIX}%"],
        ),
    }
    with transaction.atomic(using=db), connection.cursor() as cursor:
        for model, (ids, params) in children.items():
            content_type = ContentType.objects.db_manager(db).get_for_model(model)
            for attachment in (Citation, Claim):
                cursor.execute(
                    f"DELETE FROM {table(attachment)} WHERE content_type_id = %s "
                    f"AND object_id IN ({ids})",
                    [content_type.pk, *params],
                )
        statement_ids, params = children[Statement]
        cursor.execute(f"DELETE FROM {table(Statement)} WHERE id IN ({statement_ids})", params)
        for model in (Participation, Interception, PatrolRegion):
            cursor.execute(
                f"DELETE FROM {table(model)} WHERE patrol_id IN ({patrol_ids})", [f"{PREFIX}%"]
            )
        cursor.execute(f"DELETE FROM {table(Patrol)} WHERE slug LIKE %s", [f"{PREFIX}%"])


def next_ids(db, models):
    """For each model, the first id above every row's: the ids the generator assigns."""
    return {
        model: (model.objects.using(db).aggregate(top=Max("pk"))["top"] or 0) + 1
        for model in models
    }


def insert(cursor, connection, model, names, rows, now):
    """What ``bulk_create`` does, minus its per-value compilation: one ``executemany`` (one
    ``COPY`` on PostgreSQL).

    ``rows`` hold the ``names`` columns, already adapted for the database (ids, strings,
    numbers, dates through ``adapt_datefield_value``). Every other concrete field gets its
    default, or ``now`` for the timestamps, prepared by the field itself.
    """
    if not rows:
        return
    fields = [model._meta.get_field(name) for name in names]
    rest = [field for field in model._meta.concrete_fields if field.name not in names]
    constants = tuple(
        field.get_db_prep_save(
            now
            if getattr(field, "auto_now", False) or getattr(field, "auto_now_add", False)
            else field.get_default(),
            connection,
        )
        for field in rest
    )
    qn = connection.ops.quote_name
    columns = ", ".join(qn(field.column) for field in fields + rest)
    table = qn(model._meta.db_table)
    if connection.vendor == "postgresql":  # COPY: the row-by-row INSERTs took 49 min for 1M
        with cursor.cursor.copy(f"COPY {table} ({columns}) FROM STDIN") as copy:
            for row in rows:
                copy.write_row(row + constants)
        return
    placeholders = ", ".join(["%s"] * (len(fields) + len(rest)))
    cursor.executemany(
        f"INSERT INTO {table} ({columns}) VALUES ({placeholders})",
        [row + constants for row in rows],
    )


def reset_sequences(db, models):
    """Rows were written with explicit ids; PostgreSQL's sequences must catch up."""
    connection = connections[db]
    statements = connection.ops.sequence_reset_sql(no_style(), models)
    if statements:
        with connection.cursor() as cursor:
            for sql in statements:
                cursor.execute(sql)
