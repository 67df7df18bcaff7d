"""Schemathesis drives every operation in the schema through the WSGI app, anonymously and as a
curator with a token: no input may cause a server error, and every response must match the
schema (status code, content type, headers and body). On reads, every input the schema documents
must also be accepted (the positive-data check): the schema states each parameter's limits, and
enumerates the keys a related-record filter takes, which is why it is loaded after the records
exist. Writes are exempt from that one check: whether a body is acceptable also depends on rules
across fields and rows (an end date after the start, sources that exist) no schema can state.
A stateful run then chains operations (a record created, then read, changed and deleted).

A bounded number of examples per operation keeps this to a few minutes of CI.
"""

import contextlib

import pytest
import schemathesis
from django.core.signals import request_finished, request_started
from django.db import close_old_connections, transaction
from hypothesis import HealthCheck, given, settings
from hypothesis.stateful import run_state_machine_as_test
from schemathesis.specs.openapi.checks import (
    ignored_auth,
    negative_data_rejection,
    positive_data_acceptance,
)

from config.wsgi import application
from core.api.history import AS_OF, AS_OF_COMPANIONS
from tests import factories
from tests.core.resource_cases import RESOURCES

# Minutes rather than seconds: `make test-fast` (pytest -m "not slow") leaves it out.
pytestmark = pytest.mark.slow

# Writes: a schema-valid body may still break a rule spanning fields or rows (see above).
RULES_ARE_DATA = [positive_data_acceptance]
READS = ("GET", "HEAD")

EXAMPLES = settings(
    max_examples=5,
    deadline=None,
    derandomize=True,  # the same examples on every run, so CI is repeatable
    suppress_health_check=list(HealthCheck),
)


@contextlib.contextmanager
def connection_kept():
    """Schemathesis calls the real WSGI handler, whose request signals close the database
    connection of a request that left a transaction open; in a test that is the test's own
    transaction (on PostgreSQL). Django's test client unhooks them the same way."""
    for signal in (request_started, request_finished):
        signal.disconnect(close_old_connections)
    try:
        yield
    finally:
        for signal in (request_started, request_finished):
            signal.connect(close_old_connections)


@pytest.fixture(autouse=True)
def keep_the_test_connection():
    with connection_kept():
        yield


@pytest.fixture(scope="module")
def api_schema(records):
    """The schema as it stands over the records (its filters enumerate their keys)."""
    with connection_kept():
        loaded = schemathesis.openapi.from_wsgi("/api/schema/?format=json", application)

    @loaded.hook
    def filter_query(ctx, query):
        # as_of "cannot be combined with filters, search or ordering", as its description says:
        # a rule between parameters, which OpenAPI cannot state.
        # A cursor is an opaque signed token the server hands out: a made-up one is a 400.
        if query and "cursor" in query:
            return False
        # format=geojson answers features, whose properties are fixed: it refuses a choice of
        # fields and as_of, as the format's description says.
        if query and query.get("format") == "geojson" and {AS_OF, "fields", "brief"} & set(query):
            return False
        # as_of answers in JSON only, as its description says too.
        if query and AS_OF in query and query.get("format") not in (None, "json"):
            return False
        return not query or AS_OF not in query or set(query) <= AS_OF_COMPANIONS

    return loaded


@pytest.fixture(scope="module")
def records(django_db_setup, django_db_blocker):
    """Something for reads and writes to find, built once: a joint patrol with all its parts.

    Each test then runs in its own savepoint, so what one operation writes or deletes is gone
    before the next.
    """
    with django_db_blocker.unblock(), transaction.atomic():
        build_records()
        yield
        transaction.set_rollback(True)


def build_records():
    patrol = factories.PatrolFactory(slug="joint-patrol-1", kind="joint_strategic_patrol")
    factories.ParticipationFactory(patrol=patrol)
    factories.InterceptionFactory(patrol=patrol)
    factories.StatementFactory(patrol=patrol)
    factories.PatrolRegionFactory(patrol=patrol)
    factories.CitationFactory(content_object=patrol)
    factories.ClaimFactory(content_object=patrol)
    for resource in RESOURCES:  # one record of every resource, so every filter has values
        resource.factory()


def excluded_checks(case, response):
    """Checks that do not apply: a write's data can break the data's rules (a 400 for valid
    JSON); and a made-up ETag in If-Match fails its precondition (RFC 9110 §13.1.1), so a 412 is
    the right answer to a request the schema allows (a list's If-Match takes any tag since
    lists have ETags), and is judged before the body is read (§13.2.1), so a bad body under it
    is a 412 too."""
    excluded = [] if case.method in READS else [*RULES_ARE_DATA]
    if response.status_code == 412:
        excluded += [positive_data_acceptance, negative_data_rejection]
    return excluded


def fuzz_every_operation(api_schema, headers=None):
    """Every operation of the schema, ``EXAMPLES`` cases each (one test per auth mode: the
    schema is loaded after the records, so schemathesis' parametrizing at collection cannot be
    used)."""
    operations = [result.ok() for result in api_schema.get_all_operations()]
    assert len(operations) > 50
    for operation in operations:

        @given(case=operation.as_strategy())
        @EXAMPLES
        def run(case):
            response = case.call(headers=headers)
            case.validate_response(
                response, excluded_checks=excluded_checks(case, response), headers=headers
            )

        run()


@pytest.mark.django_db
def test_anonymous_clients_cannot_break_the_api(api_schema, records):
    fuzz_every_operation(api_schema)


@pytest.mark.django_db
def test_curators_cannot_break_the_api(api_schema, records, curator_token):
    fuzz_every_operation(api_schema, {"Authorization": f"Token {curator_token.key}"})


@pytest.mark.django_db
def test_chained_operations_cannot_break_the_api(api_schema, records, curator_token):
    """Schemathesis' stateful run: operations chained through the links it finds (a created
    record's key fed to its read, update and delete), as a curator."""
    machine = api_schema.as_state_machine()
    headers = {"Authorization": f"Token {curator_token.key}"}

    class AsCurator(machine):
        def get_call_kwargs(self, case):
            return {"headers": headers}

        def validate_response(self, response, case, additional_checks=(), **kwargs):
            # ignored_auth sends a made-up token, which get_call_kwargs replaces with ours
            excluded = [ignored_auth, *excluded_checks(case, response)]
            case.validate_response(response, excluded_checks=excluded)

    run_state_machine_as_test(
        AsCurator,
        settings=settings(
            max_examples=10,
            stateful_step_count=5,
            deadline=None,
            derandomize=True,
            suppress_health_check=list(HealthCheck),
        ),
    )
