"""The loader holds the rules spanning rows as every other writer does: a data file breaking one
stops the load, naming the patrol and the rule, and nothing is written; children naming no
sources of their own cite their parent's, marked inherited."""

import pytest
from django.core.management import CommandError

from curation.loaders import patrols as patrols_loader
from patrols.models import Patrol
from reference.models import Citation, SourceKind
from tests.conftest import load_reference_data as load
from tests.curation.test_data_reload import edit_data, patrol_entry  # noqa: F401  (fixture)

pytestmark = pytest.mark.django_db


def one_country(data):
    entry = patrol_entry(data, 3)
    operator = entry["participations"][0]["operator"]
    for item in entry["participations"]:
        item["operator"] = operator


def interception_after(data):
    entry = patrol_entry(data, 3)
    entry["interceptions"] = (
        [{**entry["interceptions"][0], "date": "2030-01-01"}]
        if entry.get("interceptions")
        else [{"responder": "jasdf", "date": "2030-01-01"}]
    )


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (one_country, "at least two countries"),
        (interception_after, "The patrol ran from"),
    ],
    ids=["joint-from-one-country", "interception-outside-the-dates"],
)
def test_a_data_file_breaking_a_rule_loads_nothing(edit_data, change, message):  # noqa: F811
    edit_data(patrols_loader, change)

    with pytest.raises(CommandError, match=message):
        load()

    assert not Patrol.objects.exists()
    assert not Citation.objects.exists()


def test_records_without_sources_of_their_own_inherit_their_patrols(loaded):
    patrol = Patrol.objects.get(ordinal=3)
    patrol_sources = {
        c.source_id
        for c in patrol.citations.select_related("source")
        if c.source.kind != SourceKind.OPINION
    }

    for heir in patrol.source_heirs():
        citations = list(heir.citations.all())
        assert citations, heir
        if all(c.inherited for c in citations):
            assert {c.source_id for c in citations} == patrol_sources
    inherited = Citation.objects.filter(inherited=True)
    assert inherited.exists()
    assert not inherited.filter(source__kind=SourceKind.OPINION).exists()
