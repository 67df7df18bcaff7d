"""A preferred value the data files attribute to a source rests on a record citing that source.

``figure_sources: {field: source-slug}`` beside an entry says which cited page gives the
record's preferred value; ``check_reference_data`` fails, naming the record, the field and the
source, when the record does not cite it. Built from factories and data files written to a
temporary folder (the curated files are only read, by the first test).
"""

import io
import textwrap

import pytest
from django.core.management import CommandError, call_command

from curation import integrity
from curation.preferred_figures import attributions, preferred_figures_without_their_source
from tests import factories

pytestmark = pytest.mark.django_db


def check(paths):
    return list(preferred_figures_without_their_source(paths))


def test_the_curated_data_cites_every_source_it_names_for_a_preferred_value(loaded):
    found, unplaced = attributions()
    named = {(a.entry_name, a.field, a.sources) for a in found}
    assert ("aircraft_types tu-95ms", "range_km", ("historywarsweapons-tu-95",)) in named
    assert ("aircraft_types tu-95ms", "payload_kg", ("historywarsweapons-tu-95",)) in named
    assert unplaced == []
    assert list(preferred_figures_without_their_source()) == []


@pytest.fixture
def bomber():
    """An aircraft type whose range the data file attributes to a source it cites."""
    aircraft_type = factories.AircraftTypeFactory(range_km=15000)
    source = factories.SourceFactory()
    factories.CitationFactory(content_object=aircraft_type, source=source)
    return aircraft_type, source


def write(folder, name, text):
    path = folder / name
    path.write_text(textwrap.dedent(text), encoding="utf-8")
    return path


@pytest.fixture
def bomber_file(tmp_path, bomber):
    aircraft_type, source = bomber
    return write(
        tmp_path,
        "aircraft.yaml",
        f"""
        aircraft_types:
          - slug: {aircraft_type.slug}
            range_km: 15000
            sources: [{source.slug}]
            figure_sources: {{range_km: {source.slug}}}
        """,
    )


def test_a_preferred_value_whose_source_is_cited_passes(bomber_file):
    assert check([bomber_file]) == []


def test_a_preferred_value_whose_source_is_no_longer_cited_is_reported(bomber, bomber_file):
    aircraft_type, source = bomber
    aircraft_type.citations.filter(source=source).delete()
    factories.CitationFactory(content_object=aircraft_type)  # it still cites something else

    assert check([bomber_file]) == [
        f"aircraft type {aircraft_type} (id {aircraft_type.pk}): range_km = 15000 is given by "
        f"source {source.slug}, which the record does not cite"
    ]


def test_the_command_fails_naming_record_field_and_source(bomber, bomber_file, monkeypatch):
    aircraft_type, source = bomber
    aircraft_type.citations.all().delete()
    factories.CitationFactory(content_object=aircraft_type)
    monkeypatch.setattr(
        integrity, "CHECKS", (lambda: preferred_figures_without_their_source([bomber_file]),)
    )
    out = io.StringIO()

    with pytest.raises(CommandError, match="1 problem"):
        call_command("check_reference_data", stdout=out)
    assert f"{aircraft_type} (id {aircraft_type.pk}): range_km" in out.getvalue()
    assert source.slug in out.getvalue()


def test_a_value_a_curator_has_changed_since_is_left_to_the_curator(bomber, bomber_file):
    aircraft_type, source = bomber
    aircraft_type.citations.filter(source=source).delete()
    type(aircraft_type).objects.filter(pk=aircraft_type.pk).update(range_km=12500)

    assert check([bomber_file]) == []


def test_every_named_source_of_a_list_must_be_cited(tmp_path, bomber):
    aircraft_type, source = bomber
    other = factories.SourceFactory()
    path = write(
        tmp_path,
        "aircraft.yaml",
        f"""
        aircraft_types:
          - slug: {aircraft_type.slug}
            range_km: 15000
            figure_sources: {{range_km: [{source.slug}, {other.slug}]}}
        """,
    )

    assert check([path]) == [
        f"aircraft type {aircraft_type} (id {aircraft_type.pk}): range_km = 15000 is given by "
        f"source {other.slug}, which the record does not cite"
    ]


def test_a_nested_record_is_checked_like_any_other(tmp_path):
    """Any sourced record, not only aircraft types: here a patrol's participation."""
    participation = factories.ParticipationFactory(count=4)
    factories.CitationFactory(content_object=participation)
    source = factories.SourceFactory()
    path = write(
        tmp_path,
        "patrols.yaml",
        f"""
        patrols:
          - slug: {participation.patrol.slug}
            participations:
              - aircraft_type: {participation.aircraft_type.slug}
                operator: {participation.operator.slug}
                role: {participation.role}
                count: 4
                figure_sources: {{count: {source.slug}}}
        """,
    )

    assert check([path]) == [
        f"participation {participation} (id {participation.pk}): count = 4 is given by "
        f"source {source.slug}, which the record does not cite"
    ]
    factories.CitationFactory(content_object=participation, source=source)
    assert check([path]) == []


@pytest.mark.parametrize(
    ("entry", "problem"),
    [
        (
            "figure_sources: {top_speed: src}",
            "aircraft_types b-x: aircraft type has no value field 'top_speed' to source",
        ),
        (
            "figure_sources: {range_km: src}",
            "aircraft_types b-x: names a source for range_km, which it leaves empty",
        ),
        (
            "figure_sources: [range_km]",
            "aircraft_types b-x: figure_sources is not a mapping of field to source slug(s)",
        ),
    ],
    ids=["unknown field", "empty value", "not a mapping"],
)
def test_an_attribution_that_cannot_hold_is_reported(tmp_path, entry, problem):
    path = write(tmp_path, "aircraft.yaml", f"aircraft_types:\n  - slug: b-x\n    {entry}\n")

    assert check([path]) == [problem]


def test_an_attribution_where_no_record_can_be_found_is_reported(tmp_path):
    path = write(
        tmp_path,
        "aircraft.yaml",
        """
        manufacturers:
          - slug: tupolev
            figure_sources: {name: src}
        """,
    )

    assert check([path]) == [
        "manufacturers tupolev: figure_sources is given where no record can be found for it"
    ]
