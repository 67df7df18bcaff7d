"""generate_synthetic: benchmark data that is valid, spread over the years, reproducible, and
never written next to curated data."""

import io

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db.models import Count

from aircraft.models import AircraftType
from patrols.models import Interception, Participation, Patrol, PatrolRegion, Statement
from reference.models import Citation, Country, Organization, Region, Source
from tests.factories import LoadStampFactory, PatrolFactory

pytestmark = pytest.mark.django_db


def generate(patrols, **options):
    out = io.StringIO()
    call_command("generate_synthetic", patrols=patrols, stdout=out, **options)
    return out.getvalue()


def snapshot():
    """The generated data by natural keys, so that two runs can be compared whatever the ids."""
    patrols = list(
        Patrol.objects.order_by("slug").values_list(
            "slug", "kind", "start_date", "end_date", "confidence", "summary"
        )
    )
    participations = list(
        Participation.objects.order_by("patrol__slug", "pk").values_list(
            "patrol__slug", "aircraft_type__slug", "aircraft_description", "operator__slug", "count"
        )
    )
    interceptions = list(
        Interception.objects.order_by("patrol__slug", "pk").values_list(
            "patrol__slug", "responder__slug", "date", "region__slug", "airspace_violated"
        )
    )
    return patrols, participations, interceptions


def test_writes_patrols_with_participations_regions_and_a_citation_each():
    out = generate(30)

    assert Patrol.objects.count() == 30
    assert not Patrol.objects.exclude(slug__startswith="synthetic-patrol-").exists()
    assert not Patrol.objects.filter(ordinal__isnull=False).exists()
    per_patrol = Patrol.objects.annotate(
        n=Count("participations", distinct=True), regions_n=Count("region_links", distinct=True)
    )
    assert {p.n for p in per_patrol} <= {3, 4, 5}
    assert {p.regions_n for p in per_patrol} <= {1, 2, 3}
    assert Citation.objects.filter(object_id__in=Patrol.objects.values("pk")).count() == 30
    assert "Generated 30 synthetic patrols" in out
    assert f"{Participation.objects.count()} participations" in out


def test_dates_spread_over_thirty_years_and_more():
    generate(200)

    years = {d.year for d in Patrol.objects.dates("start_date", "year")}
    assert len(years) >= 30
    assert min(years) >= 1990 and max(years) <= 2025
    for start, end in Patrol.objects.values_list("start_date", "end_date"):
        assert 0 <= (end - start).days <= 2


def test_every_row_passes_model_validation():
    generate(20, seed=3)

    for model in (Patrol, PatrolRegion, Interception, Citation, Statement):
        for record in model.objects.all():
            record.full_clean()  # fields, choices and every constraint, unique ones included
    # Participations validate slowly (two conditional unique constraints each): a sample.
    for record in Participation.objects.all()[:30]:
        record.full_clean()
    for model in (Country, Organization, Region, AircraftType, Source):
        for record in model.objects.all():
            record.full_clean()
    assert Interception.objects.exists()


def test_refuses_a_database_with_curated_patrols():
    PatrolFactory(slug="first-joint-patrol")

    with pytest.raises(CommandError, match="not synthetic"):
        generate(10)
    assert Patrol.objects.count() == 1
    assert not Country.objects.filter(name__startswith="Synthetic").exists()


def test_refuses_a_database_the_loader_has_written():
    LoadStampFactory()

    with pytest.raises(CommandError, match="curated data"):
        generate(10)
    assert not Patrol.objects.exists()


def test_same_seed_same_data_other_seed_other_data():
    generate(25, seed=7)
    first = snapshot()
    generate(25, seed=7, replace=True)
    assert snapshot() == first
    generate(25, seed=8, replace=True)
    assert snapshot() != first


def test_second_run_refuses_unless_told_to_replace_append_or_reuse():
    generate(10)
    countries = Country.objects.count()

    with pytest.raises(CommandError, match="already holds 10 synthetic patrols"):
        generate(10)

    generate(5, append=True)
    assert Patrol.objects.count() == 15
    assert Patrol.objects.filter(slug="synthetic-patrol-15").exists()
    assert Country.objects.count() == countries  # the vocabulary is reused, not duplicated

    assert "reusing them" in generate(15, reuse=True)
    assert Patrol.objects.count() == 15

    generate(12, reuse=True)  # a different size: replaced
    assert Patrol.objects.count() == 12
    assert Participation.objects.filter(patrol__isnull=True).count() == 0
    assert Citation.objects.count() == 12
