"""Curators import and export patrol spreadsheets in the admin: a dry-run preview first, all
or nothing, re-imports change nothing, exports follow the list's filters."""

import io

import openpyxl
import pytest

from patrols.models import Participation, Patrol
from tests.core.spreadsheets import (
    CSV_FORMAT,
    XLSX_FORMAT,
    confirm,
    export,
    import_file,
    rows_of,
    to_csv,
    upload,
)
from tests.factories import (
    AircraftTypeFactory,
    CitationFactory,
    OrganizationFactory,
    ParticipationFactory,
    PatrolFactory,
    RegionFactory,
    SourceFactory,
)

pytestmark = pytest.mark.django_db


PATROLS = "/admin/patrols/patrol/"


@pytest.fixture
def world():
    """Two sources, a bomber type, two operators and a region, as a patrol file names them."""
    return {
        "tass": SourceFactory(slug="tass"),
        "mod": SourceFactory(slug="mod"),
        "bomber": AircraftTypeFactory(slug="tu-95ms", designation="Tu-95MS"),
        "lra": OrganizationFactory(slug="lra"),
        "plaaf": OrganizationFactory(slug="plaaf"),
        "sea": RegionFactory(slug="sea-of-japan"),
    }


def patrol_row(**overrides):
    row = {
        "slug": "joint-patrol-99",
        "name": "99th joint patrol",
        "kind": "joint_strategic_patrol",
        "ordinal": "",
        "start_date": "2025-12-09",
        "end_date": "2025-12-09",
        "summary": "Over the Sea of Japan.",
        "notes": "",
        "confidence": "reported",
        "regions": "sea-of-japan",
        "participations": "tu-95ms | lra | 2 | bomber; tu-95ms | plaaf | | escort",
        "sources": "tass; mod",
    }
    return {**row, **overrides}


# --- the preview ----------------------------------------------------------------------------------


def test_the_preview_counts_new_rows_and_writes_nothing(curator_client, world):
    preview = upload(curator_client, PATROLS, to_csv([patrol_row()]))

    assert preview.context["result"].totals["new"] == 1
    assert b"count-new" in preview.content
    assert preview.context["confirm_form"] is not None
    assert not Patrol.objects.exists()


def test_a_confirmed_import_writes_the_patrol_its_participations_regions_and_sources(
    curator_client, world
):
    import_file(curator_client, PATROLS, to_csv([patrol_row()]))

    patrol = Patrol.objects.get(slug="joint-patrol-99")
    assert patrol.name == "99th joint patrol"
    assert {(p.operator.slug, p.count, p.role) for p in patrol.participations.all()} == {
        ("lra", 2, "bomber"),
        ("plaaf", None, "escort"),
    }
    assert [region.slug for region in patrol.regions.all()] == ["sea-of-japan"]
    assert sorted(source.slug for source in patrol.sources) == ["mod", "tass"]


def test_an_import_is_a_version_by_the_importing_curator_naming_the_file(curator_client, world):
    import_file(curator_client, PATROLS, to_csv([patrol_row()]), name="december.csv")

    version = Patrol.objects.get().history.get()
    assert version.history_user.username == "curator"
    assert version.history_change_reason == "Imported from december.csv"
    for participation_version in Participation.history.all():
        assert participation_version.history_user.username == "curator"
        assert participation_version.history_change_reason == "Imported from december.csv"


def test_a_row_with_an_unknown_aircraft_is_reported_with_its_row_and_column(curator_client, world):
    rows = [
        patrol_row(),
        patrol_row(slug="joint-patrol-100", name="100th", participations="tu-22m3 | lra | 2 | x"),
    ]

    preview = upload(curator_client, PATROLS, to_csv(rows))

    result = preview.context["result"]
    assert preview.context.get("confirm_form") is None
    [invalid] = result.invalid_rows
    assert invalid.number == 2
    message = " ".join(invalid.field_specific_errors["participations"])
    assert "there is no aircraft type 'tu-22m3'" in message
    assert "the role must be one of" in message
    assert b"Nothing was imported" in preview.content
    assert not Patrol.objects.exists()


