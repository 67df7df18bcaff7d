"""Database triggers that refuse a write making an aircraft type its own ancestor.

The CHECK constraint catches a type pointing at itself; a longer loop (A → B → A) spans rows,
which only a trigger can see. Inserts are checked too: with deferred foreign keys a row may be
pointed at before it exists (B → id 7, then insert id 7 → B).
"""

from django.db import migrations

TABLE = "aircraft_aircrafttype"

# SQLite triggers fire on one event each, so the same body serves two triggers.
SQLITE_TRIGGER = """
CREATE TRIGGER aircraft_type_no_variant_cycle_{event}
BEFORE {when} ON {table}
WHEN NEW.variant_of_id IS NOT NULL AND EXISTS (
    WITH RECURSIVE ancestors(id) AS (
        SELECT NEW.variant_of_id
        UNION
        SELECT t.variant_of_id FROM {table} t JOIN ancestors a ON t.id = a.id
        WHERE t.variant_of_id IS NOT NULL
    )
    SELECT 1 FROM ancestors WHERE id = NEW.id
)
BEGIN
    SELECT RAISE(ABORT, 'CHECK constraint failed: aircraft_type_no_variant_cycle');
END;
"""
SQLITE_CREATE = [
    SQLITE_TRIGGER.format(event="insert", when="INSERT", table=TABLE),
    SQLITE_TRIGGER.format(event="update", when="UPDATE OF variant_of_id", table=TABLE),
]
SQLITE_DROP = [
    "DROP TRIGGER IF EXISTS aircraft_type_no_variant_cycle_insert;",
    "DROP TRIGGER IF EXISTS aircraft_type_no_variant_cycle_update;",
]

POSTGRES_CREATE = f"""
CREATE OR REPLACE FUNCTION aircraft_type_no_variant_cycle() RETURNS trigger AS $$
BEGIN
    -- Serialise writers: two transactions each closing half of a loop would both pass.
    IF NEW.variant_of_id IS NOT NULL THEN
        PERFORM pg_advisory_xact_lock(hashtext('aircraft_type_variant_of'));
    END IF;
    IF NEW.variant_of_id IS NOT NULL AND EXISTS (
        WITH RECURSIVE ancestors(id) AS (
            SELECT NEW.variant_of_id
            UNION
            SELECT t.variant_of_id FROM {TABLE} t JOIN ancestors a ON t.id = a.id
            WHERE t.variant_of_id IS NOT NULL
        )
        SELECT 1 FROM ancestors WHERE id = NEW.id
    ) THEN
        RAISE EXCEPTION 'aircraft type % would be its own ancestor', NEW.id
            USING ERRCODE = 'check_violation';
    END IF;
    RETURN NEW;
END;
$$ LANGUAGE plpgsql;
CREATE TRIGGER aircraft_type_no_variant_cycle
BEFORE INSERT OR UPDATE OF variant_of_id ON {TABLE}
FOR EACH ROW EXECUTE FUNCTION aircraft_type_no_variant_cycle();
"""
POSTGRES_DROP = f"""
DROP TRIGGER IF EXISTS aircraft_type_no_variant_cycle ON {TABLE};
DROP FUNCTION IF EXISTS aircraft_type_no_variant_cycle();
"""

STATEMENTS = {
    "sqlite": (SQLITE_CREATE, SQLITE_DROP),
    "postgresql": ([POSTGRES_CREATE], [POSTGRES_DROP]),
}


def create_trigger(apps, schema_editor):
    sql = STATEMENTS.get(schema_editor.connection.vendor)
    for statement in sql[0] if sql else []:
        schema_editor.execute(statement, params=None)


def drop_trigger(apps, schema_editor):
    sql = STATEMENTS.get(schema_editor.connection.vendor)
    for statement in sql[1] if sql else []:
        schema_editor.execute(statement, params=None)


class Migration(migrations.Migration):
    dependencies = [("aircraft", "0001_initial")]

    operations = [migrations.RunPython(create_trigger, drop_trigger)]
