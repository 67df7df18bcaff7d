"""What a fact record derives from its citations and claims: its sources in citation order,
its source count, and whether it is disputed (marked so, or carrying a claim).

A citation or claim of another kind of record that happens to have the same id never counts.
"""

import pytest
from django.contrib.contenttypes.models import ContentType

from aircraft.models import AircraftType
from patrols.models import Patrol
from reference.models import Citation, Claim
from tests import factories

pytestmark = pytest.mark.django_db


def test_a_records_sources_are_its_cited_sources_in_citation_order():
    patrol = factories.PatrolFactory()
    first, second = factories.SourceFactory(title="Zeta"), factories.SourceFactory(title="Alpha")
    factories.CitationFactory(content_object=patrol, source=first)
    factories.CitationFactory(content_object=patrol, source=second)

    assert Patrol.objects.with_sources().get(pk=patrol.pk).sources == [first, second]


def test_source_counts_ignore_citations_of_other_kinds_of_record_with_the_same_id():
    patrol = factories.PatrolFactory()
    Citation.objects.create(
        content_type=ContentType.objects.get_for_model(AircraftType),
        object_id=patrol.pk,
        source=factories.SourceFactory(),
    )

    assert Patrol.objects.with_source_count().get(pk=patrol.pk).source_count == 0


def test_disputed_records_are_those_marked_disputed_or_carrying_a_claim():
    marked = factories.PatrolFactory(confidence="disputed")
    claimed = factories.PatrolFactory(confidence="confirmed")
    factories.ClaimFactory(content_object=claimed)
    plain = factories.PatrolFactory(confidence="reported")

    assert set(Patrol.objects.disputed()) == {marked, claimed}
    assert set(Patrol.objects.disputed(False)) == {plain}
    assert (marked.is_disputed, claimed.is_disputed, plain.is_disputed) == (True, True, False)


def test_a_claim_on_another_kind_of_record_with_the_same_id_does_not_dispute_a_patrol():
    patrol = factories.PatrolFactory(confidence="reported")
    Claim.objects.create(
        content_type=ContentType.objects.get_for_model(AircraftType),
        object_id=patrol.pk,
        value="x",
        source=factories.SourceFactory(),
    )

    assert list(Patrol.objects.disputed()) == []
    assert list(Patrol.objects.disputed(False)) == [patrol]
