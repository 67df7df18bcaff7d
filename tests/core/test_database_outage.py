"""A database that is down, stalled or locked: 503 with Retry-After, and back without a restart.

On both databases an error raised from the database layer (``connection.execute_wrapper``) is
answered 503 on every API route, every admin changelist and from inside another middleware; on
SQLite a table another connection has locked is a real one. On PostgreSQL the statement timeout
set from the environment really cancels a slow query, and a server reached through a proxy that
the test closes, stalls and opens again shows the outage and the recovery through a live server.
"""

import json
import logging
import os
import subprocess
import sys
import time
import urllib.error
import urllib.request
from contextlib import contextmanager
from pathlib import Path

import pytest
from django.contrib import admin
from django.db import InterfaceError, OperationalError, connection, connections
from django.test import Client
from django.urls import resolve, reverse

from core import outages
from tests.core.dependencies import TcpProxy, api_routes, collection_routes

PROJECT = Path(__file__).resolve().parents[2]
ROUTES = api_routes()
LISTS = {name: url for name, url in collection_routes().items() if name.endswith("-list")}
ADMIN_MODELS = sorted(admin.site._registry, key=lambda model: model._meta.label)
URL = "/api/v1/countries/"

postgresql_only = pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="statement timeouts and a server that goes away are PostgreSQL's (SQLite is a file)",
)


@pytest.fixture(autouse=True)
def fresh_log(monkeypatch):
    """Each test's outage is logged as the first one."""
    monkeypatch.setattr(outages, "database_log", outages.RateLimitedLog(outages.logger, "DB"))


@contextmanager
def failing_database(error=None):
    """Every query raises ``error``; yields the list of the queries tried."""
    error = error or OperationalError("database is locked")
    tried = []

    def fail(execute, sql, params, many, context):
        tried.append(sql)
        raise error

    with connection.execute_wrapper(fail):
        yield tried


def assert_api_503(response):
    assert response.status_code == 503, response.content
    assert response["Content-Type"].startswith("application/json")
    assert "unavailable" in response.json()["detail"]
    assert int(response["Retry-After"]) > 0


def assert_page_503(response):
    assert response.status_code == 503, response.content
    assert response["Content-Type"].startswith("text/plain")
    assert b"unavailable" in response.content
    assert int(response["Retry-After"]) > 0


# --- Both databases: an error from the database layer -------------------------------------------


@pytest.mark.django_db
@pytest.mark.parametrize("url", ROUTES.values(), ids=ROUTES.keys())
def test_every_api_route_answers_503_json_when_the_database_fails(api_client, url):
    """(The API root, which reads no table, answers as ever.)"""
    with failing_database() as tried:
        response = api_client.get(url if "stats" not in url else f"{url}?group_by=year")
    if tried:
        assert_api_503(response)
    else:
        assert response.status_code == 200
    assert tried or url == "/api/v1/"


@pytest.mark.django_db
@pytest.mark.parametrize("url", LISTS.values(), ids=LISTS.keys())
def test_every_write_answers_503_json_when_the_database_fails(curator_api_client, url):
    with failing_database():
        response = curator_api_client.post(url, {}, format="json")
    assert_api_503(response)


@pytest.mark.django_db
@pytest.mark.parametrize("error", [OperationalError, InterfaceError])
def test_both_kinds_of_connection_error_are_503(api_client, error):
    with failing_database(error("connection already closed")):
        assert_api_503(api_client.get(URL))


@pytest.mark.django_db
@pytest.mark.parametrize("model", ADMIN_MODELS, ids=lambda model: model._meta.label)
def test_every_admin_changelist_answers_a_plain_503_when_the_database_fails(curator_client, model):
    url = reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_changelist")
    with failing_database():
        assert_page_503(curator_client.get(url))


