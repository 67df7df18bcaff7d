"""Running the loader again over loaded data: it changes nothing it need not, follows the files
where nobody has edited the record, and never overwrites or resurrects a curator's work."""

import datetime as dt
from pathlib import Path

import pytest
import yaml
from django.apps import apps

from aircraft.models import AircraftType
from curation.loaders import aircraft as aircraft_loader
from curation.loaders import patrols as patrols_loader
from curation.loaders import reference as reference_loader
from patrols.models import Interception, Participation, Patrol, PatrolRegion, Statement
from reference.models import Citation, Claim, Organization, Source
from tests.conftest import load_reference_data as load
from tests.curation.data_files import use_copy

pytestmark = pytest.mark.django_db

NEW_SUMMARY = "A corrected summary from the data files."


def snapshot():
    """Every row of every data model, timestamps included, as comparable text."""
    return {
        model._meta.label: sorted(map(repr, model.objects.values_list()))
        for model in apps.get_models()
        if model._meta.app_label in ("reference", "aircraft", "patrols")
    }


def patrol_entry(data, ordinal):
    return next(p for p in data["patrols"] if p.get("ordinal") == ordinal)


@pytest.fixture
def edit_data(tmp_path, monkeypatch):
    """Edit a copy of an app's data file and point that app's loader at the copy."""

    def edit(module, change):
        data = yaml.safe_load(Path(module.DATA_FILE).read_text(encoding="utf-8"))
        change(data)
        path = tmp_path / Path(module.DATA_FILE).name
        path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
        use_copy(module, path, monkeypatch)

    return edit


@pytest.fixture
def edited_data_file(edit_data):
    """The patrols file with a new summary for joint patrol 2."""
    edit_data(patrols_loader, lambda data: patrol_entry(data, 2).update(summary=NEW_SUMMARY))


def test_loading_twice_changes_nothing(loaded):
    before = snapshot()
    load()
    assert snapshot() == before


def test_a_second_run_reports_everything_unchanged(loaded):
    report = load()
    assert "created" not in report and "updated" not in report and "removed" not in report
    assert "unchanged" in report


def test_a_changed_entry_updates_a_record_nobody_has_edited(loaded, edited_data_file):
    load()
    assert Patrol.objects.get(ordinal=2).summary == NEW_SUMMARY


def test_a_curators_edit_is_never_overwritten(loaded, edited_data_file):
    patrol = Patrol.objects.get(ordinal=2)
    patrol.summary = "A curator's summary."
    patrol.save()
    load()
    assert Patrol.objects.get(ordinal=2).summary == "A curator's summary."


def test_a_source_a_curator_adds_to_a_record_is_kept(loaded, edited_data_file):
    patrol = Patrol.objects.get(ordinal=2)
    extra = Source.objects.get(slug="toutiao-seed-article")
    Citation.objects.create(content_object=patrol, source=extra)
    load()
    patrol.refresh_from_db()
    assert extra in patrol.sources
    assert patrol.summary != NEW_SUMMARY


def test_a_region_a_curator_deleted_is_left_out_of_the_patrols_that_crossed_it(
    loaded, edited_data_file
):
    chukchi = Patrol.objects.get(ordinal=8).regions.get(slug="chukchi-sea")
    chukchi.patrol_links.all().delete()
    chukchi.delete()
    load()
    assert not Patrol.objects.get(ordinal=8).regions.filter(slug="chukchi-sea").exists()
    assert Patrol.objects.get(ordinal=2).summary == NEW_SUMMARY


def test_a_record_a_curator_deleted_is_not_recreated(loaded):
    patrol = Patrol.objects.get(ordinal=11)
    patrol.statements.all().delete()
    patrol.delete()
    load()
    assert not Patrol.objects.filter(ordinal=11).exists()


def test_a_claim_a_curator_deleted_stays_deleted(loaded, edit_data):
    tu160 = AircraftType.objects.get(slug="tu-160")
    tu160.claims.get(field="first_flight").delete()

    def change(data):
        entry = next(t for t in data["aircraft_types"] if t["slug"] == "tu-160")
        entry["notes"] = "Corrected notes."

    edit_data(aircraft_loader, change)
    load()
    tu160.refresh_from_db()
    assert not tu160.claims.filter(field="first_flight").exists()
    assert tu160.notes != "Corrected notes."


def test_a_region_removed_on_the_regions_crossed_screen_stays_removed(loaded, edited_data_file):
    PatrolRegion.objects.get(patrol__ordinal=2, region__slug="kadiz").delete()
    load()
    second = Patrol.objects.get(ordinal=2)
    assert not second.regions.filter(slug="kadiz").exists()
    assert second.summary != NEW_SUMMARY


