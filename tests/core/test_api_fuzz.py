"""Schemathesis drives every operation in the schema through the WSGI app, anonymously and as a
curator with a token: no input may cause a server error, and every response must match the
schema (status code, content type, headers and body).

A bounded number of examples per operation keeps this to a few minutes of CI.
"""

import pytest
import schemathesis
from django.core.signals import request_finished, request_started
from django.db import close_old_connections, transaction
from hypothesis import HealthCheck, settings
from schemathesis.specs.openapi.checks import positive_data_acceptance

from config.wsgi import application
from tests import factories

# Minutes rather than seconds: `make test-fast` (pytest -m "not slow") leaves it out.
pytestmark = pytest.mark.slow

schema = schemathesis.openapi.from_wsgi("/api/schema/?format=json", application)

# A slug or code the schema allows (any string) is refused when no record has it: the valid
# values live in the data, not the schema, so "schema-valid data must be accepted" cannot hold.
SLUGS_ARE_DATA = [positive_data_acceptance]

EXAMPLES = settings(
    max_examples=5,
    deadline=None,
    derandomize=True,  # the same examples on every run, so CI is repeatable
    suppress_health_check=list(HealthCheck),
)


@pytest.fixture(autouse=True)
def keep_the_test_connection():
    """Schemathesis calls the real WSGI handler, whose request signals close the database
    connection of a request that left a transaction open; in a test that is the test's own
    transaction (on PostgreSQL). Django's test client unhooks them the same way."""
    for signal in (request_started, request_finished):
        signal.disconnect(close_old_connections)
    yield
    for signal in (request_started, request_finished):
        signal.connect(close_old_connections)


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
    factories.AircraftCapabilityFactory()
    factories.ArmamentFactory()
    factories.InventoryFactory()
    factories.ManufacturerFactory()


@pytest.mark.django_db
@schema.parametrize()
@EXAMPLES
def test_anonymous_clients_cannot_break_the_api(case, records):
    case.call_and_validate(excluded_checks=SLUGS_ARE_DATA)


@pytest.mark.django_db
@schema.parametrize()
@EXAMPLES
def test_curators_cannot_break_the_api(case, records, curator_token):
    case.call_and_validate(
        headers={"Authorization": f"Token {curator_token.key}"}, excluded_checks=SLUGS_ARE_DATA
    )
