"""A query compiled once (``core.prepared``) answers exactly what the ORM's ``.values()`` answers
for the same keys, on either database: by one field, or by a pair of fields (a generic
relation's content type and object id, so that a record's citations are read under its own
type, not every id under every type)."""

import pytest
from django.contrib.contenttypes.models import ContentType

from core.prepared import PreparedValues
from patrols.models import Participation, Patrol
from reference.models import Citation
from tests import factories

pytestmark = pytest.mark.django_db

NAMES = ("content_type_id", "object_id", "source_id")
BY_TARGET = PreparedValues(
    lambda: Citation.objects.order_by("pk"), ("content_type", "object_id"), NAMES
)
BY_OBJECT = PreparedValues(lambda: Citation.objects.order_by("pk"), "object_id", NAMES)


def same_ids():
    """A patrol and a participation that share an id, each citing a source of its own."""
    patrol = factories.PatrolFactory()
    participation = factories.ParticipationFactory()  # the only participation: no id taken
    Participation.objects.filter(pk=participation.pk).update(id=patrol.pk)
    participation = Participation.objects.get(pk=patrol.pk)
    factories.CitationFactory(content_object=patrol)
    factories.CitationFactory(content_object=participation)
    return patrol


def test_a_pair_key_reads_each_record_under_its_own_type_only():
    patrol = same_ids()
    patrol_type = ContentType.objects.get_for_model(Patrol)

    rows = BY_TARGET([(patrol_type.pk, patrol.pk)])

    expected = Citation.objects.filter(content_type=patrol_type, object_id=patrol.pk)
    assert rows == list(expected.order_by("pk").values(*NAMES))
    assert len(rows) == 1


def test_a_single_key_reads_every_record_with_that_id():
    patrol = same_ids()

    rows = BY_OBJECT([patrol.pk])

    assert rows == list(Citation.objects.filter(object_id=patrol.pk).order_by("pk").values(*NAMES))
    assert len(rows) == 2


@pytest.mark.parametrize("query", [BY_TARGET, BY_OBJECT], ids=["pair", "single"])
def test_no_keys_is_no_rows_and_no_query(query, django_assert_num_queries):
    with django_assert_num_queries(0):
        assert query([]) == []
