"""A CSV cell of nested records splits back into exactly the records and fields the JSON holds,
whatever their text: records by "; ", fields by a space, values bare or as JSON strings, a
list inside a record by ",", a record inside a record in parentheses (core/api/csv.py)."""

import csv
import io
import json
import re

import pytest

from tests.patrols.test_nested_facts import NESTED, claimed_patrol

pytestmark = pytest.mark.django_db

TOKEN = re.compile(r'\s*(?:(;)|(\()|(\))|(,)|(=)|("(?:[^"\\]|\\.)*")|([^\s;,=()"]+))')


def tokens(cell):
    position, found = 0, []
    while position < len(cell):
        match = TOKEN.match(cell, position)
        assert match, f"cannot read {cell[position:]!r}"
        kind = match.lastindex
        value = match.group(kind)
        found.append((kind, json.loads(value) if kind == 6 else value))
        position = match.end()
    return found


def parse(cell):
    """The cell's records as a list of ``{field: value}`` (a value is text, a list, or a record)."""
    stream = tokens(cell)
    index = 0

    def record(closing):
        nonlocal index
        fields = {}
        while index < len(stream) and stream[index][0] not in (1, 3):
            name = stream[index][1]
            assert stream[index + 1][0] == 5, f"expected = after {name}"
            index += 2
            fields[name] = values()
        if closing:
            assert stream[index][0] == 3
            index += 1
        return fields

    def value():
        nonlocal index
        kind, text = stream[index]
        if kind == 2:
            index += 1
            return record(closing=True)
        index += 1
        return text

    def values():
        nonlocal index
        items = [value()]
        while index < len(stream) and stream[index][0] == 4:
            index += 1
            items.append(value())
        return items if len(items) > 1 else items[0]

    records = [record(closing=False)]
    while index < len(stream) and stream[index][0] == 1:
        index += 1
        records.append(record(closing=False))
    return records


def as_list(value):
    return value if isinstance(value, list) else [value]


TRICKY = 'Scrambled; flares fired (80 rounds), "warning" shots = 360 in all, twice'


def free_text_field(record):
    return next(name for name in ("notes", "summary", "quote") if hasattr(record, name))


def expected_cell(value):
    """What a JSON value should read as once its cell is split."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, dict):
        return value.get("slug") or value.get("code")
    if isinstance(value, list):
        return [expected_cell(item) for item in value]
    return str(value)


@pytest.mark.parametrize("kind", NESTED)
def test_a_nested_cell_splits_back_into_the_records_of_the_json(api_client, kind):
    patrol, rows = claimed_patrol()
    claimed = rows[kind][0]
    setattr(claimed, free_text_field(claimed), TRICKY)
    claimed.save()
    body = api_client.get(f"/api/v1/patrols/{patrol.slug}/", {"format": "csv"}).content
    [row] = list(csv.DictReader(io.StringIO(body.decode("utf-8-sig"))))
    shown = api_client.get(f"/api/v1/patrols/{patrol.slug}/").json()[kind]

    records = parse(row[kind])

    assert len(records) == len(shown)
    assert TRICKY in [
        records[0].get(free_text_field(claimed)),
        records[1].get(free_text_field(claimed)),
    ]
    for parsed, record in zip(records, shown, strict=True):
        for name, value in record.items():
            if name in ("url", "id") or value in (None, "", []):
                assert name not in parsed
            elif name == "claims":
                claims = as_list(parsed[name])
                assert [claim["value"] for claim in claims] == [c["value"] for c in value]
                assert [claim["source"] for claim in claims] == [c["source"]["slug"] for c in value]
            elif isinstance(value, list):
                assert as_list(parsed[name]) == expected_cell(value)
            else:
                assert parsed[name] == expected_cell(value)
