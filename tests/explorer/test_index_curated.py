"""The explorer's index on the curated data set: its numbers the API's, and honest about
what its map cannot draw (the curated regions have no shapes yet, the KADIZ is nine unordered
points, the JADIZ its first seven, the Alaska ADIZ words only)."""

import pytest

from patrols.models import Patrol
from reference.models import Region
from tests.explorer.index_html import IndexPage

pytestmark = pytest.mark.usefixtures("loaded")


def page(client, query=""):
    response = client.get(f"/?{query}")
    assert response.status_code == 200
    return response, IndexPage(response.content.decode())


def test_every_patrols_aircraft_at_least_is_the_api_lists(client):
    _, html = page(client)
    listed = {
        row["slug"]: row["aircraft_at_least"]
        for row in client.get("/api/v1/patrols/?page_size=500").json()["results"]
    }

    assert html.rows == list(listed)  # every patrol, in the list's order
    for slug in html.rows:
        cell = html.cells[slug][4]
        assert (int(cell.split()[0]) if listed[slug] else cell) == (listed[slug] or "unknown")


@pytest.mark.parametrize(("period", "group_by"), [("calendar", "year"), ("fiscal", "fiscal_year")])
def test_the_chart_is_the_statistics_endpoints_answer(client, period, group_by):
    _, html = page(client, f"period={period}")
    chart = html.data["patrols-chart-data"]

    for dataset in chart["datasets"]:
        answer = client.get(
            f"/api/v1/patrols/stats/?group_by={group_by}&kind={dataset['key']}"
        ).json()
        counted = {group["key"]: group["patrols"] for group in answer["groups"]}
        assert dataset["data"] == [counted.get(label, 0) for label in chart["labels"]]
    whole = client.get(f"/api/v1/patrols/stats/?group_by={group_by}").json()
    assert sum(map(sum, (d["data"] for d in chart["datasets"]))) == whole["patrols"]


def test_the_scrambles_chart_marks_fy2025_partial(client):
    _, html = page(client)
    chart = html.data["scrambles-chart-data"]
    total = next(d for d in chart["datasets"] if d["label"] == "All countries")
    notes = dict(zip(chart["labels"], total["notes"], strict=True))

    assert notes["FY2025"].startswith("partial: 1 Apr 2025 – ")
    assert [label for label, note in notes.items() if note] == ["FY2025"]


def test_the_page_says_what_the_map_cannot_draw(client):
    """Counted here record by record, as a reader would."""
    patrols = Patrol.objects.prefetch_related("regions")
    missing = [
        p for p in patrols if p.route is None and all(r.geometry is None for r in p.regions.all())
    ]
    regions = list(Region.objects.all())
    unshaped = [region for region in regions if region.geometry is None]
    _, html = page(client)
    text = html.not_mapped

    assert f"{len(missing)} of {len(patrols)} matching patrols " in text
    assert f"{len(unshaped)} of {len(regions)} regions have no shape." in text
    assert "(KADIZ) boundary (from 15 December 2013) is known only as 9 points in no known" in text
    assert "(JADIZ) boundary is known only in part: 7 points in order" in text
    assert "Alaska Air Defense Identification Zone boundary is described in words only" in text
