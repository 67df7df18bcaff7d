"""The rules spanning rows hold on the API and on spreadsheet imports: a write that breaks one is
refused, names the rule and the record, and stores nothing.

- a joint strategic patrol written with its participations has them from two countries or more;
- a patrol's dates hold its interceptions; no statement tied to it predates it;
- every fact record cites a source: its own, or (a participation, interception or statement
  written with its patrol, naming none) its patrol's, marked inherited; opinion is never inherited.

The admin's forms and inlines: ``test_write_rules_admin.py``; the loader: tests/curation.
"""

import pytest
import tablib

from patrols.models import Interception, Participation, Patrol, PatrolRegion, Statement
from patrols.resources import PatrolResource
from reference.models import Citation
from tests import factories
from tests.patrols.test_api_writes import PATROLS, patrol_payload, vocabulary  # noqa: F401

pytestmark = pytest.mark.django_db


def stored():
    """Everything a refused write could have touched."""
    return (
        list(Patrol.objects.values_list("slug", "start_date", "end_date", "kind", "updated_at")),
        list(Participation.objects.values_list("pk", "operator_id", "updated_at")),
        Interception.objects.count(),
        Statement.objects.count(),
        PatrolRegion.objects.count(),
        list(Citation.objects.values_list("pk", "source_id", "inherited")),
    )


def one_country(count=2):
    return [
        {"aircraft_type": "h-6k", "operator": "plaaf", "count": count, "role": "bomber"},
        {"aircraft_type": "tu-95ms", "operator": "plaaf", "count": 1, "role": "bomber"},
    ]


@pytest.fixture
def created(curator_api_client, vocabulary):  # noqa: F811
    response = curator_api_client.post(PATROLS, patrol_payload(), format="json")
    assert response.status_code == 201, response.json()
    return Patrol.objects.get(slug="joint-patrol-12")


# --- A joint patrol flies from two countries ------------------------------------------------------


def test_a_joint_patrol_from_one_country_is_refused(curator_api_client, vocabulary):  # noqa: F811
    before = stored()

    response = curator_api_client.post(
        PATROLS, patrol_payload(participations=one_country()), format="json"
    )

    assert response.status_code == 400
    assert "at least two countries" in response.json()["participations"][0]
    assert stored() == before


def test_rewriting_a_joint_patrols_participations_to_one_country_is_refused(
    curator_api_client, created
):
    before = stored()

    response = curator_api_client.patch(
        f"{PATROLS}{created.slug}/", {"participations": one_country()}, format="json"
    )

    assert response.status_code == 400
    assert "at least two countries" in response.json()["participations"][0]
    assert stored() == before


def test_a_national_patrol_from_one_country_is_fine(curator_api_client, vocabulary):  # noqa: F811
    payload = patrol_payload(kind="national_long_range_patrol", participations=one_country())

    assert curator_api_client.post(PATROLS, payload, format="json").status_code == 201


def test_a_joint_patrol_may_be_recorded_before_its_participations_are_known(
    curator_api_client,
    vocabulary,  # noqa: F811
):
    payload = patrol_payload()
    del payload["participations"]

    assert curator_api_client.post(PATROLS, payload, format="json").status_code == 201


# --- Dates --------------------------------------------------------------------------------------


def test_an_interception_outside_its_patrols_dates_is_refused(curator_api_client, created):
    before = stored()
    body = {
        "patrol": created.slug,
        "responder": "vks",
        "aircraft_type": "tu-95ms",
        "date": "2026-12-05",
        "sources": ["mnd-statement"],
    }

    response = curator_api_client.post("/api/v1/interceptions/", body, format="json")

    assert response.status_code == 400
    assert "2026-12-01 to 2026-12-02" in response.json()["date"][0]
    assert stored() == before


def test_a_statement_before_its_patrol_is_refused_and_one_after_it_is_fine(
    curator_api_client, created
):
    def statement(date):
        body = {
            "organization": "vks",
            "kind": "protest",
            "date": date,
            "summary": "Protest.",
            "patrol": created.slug,
            "sources": ["mnd-statement"],
        }
        return curator_api_client.post("/api/v1/statements/", body, format="json")

    before = statement("2026-11-30")
    after = statement("2026-12-03")  # a protest the morning after

    assert before.status_code == 400
    assert "began on 2026-12-01" in before.json()["date"][0]
    assert after.status_code == 201


