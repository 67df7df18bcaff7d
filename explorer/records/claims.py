"""Disputed claims side by side: for each claim on a record, the record's preferred value with
the sources the record cites, and the other value with the source that reports it.

A claim's value is text as the source words it; where the field is a relation (a
participation's aircraft type) the value is the related record's key (``f-16``), which is read
back as that record (linked) when it exists: one query per kind of related record named, for
the whole page. A record marked disputed that carries no claim is listed too, so that every
"disputed" badge leads somewhere.
"""

from collections import defaultdict
from dataclasses import dataclass

from core.models import natural_key_field

from .links import url_for
from .values import Shown, field_label, field_of, shown


@dataclass(frozen=True)
class Entry:
    """A record on a page: itself, how the page names it, and the link to its row or page."""

    record: object
    label: str
    url: str | None


@dataclass(frozen=True)
class ClaimRow:
    entry: Entry
    field: str
    preferred: Shown | None  # None: the claim is about the record as a whole
    claim: object
    alternative: Shown

    @property
    def preferred_sources(self):
        return self.entry.record.sources


def related_values(pairs):
    """``{(model, key value): Shown}`` for every relation claim in ``pairs`` (``(record,
    claim)``) whose value names an existing record: one query per related model."""
    wanted = defaultdict(set)
    for record, claim in pairs:
        field = field_of(type(record), claim.field) if claim.field else None
        if field is not None and field.is_relation:
            wanted[field.related_model].add(claim.value)
    found = {}
    for model, values in wanted.items():
        key = natural_key_field(model)
        if key == "pk":
            values = {value for value in values if value.isdigit()}
        for related in model._default_manager.filter(**{f"{key}__in": values}):
            value = str(related.pk if key == "pk" else getattr(related, key))
            found[(model, value)] = Shown(str(related), url_for(related))
    return found


def alternative(record, claim, related):
    """The claimed value as a person reads it: a related record's name (linked) where it names
    one, a choice's label where it is one, else the value as the source gives it."""
    field = field_of(type(record), claim.field) if claim.field else None
    if field is not None and field.is_relation:
        return related.get((field.related_model, claim.value), Shown(claim.value))
    if field is not None and field.choices:
        return Shown(str(dict(field.flatchoices).get(claim.value, claim.value)))
    return Shown(claim.value)


def claim_rows(entries):
    """The claims on ``entries`` (``Entry``), each beside its record's preferred value."""
    return rows_for([(entry, claim) for entry in entries for claim in entry.record.claim_list])


def rows_for(pairs):
    """A ``ClaimRow`` for each ``(entry, claim)``."""
    related = related_values([(entry.record, claim) for entry, claim in pairs])
    return [
        ClaimRow(
            entry=entry,
            field=field_label(type(entry.record), claim.field),
            preferred=shown(entry.record, claim.field) if claim.field else None,
            claim=claim,
            alternative=alternative(entry.record, claim, related),
        )
        for entry, claim in pairs
    ]


def disputed_without_claims(entries):
    """The records marked disputed that carry no claim (no alternative value is recorded)."""
    return [
        entry
        for entry in entries
        if entry.record.confidence == "disputed" and not entry.record.claim_list
    ]