class QueriesOnTheWayIn:
    """A middleware that reaches the database before the view, as sessions and sign-in do."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        from django.contrib.contenttypes.models import ContentType

        ContentType.objects.exists()
        return self.get_response(request)


@pytest.mark.django_db
@pytest.mark.parametrize(("url", "check"), [(URL, assert_api_503), ("/admin/", assert_page_503)])
def test_an_error_inside_another_middleware_is_503_too(settings, url, check):
    here = f"{__name__}.QueriesOnTheWayIn"
    settings.MIDDLEWARE = [*settings.MIDDLEWARE, here]
    with failing_database():
        check(Client(raise_request_exception=False).get(url))


@pytest.mark.django_db
def test_an_outage_is_logged_once_not_per_request(api_client, caplog):
    with caplog.at_level(logging.WARNING, logger="core.outages"), failing_database():
        for _ in range(5):
            assert_api_503(api_client.get(URL))
    logged = [r for r in caplog.records if r.name == "core.outages"]
    assert len(logged) == 1
    assert "database is locked" in logged[0].getMessage()


@pytest.mark.django_db
def test_a_query_the_schema_cannot_answer_is_still_a_500():
    """A missing table is the code's or the deployment's fault, not an outage, though SQLite
    calls it an OperationalError (PostgreSQL a ProgrammingError)."""

    def wrong_table(execute, sql, params, many, context):
        return execute("SELECT * FROM no_such_table", (), many, context)

    client = Client(raise_request_exception=False)
    with connection.execute_wrapper(wrong_table):
        assert client.get(URL).status_code == 500


@pytest.mark.skipif(connection.vendor != "sqlite", reason="SQLite's own table locks")
@pytest.mark.django_db(transaction=True)
def test_a_table_another_connection_has_locked_is_503_on_sqlite(api_client):
    other = connections.create_connection("default")
    try:
        with other.cursor() as cursor:
            cursor.execute("BEGIN IMMEDIATE")
            cursor.execute("DELETE FROM reference_country")
            response = api_client.get(URL)
            cursor.execute("ROLLBACK")
    finally:
        other.close()
    assert_api_503(response)
    assert api_client.get(URL).status_code == 200


# --- PostgreSQL: the statement timeout, a server that goes away and comes back -----------------


def read_settings(**environment):
    """config/settings.py run with a PostgreSQL URL and ``environment``: its DATABASES
    ["default"]["OPTIONS"] printed as JSON, or its error."""
    kept = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "DATABASE_"))}
    program = "import json; from config import settings as s; "
    program += "print(json.dumps(s.DATABASES['default']['OPTIONS']))"
    return subprocess.run(
        [sys.executable, "-c", program],
        cwd=PROJECT,
        env={**kept, "DATABASE_URL": "postgres://user@127.0.0.1:5432/db", **environment},
        capture_output=True,
        text=True,
        check=False,
    )


def settings_options(**environment):
    shown = read_settings(**environment)
    assert shown.returncode == 0, shown.stderr
    return json.loads(shown.stdout)


@contextmanager
def database_settings(**changes):
    """Every connection opened from here on (any thread) uses ``changes``; then as before."""
    settings_dict = connections.settings["default"]
    assert connection.settings_dict is settings_dict  # the one dict every thread connects with
    saved = {key: settings_dict[key] for key in changes}
    connection.close()
    settings_dict.update(changes)
    try:
        yield
    finally:
        connection.close()
        settings_dict.update(saved)


def slow_list(monkeypatch, seconds):
    """The countries list first runs a query that takes ``seconds``."""
    view = resolve(URL).func.cls
    get_queryset = view.get_queryset

    def slow(self):
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_sleep(%s)", [seconds])
        return get_queryset(self)

    monkeypatch.setattr(view, "get_queryset", slow)


def test_the_database_timeouts_come_from_the_environment():
    assert settings_options() == {"connect_timeout": 3, "options": "-c statement_timeout=5000"}
    assert settings_options(DATABASE_STATEMENT_TIMEOUT_MS="0", DATABASE_CONNECT_TIMEOUT="7") == {
        "connect_timeout": 7,
        "options": "-c statement_timeout=0",
    }


@pytest.mark.parametrize("name", ["DATABASE_CONNECT_TIMEOUT", "DATABASE_STATEMENT_TIMEOUT_MS"])
def test_a_negative_timeout_is_refused_at_start(name):
    shown = read_settings(**{name: "-1"})
    assert shown.returncode != 0
    assert f"{name}=-1: use 0 (no limit) or more." in shown.stderr


@postgresql_only
@pytest.mark.django_db
def test_connections_carry_the_configured_statement_timeout():
    expected = os.environ.get("DATABASE_STATEMENT_TIMEOUT_MS", "5000")
    with connection.cursor() as cursor:
        cursor.execute("SELECT setting FROM pg_settings WHERE name = 'statement_timeout'")
        assert cursor.fetchone()[0] == expected


@postgresql_only
@pytest.mark.django_db(transaction=True)
def test_a_statement_past_the_timeout_is_cancelled_and_answered_503(api_client, monkeypatch):
    options = settings_options(DATABASE_STATEMENT_TIMEOUT_MS="300")
    slow_list(monkeypatch, 3)
    with database_settings(OPTIONS=options):
        with connection.cursor() as cursor, pytest.raises(OperationalError, match="statement"):
            cursor.execute("SELECT pg_sleep(3)")
        started = time.monotonic()
        response = api_client.get(URL)
        took = time.monotonic() - started
    assert_api_503(response)
    assert took < 2


def fetch(url):
    """(status, headers, JSON body) of a GET through a real HTTP connection."""
    try:
        with urllib.request.urlopen(url, timeout=30) as response:
            return response.status, response.headers, json.loads(response.read())
    except urllib.error.HTTPError as error:
        return error.code, error.headers, json.loads(error.read())


@postgresql_only
@pytest.mark.django_db(transaction=True)
def test_a_database_that_goes_away_is_503_until_it_comes_back(live_server):
    server = connection.settings_dict
    proxy = TcpProxy((server["HOST"] or "127.0.0.1", int(server["PORT"] or 5432)))
    url = f"{live_server.url}{URL}"
    options = {**connection.settings_dict["OPTIONS"], "connect_timeout": 2}
    proxy.start()
    try:
        with database_settings(HOST="127.0.0.1", PORT=proxy.port, OPTIONS=options):
            assert fetch(url)[0] == 200

            proxy.stop()  # refused: answered at once
            started = time.monotonic()
            status, headers, body = fetch(url)
            assert (status, "unavailable" in body["detail"]) == (503, True)
            assert int(headers["Retry-After"]) > 0
            assert time.monotonic() - started < 2

            proxy.stall()  # accepts, never answers: answered within connect_timeout
            started = time.monotonic()
            status, headers, body = fetch(url)
            assert (status, int(headers["Retry-After"]) > 0) == (503, True)
            assert time.monotonic() - started < 2 + 3

            proxy.start()  # back: the same client, the same server process
            assert fetch(url)[0] == 200
    finally:
        proxy.stop()
