"""check_reference_data also reports the rules spanning rows that every write path enforces, for
data that reached the database some other way (raw SQL, an old database, a restored file)."""

import datetime as dt

import pytest

from curation import integrity
from tests import factories
from tests.curation.test_integrity import sound_joint_patrol  # noqa: F401  (fixture)

pytestmark = pytest.mark.django_db


def test_an_interception_outside_its_patrols_dates_is_reported(sound_joint_patrol):  # noqa: F811
    interception = factories.InterceptionFactory(
        patrol=sound_joint_patrol, date=dt.date(2019, 7, 25)
    )
    factories.CitationFactory(content_object=interception)
    factories.CitationFactory(content_object=interception.responder)

    problems = [line for line in integrity.problems() if "falls outside" in line]

    assert problems == [
        f"interception {interception} (id {interception.pk}) falls outside the dates of "
        f"patrol {sound_joint_patrol}"
    ]


def test_a_statement_before_its_patrol_is_reported(sound_joint_patrol):  # noqa: F811
    statement = factories.StatementFactory(patrol=sound_joint_patrol, date=dt.date(2019, 7, 22))
    factories.CitationFactory(content_object=statement)
    factories.CitationFactory(content_object=statement.organization)

    problems = [line for line in integrity.problems() if "comes before" in line]

    assert problems == [
        f"statement {statement.slug} comes before patrol {sound_joint_patrol} began"
    ]


def test_inherited_sources_out_of_step_with_the_patrol_are_reported(
    sound_joint_patrol,  # noqa: F811
):
    participation = sound_joint_patrol.participations.first()
    participation.citations.all().delete()
    factories.CitationFactory(content_object=participation, inherited=True)  # not the patrol's

    problems = [line for line in integrity.problems() if "inherits sources" in line]

    assert problems == [
        f"participation {participation} (id {participation.pk}) inherits sources its patrol "
        f"{sound_joint_patrol} no longer cites, or misses some it does"
    ]
