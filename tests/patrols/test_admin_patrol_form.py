"""The patrol add form: a patrol and every part of it in one page, refused whole when a part
breaks a rule, and only for curators."""

import datetime

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse

from patrols.models import Interception, Participation, Patrol, PatrolRegion, Statement
from reference.models import Citation, Claim
from tests import factories
from tests.core.admin_pages import admin_url

pytestmark = pytest.mark.django_db


# --- The patrol add form --------------------------------------------------------------------------


REGIONS = "region_links"
PARTICIPATIONS = "participations"
INTERCEPTIONS = "interceptions"
STATEMENTS = "statements"
REPORTED_FIGURES = "reported_figures"
ZONE_ENTRIES = "zone_entries"
CITATIONS = "reference-citation-content_type-object_id"
CLAIMS = "reference-claim-content_type-object_id"


@pytest.fixture
def patrol_people():
    """The organizations, aircraft and source a patrol form refers to."""
    russia = factories.CountryFactory(code="RU", code3="RUS", name="Russia")
    japan = factories.CountryFactory(code="JP", code3="JPN", name="Japan")
    return {
        "operator": factories.OrganizationFactory(name="Russian Aerospace Forces", country=russia),
        "responder": factories.OrganizationFactory(name="JASDF", country=japan),
        "aircraft_type": factories.AircraftTypeFactory(designation="Tu-95MS"),
        "fighter": factories.AircraftTypeFactory(designation="F-15J", role="fighter"),
        "source": factories.SourceFactory(),
        "region": factories.RegionFactory(name="Sea of Japan"),
    }


def management_form(prefix, total):
    return {
        f"{prefix}-TOTAL_FORMS": str(total),
        f"{prefix}-INITIAL_FORMS": "0",
        f"{prefix}-MIN_NUM_FORMS": "0",
        f"{prefix}-MAX_NUM_FORMS": "1000",
    }


def inline_rows(prefix, *rows):
    data = management_form(prefix, len(rows))
    for i, row in enumerate(rows):
        data.update({f"{prefix}-{i}-{name}": value for name, value in row.items()})
    return data


def patrol_form(people, *, patrol=None, participation=None, interception=None, statement=None):
    """POST data for the patrol add form: a patrol with one row in every inline."""
    data = {
        "name": "Tu-95MS flight over the Sea of Japan",
        "slug": "tu-95ms-flight-2020-12-22",
        "kind": "national_long_range_patrol",  # one country: a joint patrol needs two
        "ordinal": "",
        "start_date": "2020-12-22",
        "end_date": "2020-12-22",
        "summary": "Over the Sea of Japan and the East China Sea.",
        "notes": "",
        "route": "",
        "confidence": "confirmed",
        **(patrol or {}),
    }
    data |= inline_rows(REGIONS, {"region": str(people["region"].pk)})
    data |= inline_rows(
        PARTICIPATIONS,
        {
            "aircraft_type": str(people["aircraft_type"].pk),
            "aircraft_description": "",
            "operator": str(people["operator"].pk),
            "count": "2",
            "role": "bomber",
            "confidence": "confirmed",
            **(participation or {}),
        },
    )
    data |= inline_rows(
        INTERCEPTIONS,
        {
            "responder": str(people["responder"].pk),
            "aircraft_type": str(people["fighter"].pk),
            "count": "4",
            "date": "2020-12-22",
            "region": "",
            "airspace_violated": "false",
            "confidence": "reported",
            **(interception or {}),
        },
    )
    data |= inline_rows(
        STATEMENTS,
        {
            "organization": str(people["operator"].pk),
            "speaker": "",
            "date": "2020-12-22",
            "kind": "announcement",
            "confidence": "confirmed",
            "summary": "The patrol was carried out according to plan.",
            "slug": "russian-mod-announcement-2020-12-22",
            **(statement or {}),
        },
    )
    data |= inline_rows(REPORTED_FIGURES) | inline_rows(ZONE_ENTRIES)  # none
    data |= inline_rows(CITATIONS, {"source": str(people["source"].pk), "locator": "para. 2"})
    data |= inline_rows(
        CLAIMS,
        {
            "field": "end_date",
            "value": "2020-12-23",
            "source": str(people["source"].pk),
            "confidence": "claimed",
            "note": "",
        },
    )
    return data


def inline_formset(response, prefix):
    (formset,) = [
        inline.formset
        for inline in response.context["inline_admin_formsets"]
        if inline.formset.prefix == prefix
    ]
    return formset


def nothing_written():
    return not any(
        model.objects.exists()
        for model in (Patrol, PatrolRegion, Participation, Interception, Statement, Citation, Claim)
    )


def test_the_patrol_add_form_has_an_inline_for_each_part_of_a_patrol(curator_client):
    response = curator_client.get(admin_url(Patrol, "add"))

    prefixes = [inline.formset.prefix for inline in response.context["inline_admin_formsets"]]
    assert prefixes == [
        REGIONS, PARTICIPATIONS, INTERCEPTIONS, STATEMENTS, REPORTED_FIGURES, ZONE_ENTRIES,
        CITATIONS, CLAIMS,
    ]  # fmt: skip
    for prefix in prefixes:
        assert f'name="{prefix}-TOTAL_FORMS"' in response.content.decode()


