"""A patrol's nested rows (participations, interceptions, statements, …) are facts of their own:
inside the patrol they show their confidence, dispute state, sources and claims, in JSON and
CSV, on both list paths, so a "claimed" aircraft never reads as a fact.

The nested kinds are read from ``PatrolSerializer``: a new nested list is covered here, and
fails until it shows its status and has a row factory below.
"""

import csv
import io

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from rest_framework.serializers import ListSerializer

from patrols.api.serializers import PatrolSerializer
from reference.api.serializers import FACT_STATUS
from reference.models import Organization
from reference.services import save_record
from tests import factories

pytestmark = pytest.mark.django_db

PATROLS = "/api/v1/patrols/"


def shared():
    """One organization for every row (generated country codes run out)."""
    return Organization.objects.filter(slug="shared").first() or factories.OrganizationFactory(
        slug="shared"
    )


# How to add one row of each nested kind to a patrol.
ROW_FACTORIES = {
    "participations": lambda patrol, **kw: factories.ParticipationFactory(
        patrol=patrol, operator=shared(), **kw
    ),
    "interceptions": lambda patrol, **kw: factories.InterceptionFactory(
        patrol=patrol, responder=shared(), **kw
    ),
    "statements": lambda patrol, **kw: factories.StatementFactory(
        patrol=patrol, organization=shared(), **kw
    ),
    "reported_figures": lambda patrol, **kw: factories.ReportedFigureFactory(
        patrol=patrol, reported_by=shared(), **kw
    ),
    "zone_entries": lambda patrol, **kw: factories.ZoneEntryFactory(
        patrol=patrol, country=shared().country, **kw
    ),
}


def nested_kinds():
    """The patrol's nested lists of records, as its serializer shows them (its own claims
    aside)."""
    return sorted(
        name
        for name, field in PatrolSerializer().fields.items()
        if isinstance(field, ListSerializer) and name not in FACT_STATUS
    )


NESTED = nested_kinds()


def test_every_nested_kind_is_covered_here():
    assert NESTED and set(NESTED) == set(ROW_FACTORIES)


@pytest.mark.parametrize("kind", NESTED)
def test_every_nested_kind_declares_its_status(kind):
    child = PatrolSerializer().fields[kind].child
    assert set(FACT_STATUS) <= set(child.fields)
    assert all(child.fields[name].read_only for name in FACT_STATUS)


def claimed_patrol(slug="claimed-patrol"):
    """A patrol citing one source, with a row of each kind that is claimed by a source of its
    own and disputed by another, and a plain row of each kind inheriting nothing special."""
    patrol = factories.PatrolFactory(slug=slug)
    factories.CitationFactory(content_object=patrol)
    rows = {}
    for kind, make in ROW_FACTORIES.items():
        claimed = make(patrol, confidence="claimed")
        own = factories.CitationFactory(content_object=claimed).source
        other = factories.ClaimFactory(content_object=claimed, field="", value="not so").source
        plain = make(patrol)
        rows[kind] = (claimed, own, other, plain)
    return patrol, rows


def by_id(records):
    return {record["id"]: record for record in records}


def listed(client, **params):
    return client.get(PATROLS, {"page_size": 100, **params}).json()["results"]


def check_status(patrol_json, rows):
    for kind, (claimed, own, other, plain) in rows.items():
        nested = by_id(patrol_json[kind])
        shown = nested[claimed.pk]
        assert shown["confidence"] == "claimed"
        assert shown["disputed"] is True
        assert [s["slug"] for s in shown["sources"]] == [own.slug]
        assert shown["sources"][0]["url"].endswith(f"/sources/{own.slug}/")
        assert shown["sources_inherited"] is False
        [claim] = shown["claims"]
        assert (claim["value"], claim["source"]["slug"], claim["confidence"]) == (
            "not so",
            other.slug,
            "claimed",
        )
        quiet = nested[plain.pk]
        assert (quiet["confidence"], quiet["disputed"], quiet["claims"]) == ("reported", False, [])


def test_a_claimed_row_reads_as_claimed_in_the_list(api_client):
    patrol, rows = claimed_patrol()
    [shown] = listed(api_client)
    check_status(shown, rows)


