"""The patrol list's JSON pages are built from plain rows for speed; they must say exactly what
the general serializer says, record by record, nulls and all."""

import pytest

from curation.loaders import patrols as patrols_loader
from curation.loading.files import read_data
from patrols.models import Patrol
from tests import factories

PATROLS = "/api/v1/patrols/"


def listed(client, **params):
    return client.get(PATROLS, {"page_size": 500, **params}).json()["results"]


def detailed(client, patrol):
    """The general path: a detail is serialized from prefetched model instances."""
    return client.get(f"{PATROLS}{patrol['slug']}/").json()


@pytest.mark.django_db
def test_empty_and_unknown_values_read_the_same_on_both_paths(api_client):
    command = factories.OrganizationFactory(country=None)  # a multinational command
    patrol = factories.PatrolFactory(confidence="disputed", end_date=None, route=None)
    factories.ParticipationFactory(
        patrol=patrol, aircraft_type=None, aircraft_description="fighters", count=None
    )
    factories.ParticipationFactory(patrol=patrol, operator=command)
    factories.InterceptionFactory(patrol=patrol, date=None, aircraft_type=None, region=None)
    factories.StatementFactory(patrol=patrol, date=None)
    factories.ClaimFactory(content_object=patrol, field="start_date", value="2019-07-24")
    factories.CitationFactory(content_object=patrol)
    factories.PatrolFactory(route={"type": "Point", "coordinates": [135.0, 40.0]})

    page = listed(api_client)

    assert len(page) == 2
    for record in page:
        assert record == detailed(api_client, record)


@pytest.mark.django_db
def test_the_browsable_api_lists_patrols_through_the_general_path(api_client):
    participation = factories.ParticipationFactory()
    html = api_client.get(PATROLS, HTTP_ACCEPT="text/html")
    assert html.status_code == 200
    assert participation.aircraft_type.slug.encode() in html.content


# Last: the curated data, once loaded, stays for the rest of the module.
@pytest.mark.usefixtures("loaded")
def test_every_curated_patrol_reads_the_same_on_both_paths(api_client):
    page = listed(api_client)
    curated = {entry["slug"] for entry in read_data(patrols_loader.DATA_FILE)["patrols"]}
    assert len(page) == Patrol.objects.count() == len(curated)  # one page holds them all
    assert {patrol["slug"] for patrol in page} == curated
    for patrol in page:
        assert patrol == detailed(api_client, patrol)
