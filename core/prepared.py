"""A ``.values()`` query compiled once and run for any list of keys: a page's children.

A list page fetches each kind of child record of its rows (``WHERE patrol_id IN (…)``). Built
with the ORM, every such query is filtered, resolved and compiled to SQL again on each request,
which took longer than running it (about 40 % of a cold patrol page, against about 15 % in
SQLite). Here the ORM compiles it once per database connection's vendor, with the key list as
*one* parameter, so the SQL is the same whatever the page's size:

- SQLite: ``key IN (SELECT value FROM json_each(%s))``, the keys as a JSON array;
- PostgreSQL: ``key IN (SELECT unnest(%s))``, the keys as an array;
- a key of two columns (a generic relation's content type and object id) on either:
  ``(a, b) IN (SELECT …)`` over a JSON array of pairs, so that each record is looked up under
  its own content type only (not every id under every type: six times the index probes).

Each call then runs that SQL with the keys and turns the rows into dictionaries, through the
compiler's own converters (dates read from SQLite's text, for one), exactly as ``.values()``
gives them.
"""

import json
import threading

from django.db import connections
from django.db.models import BooleanField, Q
from django.db.models.expressions import RawSQL

KEYS = object()  # where the key list goes among the compiled query's parameters

KEY_LIST_SQL = {
    "sqlite": "SELECT value FROM json_each(%s)",
    "postgresql": "SELECT unnest(%s::bigint[])",
}
PAIR_LIST_SQL = {
    "sqlite": "SELECT json_extract(value, '$[0]'), json_extract(value, '$[1]') FROM json_each(%s)",
    "postgresql": (
        "SELECT (pair->>0)::bigint, (pair->>1)::bigint FROM jsonb_array_elements(%s::jsonb) pair"
    ),
}


def key_list_parameter(vendor, keys, pairs=False):
    if pairs:
        return json.dumps([list(pair) for pair in keys])
    return json.dumps(list(keys)) if vendor == "sqlite" else list(keys)


def keyed(queryset, key, connection):
    """``queryset`` filtered on its key (a field name, or a pair of them) being among the keys
    given as the one parameter ``KEYS``."""
    vendor = connection.vendor
    if isinstance(key, str):
        return queryset.filter(Q(**{f"{key}__in": RawSQL(KEY_LIST_SQL[vendor], (KEYS,))}))
    table, quote = queryset.model._meta.db_table, connection.ops.quote_name
    fields = [queryset.model._meta.get_field(name) for name in key]
    if any(field.model is not queryset.model for field in fields):  # the SQL names this table
        raise ValueError(f"{key}: both fields must be columns of {table} itself")
    columns = ", ".join(f"{quote(table)}.{quote(field.column)}" for field in fields)
    sql = f"({columns}) IN ({PAIR_LIST_SQL[vendor]})"
    return queryset.filter(RawSQL(sql, (KEYS,), output_field=BooleanField()))


class Compiled:
    """One vendor's SQL for the query, the index of the key list among its parameters, and
    the converters ``.values()`` would apply."""

    def __init__(self, queryset, key, names, using):
        vendor = connections[using].vendor
        query = keyed(queryset, key, connections[using]).values(*names).query
        compiler = query.get_compiler(using=using)
        self.sql, params = compiler.as_sql()
        self.params = list(params)
        self.position = next(i for i, p in enumerate(self.params) if p is KEYS)
        selected = [column for column, _, _ in compiler.select[: len(names)]]
        self.converters = list(compiler.get_converters(selected).items())
        self.vendor = vendor


def converted(rows, converters, connection):
    """The rows with the converters applied, as ``SQLCompiler.apply_converters`` does, with this
    thread's connection (the compiler kept belongs to the thread that compiled it)."""
    for row in rows:
        row = list(row)
        for position, (functions, expression) in converters:
            value = row[position]
            for function in functions:
                value = function(value, expression, connection)
            row[position] = value
        yield row


class PreparedValues:
    """``queryset.filter(<key>__in=keys).values(*names)``, compiled once: calling it with the
    keys (a sequence of integers; of pairs of them for a key of two fields) returns the list
    of row dictionaries, in the queryset's order.

    ``queryset`` is a function returning the base queryset (called once per database, when
    first used, so that it may read the database, e.g. a content type)."""

    def __init__(self, queryset, key, names):
        self.queryset, self.key, self.names = queryset, key, tuple(names)
        self.compiled = {}
        self.lock = threading.Lock()

    def compiled_for(self, using):
        found = self.compiled.get(using)
        if found is None:
            with self.lock:
                found = self.compiled.get(using)
                if found is None:
                    found = Compiled(self.queryset(), self.key, self.names, using)
                    self.compiled[using] = found
        return found

    def __call__(self, keys, using="default"):
        if not keys:
            return []
        compiled = self.compiled_for(using)
        params = list(compiled.params)
        pairs = not isinstance(self.key, str)
        params[compiled.position] = key_list_parameter(compiled.vendor, keys, pairs)
        with connections[using].cursor() as cursor:
            cursor.execute(compiled.sql, params)
            rows = cursor.fetchall()
        if compiled.converters:
            rows = converted(rows, compiled.converters, connections[using])
        names = self.names
        return [dict(zip(names, row, strict=True)) for row in rows]
