"""A dependency that fails costs the client a retry, never a 500 or a hung connection.

A database that is down, stalled past its timeouts (``connect_timeout``, ``statement_timeout``) or
locked (SQLite) raises ``OperationalError`` or ``InterfaceError`` from wherever the request
reached it. Those are no fault of the request and say nothing about its answer, so the client is
told to come back: 503 with ``Retry-After``, JSON under ``/api/`` and a plain page elsewhere.
Nothing is half-written: the error unwinds every ``atomic`` block it crosses before it gets here.

``DatabaseOutageMiddleware.process_exception`` answers for errors raised in a view (or while its
response renders), so the response still passes every middleware on its way out. An error raised
inside another middleware (a session saved on the way out, say) has been made a 500 by Django
by the time it leaves that middleware; the middleware notes it (``got_request_exception``) and
swaps that 500 for the 503, so it sits outside every middleware that may reach the database.

The next request finds the database again without a restart: Django drops a connection that
raised (``CONN_HEALTH_CHECKS`` tests a reused one first) and opens a new one.

A dependency that stays down would log the same error on every request; ``RateLimitedLog`` logs
it once, then at most once an interval with the count of what it held back, and once when the
dependency answers again.
"""

import logging
import sqlite3
import sys
import threading
import time

from django.core.signals import got_request_exception
from django.db import InterfaceError, OperationalError
from django.db.backends.signals import connection_created
from django.http import HttpResponse, JsonResponse

from .middleware import is_api

logger = logging.getLogger(__name__)

RETRY_AFTER_SECONDS = 5
DATABASE_ERRORS = (OperationalError, InterfaceError)
# SQLite reports a syntax error or a missing table as an OperationalError too; of its errors only
# these say the database is busy or out of reach rather than the query or the schema wrong.
SQLITE_OUTAGES = (
    "SQLITE_BUSY",  # "database is locked", past the busy timeout
    "SQLITE_LOCKED",  # "database table is locked"
    "SQLITE_IOERR",
    "SQLITE_CANTOPEN",
    "SQLITE_FULL",
    "SQLITE_NOMEM",
)


def is_outage(error):
    if not isinstance(error, DATABASE_ERRORS):
        return False
    cause = error.__cause__
    if isinstance(cause, sqlite3.Error):
        return getattr(cause, "sqlite_errorname", "").startswith(SQLITE_OUTAGES)
    return True


class RateLimitedLog:
    """Logs a dependency's failures at most once every ``interval`` seconds, for every thread of
    the process, and its recovery once."""

    def __init__(self, logger, what, interval=60.0):
        self.logger = logger
        self.what = what
        self.interval = interval
        self.lock = threading.Lock()
        self.down_since = None  # monotonic time of the first failure of the current outage
        self.logged_at = None
        self.held_back = 0

    def failed(self, error, exc_info=False):
        now = time.monotonic()
        with self.lock:
            if self.down_since is None:
                self.down_since = now
            elif now - self.logged_at < self.interval:
                self.held_back += 1
                return
            held_back, self.held_back, self.logged_at = self.held_back, 0, now
        more = f" ({held_back} more failures since the last report)" if held_back else ""
        self.logger.warning("%s is unavailable: %s%s", self.what, error, more, exc_info=exc_info)

    def recovered(self):
        if self.down_since is None:  # the common case, read without the lock
            return
        with self.lock:
            if self.down_since is None:
                return
            down_for, self.down_since, self.held_back = time.monotonic() - self.down_since, None, 0
        self.logger.warning("%s is available again after %.1f s", self.what, down_for)


database_log = RateLimitedLog(logger, "The database")


def unavailable_response(request):
    """503 with Retry-After: JSON under the API, a plain page elsewhere."""
    message = "The database is unavailable at the moment. Try again in a few seconds."
    if is_api(request):
        response = JsonResponse({"detail": message}, status=503)
    else:
        response = HttpResponse(message, status=503, content_type="text/plain; charset=utf-8")
    response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    return response


def remember_database_error(sender, request=None, **kwargs):
    """Notes on the request a database error that Django is about to answer with a 500."""
    error = sys.exc_info()[1]
    if request is not None and is_outage(error):
        request.database_error = error


def database_reached(sender, connection, **kwargs):
    database_log.recovered()


got_request_exception.connect(remember_database_error, dispatch_uid="core.outages")
connection_created.connect(database_reached, dispatch_uid="core.outages")


class DatabaseOutageMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        error = getattr(request, "database_error", None)
        if error is None or response.status_code != 500:
            return response
        database_log.failed(error, exc_info=error)
        return unavailable_response(request)

    def process_exception(self, request, exception):
        if not is_outage(exception):
            return None
        database_log.failed(exception, exc_info=exception)
        return unavailable_response(request)
