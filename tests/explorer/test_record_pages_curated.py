"""Over the curated data set: every patrol, aircraft type and source has a page that answers.

How long they take is a benchmark's business, not a test's: ``make bench-pages`` prints every
page's server time."""

import pytest

from aircraft.models import AircraftType
from patrols.models import Patrol
from reference.models import Source

PAGES = {
    "patrol": (Patrol, "/patrols/{}/"),
    "aircraft type": (AircraftType, "/aircraft-types/{}/"),
    "source": (Source, "/sources/{}/"),
}


@pytest.mark.parametrize("kind", PAGES)
def test_every_record_page_of_the_curated_data_answers(loaded, client, kind):
    model, pattern = PAGES[kind]
    slugs = list(model.objects.order_by("slug").values_list("slug", flat=True))
    assert slugs

    failures = []
    for slug in slugs:
        response = client.get(pattern.format(slug))
        if response.status_code != 200:
            failures.append(f"{slug}: {response.status_code}")

    assert failures == []
