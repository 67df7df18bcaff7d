"""The data rules of patrols and what hangs off them: dates, ordinals, participations,
routes, statements, and what goes with a deleted patrol.

Rows are written with ``objects.create()`` or ``.update()``, which skip ``full_clean()``, so each
test shows the database itself holding the line; the ``full_clean()`` tests check that the same
rules reach the admin and the loader as errors on the offending field.

The rules every model shares are in tests/core/test_constraints.py.
"""

import datetime

import pytest
from django.core.exceptions import ValidationError

from aircraft.models import AircraftType
from patrols.models import Interception, Participation, Patrol, Statement
from reference.models import Citation, Organization, Source
from tests import factories
from tests.core.db_rules import assert_protected, field_errors, refused_by_the_database

pytestmark = pytest.mark.django_db


# --- Patrols --------------------------------------------------------------------------------------


def test_a_patrol_ending_before_it_starts_is_refused_by_the_database():
    with refused_by_the_database():
        factories.PatrolFactory(
            start_date=datetime.date(2019, 7, 23), end_date=datetime.date(2019, 7, 22)
        )


def test_a_one_day_patrol_may_end_on_the_day_it_starts():
    patrol = factories.PatrolFactory(
        start_date=datetime.date(2019, 7, 23), end_date=datetime.date(2019, 7, 23)
    )

    assert patrol.end_date == patrol.start_date


@pytest.mark.parametrize("kind", ["national_long_range_patrol", "exercise"])
def test_an_ordinal_on_a_patrol_that_is_not_a_joint_strategic_patrol_is_refused(kind):
    with refused_by_the_database():
        factories.PatrolFactory(kind=kind, ordinal=1)


def test_two_joint_patrols_with_the_same_ordinal_are_refused_by_the_database():
    factories.PatrolFactory(ordinal=3)

    with refused_by_the_database():
        factories.PatrolFactory(ordinal=3)


def test_any_number_of_joint_patrols_may_be_unnumbered():
    factories.PatrolFactory.create_batch(2, ordinal=None)

    assert Patrol.objects.filter(ordinal__isnull=True).count() == 2


def test_a_patrol_route_of_an_unknown_type_is_refused_by_the_database():
    patrol = factories.PatrolFactory()

    with refused_by_the_database():
        Patrol.objects.filter(pk=patrol.pk).update(route={"type": "Circle"})


def test_a_patrol_whose_route_is_malformed_is_refused_on_save():
    patrol = factories.PatrolFactory.build(route={"type": "LineString", "coordinates": [[130, 35]]})

    with pytest.raises(ValidationError, match=r"route\.coordinates"):
        patrol.save()

    assert not Patrol.objects.exists()


# --- Participations -------------------------------------------------------------------------------


def test_the_same_aircraft_type_operator_and_role_twice_in_one_patrol_is_refused():
    first = factories.ParticipationFactory()

    with refused_by_the_database():
        factories.ParticipationFactory(
            patrol=first.patrol,
            aircraft_type=first.aircraft_type,
            operator=first.operator,
            role=first.role,
        )


def test_the_same_aircraft_type_and_operator_in_another_role_is_accepted():
    first = factories.ParticipationFactory(role="bomber")

    factories.ParticipationFactory(
        patrol=first.patrol,
        aircraft_type=first.aircraft_type,
        operator=first.operator,
        role="escort",
    )

    assert first.patrol.participations.count() == 2


def test_the_same_unidentified_aircraft_operator_and_role_twice_in_one_patrol_is_refused():
    first = factories.ParticipationFactory(
        aircraft_type=None, aircraft_description="unidentified fighters", role="escort"
    )

    with refused_by_the_database():
        factories.ParticipationFactory(
            patrol=first.patrol,
            aircraft_type=None,
            aircraft_description="unidentified fighters",
            operator=first.operator,
            role="escort",
        )


def test_a_participation_with_neither_aircraft_type_nor_description_is_refused():
    with refused_by_the_database():
        factories.ParticipationFactory(aircraft_type=None, aircraft_description="")


# --- Statements -----------------------------------------------------------------------------------


def test_a_statement_with_an_empty_summary_or_slug_is_refused_by_the_database():
    statement = factories.StatementFactory()

    with refused_by_the_database():
        Statement.objects.filter(pk=statement.pk).update(summary="")
    with refused_by_the_database():
        Statement.objects.filter(pk=statement.pk).update(slug="")