def test_new_patrol_dates_that_would_leave_a_statement_before_it_are_refused(
    curator_api_client, created
):
    factories.StatementFactory(patrol=created, date="2026-12-01")
    before = stored()

    response = curator_api_client.patch(
        f"{PATROLS}{created.slug}/", {"start_date": "2026-12-02"}, format="json"
    )

    assert response.status_code == 400
    assert "comes before the patrol began" in response.json()["start_date"][0]
    assert stored() == before


# --- Sources --------------------------------------------------------------------------------------


def test_a_patrol_without_sources_is_refused(curator_api_client, vocabulary):  # noqa: F811
    payload = patrol_payload()
    del payload["sources"]

    response = curator_api_client.post(PATROLS, payload, format="json")

    assert response.status_code == 400
    assert "Cite at least one source" in response.json()["sources"][0]
    assert Patrol.objects.count() == 0


def test_taking_every_source_away_is_refused(curator_api_client, created):
    before = stored()

    response = curator_api_client.patch(f"{PATROLS}{created.slug}/", {"sources": []}, format="json")

    assert response.status_code == 400
    assert "Cite at least one source" in response.json()["sources"][0]
    assert stored() == before


def test_records_written_with_the_patrol_inherit_its_sources_and_say_so(
    curator_api_client, created
):
    participation = created.participations.first()

    shown = curator_api_client.get(f"/api/v1/participations/{participation.pk}/").json()

    assert shown["sources_inherited"] is True
    assert [source["slug"] for source in shown["sources"]] == ["mnd-statement"]
    assert set(Citation.objects.filter(inherited=True).values_list("object_id", flat=True)) == {
        p.pk for p in created.participations.all()
    }


def test_inherited_sources_follow_the_patrols_and_own_sources_stay(curator_api_client, created):
    own, inheriting = created.participations.order_by("pk")
    factories.SourceFactory(slug="own-report")
    factories.SourceFactory(slug="tass-report")
    curator_api_client.patch(
        f"/api/v1/participations/{own.pk}/", {"sources": ["own-report"]}, format="json"
    )

    curator_api_client.patch(
        f"{PATROLS}{created.slug}/", {"sources": ["tass-report"]}, format="json"
    )

    def shown(participation):
        body = curator_api_client.get(f"/api/v1/participations/{participation.pk}/").json()
        return [source["slug"] for source in body["sources"]], body["sources_inherited"]

    assert shown(own) == (["own-report"], False)
    assert shown(inheriting) == (["tass-report"], True)


def test_opinion_pieces_are_not_inherited(curator_api_client, vocabulary):  # noqa: F811
    factories.SourceFactory(slug="op-ed", kind="opinion")

    response = curator_api_client.post(
        PATROLS, patrol_payload(sources=["mnd-statement", "op-ed"]), format="json"
    )

    assert response.status_code == 201
    inherited = Citation.objects.filter(inherited=True).select_related("source")
    assert {citation.source.slug for citation in inherited} == {"mnd-statement"}


def test_a_patrol_citing_only_opinion_cannot_pass_sources_down(
    curator_api_client,
    vocabulary,  # noqa: F811
):
    factories.SourceFactory(slug="op-ed", kind="opinion")

    response = curator_api_client.post(PATROLS, patrol_payload(sources=["op-ed"]), format="json")

    assert response.status_code == 400
    assert "only opinion pieces" in response.json()["sources"][0]
    assert Patrol.objects.count() == 0


def test_a_record_written_on_its_own_names_its_sources(curator_api_client, created):
    body = {"patrol": created.slug, "operator": "vks", "aircraft_type": "h-6k", "role": "escort"}

    response = curator_api_client.post("/api/v1/participations/", body, format="json")

    assert response.status_code == 400
    assert "Cite at least one source" in response.json()["sources"][0]


