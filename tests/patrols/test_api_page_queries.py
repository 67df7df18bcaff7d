"""A page of the patrol list costs the same number of queries whatever it holds: whichever kinds
of child record its patrols have, cited or not, and however many (patrols/api/pages.py; the
children and their sources are read by queries compiled once, core/prepared.py)."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests import factories

pytestmark = pytest.mark.django_db

PATROLS = "/api/v1/patrols/"
CHILDREN = {
    "participation": factories.ParticipationFactory,
    "interception": factories.InterceptionFactory,
    "statement": factories.StatementFactory,
    "reported-figure": factories.ReportedFigureFactory,
    "zone-entry": factories.ZoneEntryFactory,
    "region": factories.PatrolRegionFactory,
}


def queries(client, url):
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200, response.content
    return len(captured)


def bare_page(client):
    factories.PatrolFactory()
    client.get(PATROLS)  # content types are looked up once per process
    return queries(client, PATROLS)


@pytest.mark.parametrize("kind", CHILDREN)
def test_a_page_with_any_kind_of_child_costs_what_a_bare_page_costs(api_client, kind):
    bare = bare_page(api_client)
    patrol = factories.PatrolFactory()
    child = CHILDREN[kind](patrol=patrol)
    if kind != "region":  # a crossed region cites nothing of its own
        factories.CitationFactory(content_object=child)
    factories.CitationFactory(content_object=patrol)
    factories.ClaimFactory(content_object=patrol)

    assert queries(api_client, PATROLS) == bare


def test_a_page_of_every_kind_costs_what_a_bare_page_costs(api_client):
    bare = bare_page(api_client)
    for _ in range(5):
        patrol = factories.PatrolFactory()
        for make in CHILDREN.values():
            make(patrol=patrol)

    assert queries(api_client, PATROLS) == bare
    assert queries(api_client, f"{PATROLS}?page_size=2") == bare


def test_an_empty_page_reads_no_child(api_client):
    assert queries(api_client, PATROLS) <= 2  # its count, and its rows if any
