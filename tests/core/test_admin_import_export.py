"""Spreadsheet imports are not only for patrols: the other data models import too, each a
version naming the file. Patrol imports and exports are in
tests/patrols/test_admin_import_export.py."""

import pytest

from aircraft.models import AircraftType
from reference.models import Organization, Source
from tests.core.spreadsheets import import_file, to_csv
from tests.factories import SourceFactory

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("admin_url", "model", "row"),
    [
        (
            "/admin/reference/source/",
            Source,
            {"slug": "new-source", "title": "A", "kind": "dataset"},
        ),
        (
            "/admin/reference/organization/",
            Organization,
            {
                "slug": "new-org",
                "name": "New Org",
                "kind": "air_force",
                "country": "",
                "sources": "a-report",  # every fact record cites a source
            },
        ),
        (
            "/admin/aircraft/aircrafttype/",
            AircraftType,
            {
                "slug": "j-20",
                "designation": "J-20",
                "role": "fighter",
                "crew": "1",
                "sources": "a-report",
            },
        ),
    ],
)
def test_sources_organizations_and_aircraft_types_import_too(curator_client, admin_url, model, row):
    SourceFactory(slug="a-report")
    import_file(curator_client, admin_url, to_csv([row]), name="new.csv")

    record = model.objects.get(slug=row["slug"])
    assert record.history.get().history_change_reason == "Imported from new.csv"