# --- Spreadsheet imports ------------------------------------------------------------------------


HEADERS = ("slug", "name", "kind", "ordinal", "start_date", "end_date", "summary", "notes")


def import_rows(*rows, columns=("sources", "regions", "participations")):
    dataset = tablib.Dataset(headers=[*HEADERS, *columns])
    for row in rows:
        dataset.append([row.get(column, "") for column in dataset.headers])
    return PatrolResource().import_data(dataset, dry_run=False, raise_errors=False)


def row(**overrides):
    return {
        "slug": "joint-patrol-12",
        "name": "12th joint strategic air patrol",
        "kind": "joint_strategic_patrol",
        "start_date": "2026-12-01",
        "end_date": "2026-12-02",
        "sources": "mnd-statement",
        "regions": "sea-of-japan",
        "participations": "h-6k | plaaf | 2 | bomber; tu-95ms | vks | 2 | bomber",
        **overrides,
    }


def row_errors(result):
    return {
        column: " ".join(str(message) for message in messages)
        for invalid in result.invalid_rows
        for column, messages in invalid.error_dict.items()
    }


@pytest.mark.parametrize(
    ("cells", "column", "message"),
    [
        (
            {"participations": "h-6k | plaaf | 2 | bomber; tu-95ms | plaaf | 1 | bomber"},
            "participations",
            "at least two countries",
        ),
        ({"sources": ""}, "sources", "Cite at least one source"),
        ({"sources": "op-ed"}, "sources", "only opinion pieces"),
    ],
    ids=["one-country", "no-source", "only-opinion"],
)
def test_an_import_row_breaking_a_rule_is_refused_and_nothing_is_written(
    vocabulary,  # noqa: F811
    cells,
    column,
    message,
):
    factories.SourceFactory(slug="op-ed", kind="opinion")
    before = stored()

    result = import_rows(row(**cells))

    assert message in row_errors(result)[column]
    assert stored() == before


def test_an_import_narrowing_a_patrols_dates_past_its_interception_is_refused(
    created,
):
    factories.InterceptionFactory(patrol=created, date="2026-12-02")
    before = stored()

    result = import_rows(row(end_date="2026-12-01"))

    assert "falls outside the patrol's dates" in row_errors(result)["end_date"]
    assert stored() == before


def test_an_import_entry_may_name_its_own_sources_and_the_rest_inherit(vocabulary):  # noqa: F811
    factories.SourceFactory(slug="own-report")

    result = import_rows(
        row(participations="h-6k | plaaf | 2 | bomber | own-report; tu-95ms | vks | 2 | bomber")
    )

    assert not result.has_validation_errors() and not result.has_errors()
    cited = {
        (p.aircraft_type.slug, c.source.slug, c.inherited)
        for p in Participation.objects.all()
        for c in p.citations.select_related("source")
    }
    assert cited == {("h-6k", "own-report", False), ("tu-95ms", "mnd-statement", True)}


def test_making_a_patrol_of_one_country_joint_is_refused_but_editing_its_summary_is_not(
    curator_api_client,
    vocabulary,  # noqa: F811
):
    payload = patrol_payload(kind="national_long_range_patrol", participations=one_country())
    curator_api_client.post(PATROLS, payload, format="json")
    url = f"{PATROLS}{payload['slug']}/"

    made_joint = curator_api_client.patch(url, {"kind": "joint_strategic_patrol"}, format="json")
    edited = curator_api_client.patch(url, {"summary": "Over the Sea of Japan."}, format="json")

    assert made_joint.status_code == 400
    assert "at least two countries" in made_joint.json()["participations"][0]
    assert edited.status_code == 200


def test_an_interception_by_an_unidentified_type_needs_no_aircraft_type(
    curator_api_client,
    created,
):
    body = {
        "patrol": created.slug,
        "responder": "vks",
        "date": "2026-12-01",
        "sources": ["mnd-statement"],
    }

    response = curator_api_client.post("/api/v1/interceptions/", body, format="json")

    assert response.status_code == 201, response.json()
    assert response.json()["aircraft_type"] is None
