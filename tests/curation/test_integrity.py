"""check_reference_data: each whole-data-set rule is caught when broken, and passes when kept."""

import datetime as dt
import io

import pytest
from django.core.management import CommandError, call_command

from curation import integrity
from reference.models import Citation
from tests import factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def sound_joint_patrol():
    """A joint patrol flown by two countries, citing a source, as every record should."""
    patrol = factories.PatrolFactory(ordinal=1, start_date=dt.date(2019, 7, 23))
    factories.CitationFactory(content_object=patrol)
    for _ in range(2):
        participation = factories.ParticipationFactory(patrol=patrol)
        for record in (participation, participation.aircraft_type, participation.operator):
            factories.CitationFactory(content_object=record)
    return patrol


def test_a_sound_data_set_has_no_problems(sound_joint_patrol):
    assert integrity.problems() == []
    call_command("check_reference_data", stdout=io.StringIO())


def test_a_record_without_sources_is_reported(sound_joint_patrol):
    sound_joint_patrol.citations.all().delete()

    assert [line for line in integrity.problems() if "cites no source" in line] == [
        f"patrol {sound_joint_patrol} (id {sound_joint_patrol.pk}) cites no source"
    ]


def test_a_joint_patrol_flown_by_one_country_is_reported(sound_joint_patrol):
    first, second = sound_joint_patrol.participations.all()
    second.operator.country = first.operator.country
    second.operator.save()

    assert list(integrity.joint_patrols_without_two_countries()) == [
        f"joint patrol {sound_joint_patrol} has participations from 1 country(ies)"
    ]


def test_ordinals_out_of_date_order_are_reported(sound_joint_patrol):
    # The database rule sees one row; a bulk update can still swap dates behind clean()'s back.
    later = factories.PatrolFactory(ordinal=2, start_date=dt.date(2020, 12, 22))
    type(later).objects.filter(pk=later.pk).update(start_date=dt.date(2018, 1, 1))

    assert list(integrity.ordinals_out_of_date_order()) == [
        f"patrol no. 2 (2018-01-01) starts before no. 1 ({sound_joint_patrol.start_date})"
    ]


def test_a_citation_of_a_deleted_record_is_reported(sound_joint_patrol):
    citation = sound_joint_patrol.citations.first()
    Citation.objects.filter(pk=citation.pk).update(object_id=sound_joint_patrol.pk + 1000)

    assert list(integrity.dangling_attachments()) == [
        f"citation {citation.pk} points at a missing patrol (id {sound_joint_patrol.pk + 1000})"
    ]


def test_the_command_fails_when_anything_is_wrong(sound_joint_patrol):
    sound_joint_patrol.citations.all().delete()

    with pytest.raises(CommandError, match="1 problem"):
        call_command("check_reference_data", stdout=io.StringIO())
