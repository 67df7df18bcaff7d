"""The rules spanning rows hold in the admin: the patrol form with its inlines, checked together as
the curator submitted them, and each record's own form. A refusal is a form error naming the rule
and the record, and nothing is written (the API and imports: ``test_write_rules.py``)."""

import pytest

from patrols.models import Interception, Participation, Patrol
from tests import factories
from tests.core.admin_pages import admin_url
from tests.patrols.test_admin_patrol_form import (
    CITATIONS,
    INTERCEPTIONS,
    PARTICIPATIONS,
    STATEMENTS,
    inline_formset,
    inline_rows,
    nothing_written,
    patrol_form,
    patrol_people,  # noqa: F401  (fixture)
)

pytestmark = pytest.mark.django_db


def errors_of(response, prefix):
    return " ".join(inline_formset(response, prefix).non_form_errors())


@pytest.fixture
def chinese_air_force():
    china = factories.CountryFactory(code="CN", code3="CHN", name="China")
    return factories.OrganizationFactory(name="PLA Air Force", country=china)


def two_countries(people, chinese_air_force):
    """Participation rows from Russia and China."""
    rows = [
        {"aircraft_type": str(people["aircraft_type"].pk), "operator": str(operator.pk)}
        for operator in (people["operator"], chinese_air_force)
    ]
    return inline_rows(
        PARTICIPATIONS,
        *[{**row, "count": "2", "role": "bomber", "confidence": "confirmed"} for row in rows],
    )


def test_a_joint_patrol_from_one_country_is_refused_in_its_participations(
    curator_client,
    patrol_people,  # noqa: F811
):
    joint = {"kind": "joint_strategic_patrol", "ordinal": "2"}

    response = curator_client.post(
        admin_url(Patrol, "add"), patrol_form(patrol_people, patrol=joint)
    )

    assert response.status_code == 200
    assert "at least two countries; these come from Russia" in errors_of(response, PARTICIPATIONS)
    assert nothing_written()


def test_a_joint_patrol_from_two_countries_is_saved_and_its_rows_inherit_its_sources(
    curator_client,
    patrol_people,  # noqa: F811
    chinese_air_force,
):
    joint = {"kind": "joint_strategic_patrol", "ordinal": "2"}
    data = patrol_form(patrol_people, patrol=joint) | two_countries(
        patrol_people, chinese_air_force
    )

    response = curator_client.post(admin_url(Patrol, "add"), data)

    assert response.status_code == 302
    patrol = Patrol.objects.get()
    for record in [*patrol.participations.all(), *patrol.interceptions.all()]:
        citations = list(record.citations.all())
        assert [(c.source, c.inherited) for c in citations] == [(patrol_people["source"], True)]


def test_an_inline_row_may_name_its_own_sources(
    curator_client,
    patrol_people,  # noqa: F811
):
    own = factories.SourceFactory(slug="jso-press-release")
    data = patrol_form(patrol_people, interception={"sources": "jso-press-release"})

    response = curator_client.post(admin_url(Patrol, "add"), data)

    assert response.status_code == 302
    interception = Interception.objects.get()
    assert [(c.source, c.inherited) for c in interception.citations.all()] == [(own, False)]


def test_an_unknown_own_source_is_a_row_error(
    curator_client,
    patrol_people,  # noqa: F811
):
    data = patrol_form(patrol_people, interception={"sources": "no-such-source"})

    response = curator_client.post(admin_url(Patrol, "add"), data)

    assert response.status_code == 200
    row = inline_formset(response, INTERCEPTIONS).forms[0]
    assert row.errors["sources"] == ["No source has the slug no-such-source."]
    assert nothing_written()


@pytest.mark.parametrize(
    ("inline", "row", "message"),
    [
        (INTERCEPTIONS, {"date": "2020-12-24"}, "The patrol ran from 2020-12-22 to 2020-12-22"),
        (STATEMENTS, {"date": "2020-12-21"}, "The patrol it concerns began on 2020-12-22"),
    ],
    ids=["interception-after-the-patrol", "statement-before-the-patrol"],
)
def test_an_inline_row_outside_the_patrols_dates_is_refused(
    curator_client,
    patrol_people,  # noqa: F811
    chinese_air_force,
    inline,
    row,
    message,
):
    data = patrol_form(patrol_people, **{inline[:-1]: row}) | two_countries(
        patrol_people, chinese_air_force
    )

    response = curator_client.post(admin_url(Patrol, "add"), data)

    assert response.status_code == 200
    assert message in " ".join(
        [errors_of(response, inline), *map(str, inline_formset(response, inline).errors)]
    )
    assert nothing_written()


def test_a_patrol_without_sources_is_refused(
    curator_client,
    patrol_people,  # noqa: F811
    chinese_air_force,
):
    data = (
        patrol_form(patrol_people)
        | two_countries(patrol_people, chinese_air_force)
        | inline_rows(CITATIONS)
    )

    response = curator_client.post(admin_url(Patrol, "add"), data)

    assert response.status_code == 200
    assert "Cite at least one source" in errors_of(response, CITATIONS)
    assert nothing_written()


@pytest.mark.parametrize(
    "factory",
    [factories.OrganizationFactory, factories.AircraftTypeFactory, factories.ParticipationFactory],
    ids=lambda factory: factory._meta.model.__name__,
)
def test_any_fact_record_saved_in_its_own_form_without_a_source_is_refused(curator_client, factory):
    from tests.admin_forms import posted_data

    record = factory()
    url = admin_url(type(record), "change", record.pk)
    before = type(record).objects.filter(pk=record.pk).values().get()

    response = curator_client.post(url, {**posted_data(curator_client.get(url)), "notes": "x"})

    assert response.status_code == 200
    assert "Cite at least one source" in response.content.decode()
    assert type(record).objects.filter(pk=record.pk).values().get() == before


def test_narrowing_a_stored_patrols_dates_past_its_interception_is_refused(curator_client):
    from tests.admin_forms import posted_data

    patrol = factories.PatrolFactory(start_date="2024-11-29", end_date="2024-11-30")
    factories.CitationFactory(content_object=patrol)
    factories.InterceptionFactory(patrol=patrol, date="2024-11-30")
    url = admin_url(Patrol, "change", patrol.pk)

    response = curator_client.post(
        url, {**posted_data(curator_client.get(url)), "end_date": "2024-11-29"}
    )

    assert response.status_code == 200
    assert "The patrol ran from 2024-11-29 to 2024-11-29" in response.content.decode()
    patrol.refresh_from_db()
    assert str(patrol.end_date) == "2024-11-30"


def test_a_participation_inheriting_its_patrols_sources_keeps_them_when_edited_alone(
    curator_client,
):
    from tests.admin_forms import posted_data

    patrol = factories.PatrolFactory(kind="national_long_range_patrol", ordinal=None)
    factories.CitationFactory(content_object=patrol)
    participation = factories.ParticipationFactory(patrol=patrol)
    factories.CitationFactory(
        content_object=participation, source=patrol.citations.get().source, inherited=True
    )
    url = admin_url(Participation, "change", participation.pk)

    response = curator_client.post(
        url, {**posted_data(curator_client.get(url)), "notes": "Edited alone."}
    )

    assert response.status_code == 302
    assert list(participation.citations.values_list("inherited", flat=True)) == [True]