@pytest.mark.parametrize(
    ("column", "value", "message"),
    [
        ("sources", "tass; no-such-source", "Unknown sources: no-such-source."),
        ("regions", "atlantis", "Unknown regions: atlantis."),
        ("start_date", "yesterday", "start_date: Enter a date as YYYY-MM-DD (ISO 8601)"),
        ("kind", "picnic", "not a valid choice"),
        ("end_date", "2019-01-01", "end"),
        ("participations", "tu-95ms | lra | 0 | bomber", "whole number from 1"),
        ("participations", "tu-95ms | lra | 2", "aircraft | operator | count | role"),
        ("participations", "tu-95ms | lra | 2 | bomber; tu-95ms | lra | 3 | bomber", "twice"),
    ],
)
def test_each_kind_of_bad_cell_is_a_row_error_and_nothing_is_written(
    curator_client, world, column, value, message
):
    preview = upload(curator_client, PATROLS, to_csv([patrol_row(**{column: value})]))

    [invalid] = preview.context["result"].invalid_rows
    errors = " ".join(
        f"{field}: {error}"
        for field, messages in [
            *invalid.field_specific_errors.items(),
            ("row", invalid.non_field_specific_errors),
        ]
        for error in messages
    )
    assert message.lower() in errors.lower()
    assert not Patrol.objects.exists()
    assert not Participation.objects.exists()


def test_a_file_with_one_bad_row_writes_none_of_its_good_rows(curator_client, world):
    existing = PatrolFactory(slug="joint-patrol-1", name="1st joint patrol")
    rows = [
        patrol_row(slug="joint-patrol-1", name="renamed by the file"),
        patrol_row(slug="joint-patrol-2", name="2nd"),
        patrol_row(slug="joint-patrol-3", name="3rd", sources="nobody"),
    ]

    preview = upload(curator_client, PATROLS, to_csv(rows))
    # Posting the confirmation anyway (a stale page, a script) must not write the good rows.
    forced = curator_client.post(
        f"{PATROLS}process_import/",
        {
            "import_file_name": "x",
            "original_file_name": "patrols.csv",
            "format": CSV_FORMAT,
            "resource": "0",
        },
    )

    assert preview.context.get("confirm_form") is None
    assert forced.status_code == 302  # back to the upload form, with an error message
    existing.refresh_from_db()
    assert existing.name == "1st joint patrol"
    assert list(Patrol.objects.values_list("slug", flat=True)) == ["joint-patrol-1"]


# --- re-import and export -------------------------------------------------------------------------


def test_importing_the_exported_file_again_changes_nothing(curator_client, world):
    import_file(curator_client, PATROLS, to_csv([patrol_row()]))
    exported = export(curator_client, PATROLS).content
    versions_before = Patrol.history.count() + Participation.history.count()

    preview = upload(curator_client, PATROLS, exported)
    confirm(curator_client, PATROLS, preview)

    totals = preview.context["result"].totals
    assert (totals["new"], totals["update"], totals["skip"]) == (0, 0, 1)
    assert Patrol.history.count() + Participation.history.count() == versions_before


def test_a_changed_cell_is_an_update_and_keeps_participations_that_stay(curator_client, world):
    import_file(curator_client, PATROLS, to_csv([patrol_row()]))
    kept = Participation.objects.get(operator__slug="lra")

    row = patrol_row(kind="national_long_range_patrol", participations="tu-95ms | lra | 4 | bomber")
    preview = upload(curator_client, PATROLS, to_csv([row]))
    confirm(curator_client, PATROLS, preview)

    assert preview.context["result"].totals["update"] == 1
    [participation] = Participation.objects.all()
    assert participation.pk == kept.pk
    assert participation.count == 4


def test_unidentified_aircraft_travel_as_a_description(curator_client, world):
    row = patrol_row(
        kind="national_long_range_patrol",  # one country
        participations="unidentified: two fighters | plaaf | 2 | escort",
    )

    import_file(curator_client, PATROLS, to_csv([row]))
    exported = rows_of(export(curator_client, PATROLS))

    participation = Participation.objects.get()
    assert participation.aircraft_type is None
    assert participation.aircraft_description == "two fighters"
    assert exported[0]["participations"] == "unidentified: two fighters | plaaf | 2 | escort"


