"""Create the PostgreSQL bench database if it does not exist (``make bench-pg``, before migrating).

    python -m bench.pg_database postgres://postgres@127.0.0.1:5432/aviation_bench_pg

It connects to the server's ``postgres`` database as the URL's user and creates the URL's
database, owned by that user; an existing database is left as it is.
"""

import sys
import urllib.parse

import psycopg
from psycopg import sql


def ensure_database(url):
    """Create the database ``url`` names unless it exists; True if it was created."""
    parts = urllib.parse.urlsplit(url)
    name = urllib.parse.unquote(parts.path.lstrip("/"))
    if not name:
        raise SystemExit(f"No database name in {url!r}.")
    maintenance = urllib.parse.urlunsplit(parts._replace(path="/postgres"))
    with psycopg.connect(maintenance, autocommit=True, connect_timeout=5) as connection:
        exists = connection.execute(
            "SELECT 1 FROM pg_database WHERE datname = %s", [name]
        ).fetchone()
        if exists:
            return False
        connection.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
        return True


def main(argv=None):
    argv = sys.argv[1:] if argv is None else argv
    if len(argv) != 1:
        raise SystemExit(__doc__)
    try:
        created = ensure_database(argv[0])
    except psycopg.OperationalError as error:
        raise SystemExit(f"PostgreSQL is not reachable at {argv[0]}: {error}") from None
    name = urllib.parse.urlsplit(argv[0]).path.lstrip("/")
    print(f"Created the database {name}." if created else f"The database {name} exists.")


if __name__ == "__main__":
    main()