def test_a_claimed_row_reads_as_claimed_in_the_detail(api_client):
    patrol, rows = claimed_patrol()
    check_status(api_client.get(f"{PATROLS}{patrol.slug}/").json(), rows)


def test_both_list_paths_and_the_detail_agree(api_client):
    """The fast row-built list page says what the serializer says (the browsable API and the
    detail go through the serializer), nested status and all."""
    claimed_patrol("one")
    claimed_patrol("two")
    for shown in listed(api_client):
        assert shown == api_client.get(f"{PATROLS}{shown['slug']}/").json()


def test_inherited_sources_say_so(api_client):
    """A row written with its patrol and naming no sources cites the patrol's, marked
    inherited, on both paths."""
    patrol = factories.PatrolFactory()
    factories.ParticipationFactory(patrol=patrol)
    source = factories.SourceFactory()
    save_record(patrol, sources=[source])  # its rows citing nothing inherit
    for shown in (listed(api_client)[0], api_client.get(f"{PATROLS}{patrol.slug}/").json()):
        [row] = shown["participations"]
        assert [s["slug"] for s in row["sources"]] == [source.slug]
        assert row["sources_inherited"] is True


def csv_rows(response):
    body = b"".join(response.streaming_content) if response.streaming else response.content
    return list(csv.DictReader(io.StringIO(body.decode("utf-8-sig"))))


@pytest.mark.parametrize("path", ["list", "detail"])
def test_csv_cells_carry_the_nested_status(api_client, path):
    patrol, rows = claimed_patrol()
    url = PATROLS if path == "list" else f"{PATROLS}{patrol.slug}/"
    [row] = csv_rows(api_client.get(url, {"format": "csv"}))
    for kind, (_, own, other, _) in rows.items():
        cell = row[kind]
        assert "confidence=claimed" in cell
        assert "disputed=true" in cell
        assert f"sources={own.slug}" in cell
        assert f'(value="not so" source={other.slug}' in cell  # quoted: it holds a space
        assert "confidence=reported disputed=false" in cell


def queries(client, url, **params):
    with CaptureQueriesContext(connection) as context:
        response = client.get(url, params)
        assert response.status_code == 200
        if response.streaming:
            b"".join(response.streaming_content)
    return len(context.captured_queries)


@pytest.mark.parametrize("params", [{}, {"format": "csv"}], ids=["json", "csv"])
def test_the_list_costs_the_same_for_1_and_30_patrols(api_client, params):
    claimed_patrol("first")
    api_client.get(PATROLS)  # content types are looked up once per process
    one = queries(api_client, PATROLS, **params)
    for n in range(29):
        claimed_patrol(f"more-{n}")
    assert queries(api_client, PATROLS, **params) == one


def test_a_detail_costs_the_same_for_1_and_30_rows_of_each_kind(api_client):
    patrol, _ = claimed_patrol()
    url = f"{PATROLS}{patrol.slug}/"
    api_client.get(url)
    one = queries(api_client, url)
    for _ in range(14):
        for make in ROW_FACTORIES.values():
            row = make(patrol, confidence="claimed")
            factories.CitationFactory(content_object=row)
            factories.ClaimFactory(content_object=row, field="", value="other")
    assert queries(api_client, url) == one


def test_as_of_shows_nested_sources_and_claims_as_they_stood(api_client):
    patrol, rows = claimed_patrol()
    moment = timezone.now()
    for claimed, *_ in rows.values():
        factories.CitationFactory(content_object=claimed)
        factories.ClaimFactory(content_object=claimed, field="", value="later")
    as_of = moment.isoformat().replace("+00:00", "Z")
    for shown in (
        api_client.get(f"{PATROLS}{patrol.slug}/", {"as_of": as_of}).json(),
        listed(api_client, as_of=as_of)[0],
    ):
        check_status(shown, rows)
    now = api_client.get(f"{PATROLS}{patrol.slug}/").json()
    for kind, (claimed, *_) in rows.items():
        assert len(by_id(now[kind])[claimed.pk]["sources"]) == 2