def test_a_statement_saved_without_a_slug_gets_one_from_its_organization_kind_and_date():
    organization = factories.OrganizationFactory(slug="mnd")
    first = factories.StatementFactory(
        slug="", organization=organization, kind="protest", date=datetime.date(2019, 7, 23)
    )
    second = factories.StatementFactory(
        slug="", organization=organization, kind="protest", date=datetime.date(2019, 7, 23)
    )

    assert (first.slug, second.slug) == ("mnd-protest-2019-07-23", "mnd-protest-2019-07-23-2")


# --- What goes with a patrol, and what keeps it ---------------------------------------------------


def test_deleting_a_patrol_deletes_its_participations_interceptions_and_citations():
    patrol = factories.PatrolFactory()
    factories.ParticipationFactory.create_batch(2, patrol=patrol)
    factories.InterceptionFactory(patrol=patrol)
    citation = factories.CitationFactory(content_object=patrol)

    patrol.delete()

    assert not Participation.objects.exists()
    assert not Interception.objects.exists()
    assert not Citation.objects.exists()
    assert Source.objects.filter(pk=citation.source_id).exists()
    assert Organization.objects.count() == 3
    assert AircraftType.objects.count() == 2


def test_a_patrol_that_statements_refer_to_cannot_be_deleted():
    patrol = factories.PatrolFactory()
    factories.ParticipationFactory(patrol=patrol)
    factories.StatementFactory(patrol=patrol)

    assert_protected(patrol)
    assert patrol.participations.count() == 1


# --- The same rules reach forms as errors on the field --------------------------------------------


def test_full_clean_names_count_for_a_participation_of_zero_aircraft():
    participation = factories.ParticipationFactory()
    participation.count = 0

    assert "count" in field_errors(participation)


def test_full_clean_names_aircraft_type_for_a_participation_with_nothing_identifying_the_aircraft():
    participation = factories.ParticipationFactory()
    participation.aircraft_type, participation.aircraft_description = None, "   "

    assert "aircraft_type" in field_errors(participation)


def test_full_clean_names_end_date_for_a_patrol_ending_before_it_starts():
    patrol = factories.PatrolFactory.build(
        start_date=datetime.date(2019, 7, 23), end_date=datetime.date(2019, 7, 22)
    )

    assert field_errors(patrol) == {"end_date": ["The end date cannot come before the start date."]}


def test_full_clean_names_ordinal_for_a_numbered_patrol_that_is_not_joint():
    patrol = factories.PatrolFactory.build(kind="exercise", ordinal=1)

    assert field_errors(patrol) == {"ordinal": ["Only joint strategic patrols are numbered."]}


@pytest.mark.parametrize(
    ("ordinal", "start_date"),
    [(3, datetime.date(2020, 1, 1)), (1, datetime.date(2021, 1, 1))],
    ids=["later-number-earlier-date", "earlier-number-later-date"],
)
def test_full_clean_names_ordinal_for_a_patrol_numbered_out_of_date_order(ordinal, start_date):
    factories.PatrolFactory(ordinal=2, start_date=datetime.date(2020, 12, 22))
    patrol = factories.PatrolFactory.build(ordinal=ordinal, start_date=start_date)

    assert "ordinal" in field_errors(patrol)


def test_full_clean_accepts_a_patrol_numbered_in_date_order():
    factories.PatrolFactory(ordinal=1, start_date=datetime.date(2019, 7, 23))
    factories.PatrolFactory(ordinal=3, start_date=datetime.date(2021, 11, 19))
    patrol = factories.PatrolFactory.build(ordinal=2, start_date=datetime.date(2020, 12, 22))

    assert field_errors(patrol) == {}


@pytest.mark.parametrize("day", [datetime.date(2020, 12, 21), datetime.date(2020, 12, 24)])
def test_full_clean_names_date_for_an_interception_outside_the_patrol_dates(day):
    patrol = factories.PatrolFactory(
        start_date=datetime.date(2020, 12, 22), end_date=datetime.date(2020, 12, 23)
    )
    interception = factories.InterceptionFactory.build(
        patrol=patrol, responder=factories.OrganizationFactory(), date=day
    )

    assert "date" in field_errors(interception)


def test_full_clean_accepts_an_interception_on_the_last_day_of_the_patrol():
    patrol = factories.PatrolFactory(
        start_date=datetime.date(2020, 12, 22), end_date=datetime.date(2020, 12, 23)
    )
    interception = factories.InterceptionFactory.build(
        patrol=patrol, responder=factories.OrganizationFactory(), date=datetime.date(2020, 12, 23)
    )

    assert field_errors(interception) == {}
