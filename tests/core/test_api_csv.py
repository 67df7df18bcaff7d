"""CSV downloads: every matching row, flat columns, the same facts as the JSON, a filename."""

import csv
import io

import pytest

from tests.api_resources import RESOURCES, list_url

pytestmark = pytest.mark.usefixtures("loaded")


def download(client, resource, **params):
    response = client.get(list_url(resource), {**params, "format": "csv"})
    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    text = b"".join(response.streaming_content).decode("utf-8-sig")
    return response, list(csv.DictReader(io.StringIO(text)))


def every_page(client, resource, **params):
    rows, page = [], 1
    while True:
        body = client.get(list_url(resource), {**params, "page": page, "page_size": 5}).json()
        rows += body["results"]
        if not body["next"]:
            return rows
        page += 1


def test_a_csv_download_is_every_row_not_one_page(api_client):
    """Whatever the curated data holds: the count is the JSON list's, more than a page."""
    _, rows = download(api_client, "patrols", page_size=5)
    slugs = {record["slug"] for record in every_page(api_client, "patrols")}
    assert len(rows) == api_client.get(list_url("patrols")).json()["count"] > 5
    assert {row["slug"] for row in rows} == slugs


def test_a_csv_download_names_its_file(api_client):
    response, _ = download(api_client, "aircraft-types")
    assert response["Content-Disposition"] == 'attachment; filename="aircraft-types.csv"'


def test_patrol_rows_hold_what_the_json_holds(api_client):
    """Parsed back, each row matches the JSON record: scalars as they are, nested records as
    their slug or code, lists joined with '; '."""
    records = every_page(api_client, "patrols")
    _, rows = download(api_client, "patrols")

    assert [row["slug"] for row in rows] == [record["slug"] for record in records]
    for row, record in zip(rows, records, strict=True):
        assert row["name"] == record["name"]
        assert row["start_date"] == record["start_date"]
        assert row["end_date"] == (record["end_date"] or "")
        assert row["ordinal"] == ("" if record["ordinal"] is None else str(record["ordinal"]))
        assert row["joint"] == str(record["joint"]).lower()
        assert row["countries"] == "; ".join(c["code"] for c in record["countries"])
        assert row["regions"] == "; ".join(r["slug"] for r in record["regions"])
        assert row["sources"] == "; ".join(s["slug"] for s in record["sources"])
        assert row["summary"] == record["summary"]
        for participation in record["participations"]:
            if participation["aircraft_type"]:
                assert (
                    f"aircraft_type={participation['aircraft_type']['slug']}"
                    in row["participations"]
                )


def test_a_csv_download_honours_the_filters(api_client):
    _, rows = download(api_client, "patrols", year=2024, country="CN")
    expected = [r["slug"] for r in every_page(api_client, "patrols", year=2024, country="CN")]
    assert [row["slug"] for row in rows] == expected
    assert expected  # the curated data has joint patrols in 2024


@pytest.mark.parametrize("resource", sorted(RESOURCES))
def test_every_list_downloads_as_csv(api_client, resource):
    records = every_page(api_client, resource)
    _, rows = download(api_client, resource)
    assert [row["id"] for row in rows] == [str(record["id"]) for record in records]
    assert list(rows[0]) == list(records[0])  # the same columns, in the same order


def test_a_bad_filter_on_a_csv_download_answers_in_json(api_client):
    response = api_client.get(list_url("patrols"), {"format": "csv", "year": "soon"})
    assert response.status_code == 400
    assert response.json() == {"year": ["Enter a whole number."]}


def test_a_detail_downloads_as_one_csv_row(api_client):
    response = api_client.get("/api/v1/aircraft-types/tu-95ms/", {"format": "csv"})
    rows = list(csv.DictReader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert [row["designation"] for row in rows] == ["Tu-95MS"]
    assert rows[0]["variant_of"] == "tu-95"