def test_export_follows_the_changelists_filters(curator_client):
    PatrolFactory(slug="joint-2019", start_date="2019-07-23")
    PatrolFactory(slug="joint-2024", start_date="2024-11-29")
    national = PatrolFactory(
        slug="national-2024", kind="national_long_range_patrol", start_date="2024-06-01"
    )
    ParticipationFactory(patrol=national)

    everything = rows_of(export(curator_client, PATROLS))
    of_2024 = rows_of(export(curator_client, PATROLS, "?year=2024"))
    joint_2024 = rows_of(export(curator_client, PATROLS, "?year=2024&kind=joint_strategic_patrol"))

    assert {row["slug"] for row in everything} == {"joint-2019", "joint-2024", "national-2024"}
    assert {row["slug"] for row in of_2024} == {"joint-2024", "national-2024"}
    assert [row["slug"] for row in joint_2024] == ["joint-2024"]


def test_exported_rows_name_related_records_by_slug_and_sources_by_slug(curator_client):
    patrol = PatrolFactory(slug="joint-patrol-5")
    ParticipationFactory(
        patrol=patrol,
        aircraft_type=AircraftTypeFactory(slug="h-6k"),
        operator=OrganizationFactory(slug="plaaf"),
        count=2,
        role="bomber",
    )
    CitationFactory(content_object=patrol, source=SourceFactory(slug="xinhua"))

    [row] = rows_of(export(curator_client, PATROLS))

    assert row["participations"] == "h-6k | plaaf | 2 | bomber"
    assert row["sources"] == "xinhua"
    assert "id" not in row


def test_xlsx_round_trips(curator_client, world):
    import_file(curator_client, PATROLS, to_csv([patrol_row()]))
    workbook = export(curator_client, PATROLS, file_format=XLSX_FORMAT).content
    sheet = openpyxl.load_workbook(io.BytesIO(workbook)).active
    headers = [cell.value for cell in sheet[1]]
    assert "participations" in headers

    preview = upload(
        curator_client, PATROLS, workbook, name="patrols.xlsx", file_format=XLSX_FORMAT
    )

    result = preview.context["result"]
    assert result.totals["skip"] == 1


# --- who may --------------------------------------------------------------------------------------


def test_curators_see_import_and_export(curator_client):
    page = curator_client.get(PATROLS)

    assert b"/admin/patrols/patrol/import/" in page.content
    assert b"/admin/patrols/patrol/export/" in page.content


def test_staff_without_the_change_permission_may_neither_import_nor_export(
    staff_without_permissions_client,
):
    client = staff_without_permissions_client

    assert client.get(f"{PATROLS}import/").status_code == 403
    assert client.get(f"{PATROLS}export/").status_code == 403


# --- what the review of the first version found ---------------------------------------------------


def test_a_misspelt_column_is_an_error_not_silently_ignored(curator_client, world):
    row = patrol_row()
    row["nmae"] = row.pop("name")

    preview = upload(curator_client, PATROLS, to_csv([row]))

    assert preview.context.get("confirm_form") is None
    assert "Unknown column(s): nmae." in preview.content.decode()


def test_a_confirmation_that_no_longer_passes_says_nothing_was_imported(curator_client, world):
    preview = upload(curator_client, PATROLS, to_csv([patrol_row()]))
    world["sea"].delete()  # the file's region goes away between preview and confirmation

    response = confirm(curator_client, PATROLS, preview)
    page = curator_client.get(response.url)

    assert response.status_code == 302
    assert "Nothing was imported: rows 1 no longer passes" in page.content.decode()
    assert not Patrol.objects.exists()


@pytest.mark.parametrize(
    "tampered",
    [{"format": "5"}, {"resource": "3"}, {"format": XLSX_FORMAT}, {"import_file_name": "."}],
)
def test_a_tampered_confirmation_is_an_error_message_not_a_crash(curator_client, world, tampered):
    preview = upload(curator_client, PATROLS, to_csv([patrol_row()]))

    response = curator_client.post(
        f"{PATROLS}process_import/", {**preview.context["confirm_form"].initial, **tampered}
    )

    assert response.status_code in (200, 302)
    assert not Patrol.objects.exists()


def test_exporting_with_a_bogus_filter_in_the_address_is_an_error_message(curator_client):
    response = curator_client.post(f"{PATROLS}export/?bogus=1", {"format": CSV_FORMAT})

    assert response.status_code == 302