def test_a_source_a_curator_renamed_stays_cited(loaded, edit_data):
    source = Source.objects.get(slug="monexus-11th-2026")
    cited_by = source.citations.count()
    source.slug = "monexus-renamed"
    source.save()
    edit_data(patrols_loader, lambda data: patrol_entry(data, 11).update(summary=NEW_SUMMARY))

    load()

    eleventh = Patrol.objects.get(ordinal=11)
    assert eleventh.summary == NEW_SUMMARY
    assert source in eleventh.sources
    assert source.citations.count() == cited_by
    assert not Source.objects.filter(slug="monexus-11th-2026").exists()


def test_a_source_corrected_in_the_files_keeps_the_citations_and_claims_of_it(loaded, edit_data):
    """A source's ``citations`` and ``claims`` are the records citing it, not its own."""
    source = Source.objects.filter(citations__isnull=False, claims__isnull=False).first()
    citations, claims = source.citations.count(), source.claims.count()

    def change(data):
        next(s for s in data["sources"] if s["slug"] == source.slug)["title"] = "Corrected"

    edit_data(reference_loader, change)
    report = load()

    source.refresh_from_db()
    assert source.title == "Corrected" and "sources: 1 updated" in report
    assert (source.citations.count(), source.claims.count()) == (citations, claims)
    assert "kept: edited" not in load()  # nor were the records citing it touched


def test_a_claim_citing_a_source_a_curator_deleted_is_left_out(loaded, edit_data):
    source = Source.objects.get(slug="trt-warning-shots-2019")
    Citation.objects.filter(source=source).delete()
    Claim.objects.filter(source=source).delete()
    source.delete()

    def change(data):
        second = patrol_entry(data, 2)
        second["summary"] = NEW_SUMMARY
        second.setdefault("claims", []).append(
            {"field": "", "value": "A claim from a deleted source.", "source": source.slug}
        )

    edit_data(patrols_loader, change)
    load()
    second = Patrol.objects.get(ordinal=2)
    assert second.summary == NEW_SUMMARY
    assert not second.claims.filter(value="A claim from a deleted source.").exists()


def test_a_claim_corrected_in_the_files_replaces_the_old_one(loaded, edit_data):
    def change(data):
        patrol_entry(data, 1)["claims"][0]["value"] = "Over 400 warning rounds."

    edit_data(patrols_loader, change)
    load()
    assert list(Patrol.objects.get(ordinal=1).claims.values_list("value", flat=True)) == [
        "Over 400 warning rounds."
    ]


def test_a_key_corrected_in_the_files_replaces_the_row_instead_of_adding_one(loaded, edit_data):
    def change(data):
        a50 = next(
            p for p in patrol_entry(data, 1)["participations"] if p["aircraft_type"] == "a-50"
        )
        a50["role"] = "reconnaissance"

    edit_data(patrols_loader, change)
    load()
    a50 = Participation.objects.filter(patrol__ordinal=1, aircraft_type__slug="a-50")
    assert list(a50.values_list("role", flat=True)) == ["reconnaissance"]


def test_an_entry_dropped_from_the_files_is_kept_when_a_curator_edited_it(loaded, edit_data):
    statement = Statement.objects.get(slug="joint-patrol-1-prc-mnd")
    statement.speaker = "Senior Colonel Wu Qian"
    statement.save()

    def change(data):
        first = patrol_entry(data, 1)
        first["statements"] = [s for s in first["statements"] if s["slug"] != statement.slug]

    edit_data(patrols_loader, change)
    load()
    assert Statement.objects.filter(slug=statement.slug).exists()


def test_an_entry_whose_organization_a_curator_deleted_is_skipped(loaded):
    senate = Organization.objects.get(slug="us-senate")
    senate.statements.all().delete()
    senate.delete()

    report = load()

    assert "skipped: link deleted" in report
    assert not Organization.objects.filter(slug="us-senate").exists()
    assert not Statement.objects.filter(organization__slug="us-senate").exists()


def test_an_update_the_database_no_longer_allows_is_reported_not_fatal(loaded, edit_data):
    # A curator narrowed the dates behind the interceptions' backs (no clean() on update()).
    Patrol.objects.filter(ordinal=1).update(
        start_date=dt.date(2019, 7, 24), end_date=dt.date(2019, 7, 24)
    )

    def change(data):
        for interception in patrol_entry(data, 1)["interceptions"]:
            interception["notes"] = "Corrected notes."

    edit_data(patrols_loader, change)
    report = load()

    assert "kept: conflict" in report and "warning:" in report
    assert not Interception.objects.filter(notes="Corrected notes.").exists()