def test_a_curator_adds_a_patrol_with_its_participation_interception_statement_and_sources(
    curator_client, patrol_people
):
    response = curator_client.post(admin_url(Patrol, "add"), patrol_form(patrol_people))

    assert response.status_code == 302
    patrol = Patrol.objects.get(slug="tu-95ms-flight-2020-12-22")
    assert response.url == admin_url(Patrol, "changelist")
    participation = patrol.participations.get()
    assert (participation.aircraft_type, participation.operator, participation.count) == (
        patrol_people["aircraft_type"],
        patrol_people["operator"],
        2,
    )
    assert list(patrol.regions.all()) == [patrol_people["region"]]
    interception = patrol.interceptions.get()
    assert interception.responder == patrol_people["responder"]
    assert interception.airspace_violated is False
    assert patrol.statements.get().slug == "russian-mod-announcement-2020-12-22"
    assert patrol.sources == [patrol_people["source"]]
    claim = patrol.claims.get()
    assert (claim.field, claim.value) == ("end_date", "2020-12-23")


def test_a_patrol_ending_before_it_starts_is_refused_with_the_error_on_end_date(
    curator_client, patrol_people
):
    data = patrol_form(patrol_people, patrol={"end_date": "2020-12-21"})

    response = curator_client.post(admin_url(Patrol, "add"), data)

    assert response.status_code == 200
    form = response.context["adminform"].form
    assert form.errors["end_date"] == ["The end date cannot come before the start date."]
    assert "The end date cannot come before the start date." in response.content.decode()
    assert nothing_written()


def test_a_participation_of_zero_aircraft_is_refused_in_the_inline_and_nothing_is_written(
    curator_client, patrol_people
):
    data = patrol_form(patrol_people, participation={"count": "0"})

    response = curator_client.post(admin_url(Patrol, "add"), data)

    assert response.status_code == 200
    participations = inline_formset(response, PARTICIPATIONS)
    assert participations.prefix == PARTICIPATIONS
    assert "count" in participations.errors[0]
    assert nothing_written()


def test_a_statement_added_with_an_empty_slug_gets_one_made_from_the_rest(
    curator_client, patrol_people
):
    data = patrol_form(patrol_people, statement={"slug": ""})

    response = curator_client.post(admin_url(Patrol, "add"), data)

    assert response.status_code == 302
    statement = Statement.objects.get()
    assert statement.slug.startswith(patrol_people["operator"].slug)


def test_an_interception_dated_outside_a_new_patrol_is_refused_in_the_inline(
    curator_client, patrol_people
):
    data = patrol_form(patrol_people, interception={"date": "2021-01-15"})

    response = curator_client.post(admin_url(Patrol, "add"), data)

    assert response.status_code == 200
    interceptions = inline_formset(response, INTERCEPTIONS)
    assert "date" in interceptions.errors[0]
    assert nothing_written()


def test_an_interception_dated_outside_an_existing_patrol_is_refused_in_the_inline(
    curator_client, patrol_people
):
    patrol = factories.PatrolFactory(
        start_date=datetime.date(2020, 12, 22), end_date=datetime.date(2020, 12, 22)
    )
    url = admin_url(Patrol, "change", patrol.pk)
    data = patrol_form(
        patrol_people,
        patrol={"slug": patrol.slug, "name": patrol.name},
        interception={"date": "2021-01-15"},
    )
    data |= {f"{INTERCEPTIONS}-0-patrol": str(patrol.pk)}

    response = curator_client.post(url, data)

    assert response.status_code == 200
    interceptions = inline_formset(response, INTERCEPTIONS)
    assert "date" in interceptions.errors[0]
    assert not Interception.objects.exists()


# --- Who may open the patrol admin ----------------------------------------------------------------


@pytest.mark.parametrize("view", ["changelist", "add"])
def test_an_anonymous_visitor_is_sent_to_the_login_page(client, view):
    url = admin_url(Patrol, view)

    response = client.get(url)

    assert response.status_code == 302
    assert response.url.startswith(reverse("admin:login"))
    assert f"next={url}" in response.url


@pytest.mark.parametrize("view", ["changelist", "add"])
def test_staff_without_permissions_are_forbidden(staff_without_permissions_client, view):
    response = staff_without_permissions_client.get(admin_url(Patrol, view))

    assert response.status_code == 403


@pytest.mark.parametrize("view", ["changelist", "add"])
def test_a_user_who_is_not_staff_is_sent_to_the_login_page_even_in_the_curators_group(
    client, curators_group, view
):
    user = get_user_model().objects.create_user("reader")
    user.groups.add(curators_group)
    client.force_login(user)

    response = client.get(admin_url(Patrol, view))

    assert response.status_code == 302
    assert response.url.startswith(reverse("admin:login"))


def test_staff_without_permissions_cannot_add_a_patrol_by_posting(
    staff_without_permissions_client, patrol_people
):
    response = staff_without_permissions_client.post(
        admin_url(Patrol, "add"), patrol_form(patrol_people)
    )

    assert response.status_code == 403
    assert nothing_written()


def test_the_patrol_page_reads_its_rows_own_sources_in_a_fixed_number_of_queries(curator_client):
    """One query for every row's own sources, not one per row."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    patrol = factories.PatrolFactory(kind="national_long_range_patrol", ordinal=None)

    def queries_with(rows):
        while patrol.participations.count() < rows:
            participation = factories.ParticipationFactory(patrol=patrol)
            factories.CitationFactory(content_object=participation)
        with CaptureQueriesContext(connection) as captured:
            assert curator_client.get(admin_url(Patrol, "change", patrol.pk)).status_code == 200
        # Citations only: the autocomplete widgets read each row's selected records (Django's).
        return sum('FROM "reference_citation"' in query["sql"] for query in captured)

    assert queries_with(2) == queries_with(6)
