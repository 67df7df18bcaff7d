"""A source's page: what it supports (every record citing it, by kind of record) and the claims
it makes (the values it reports that the records do not keep), each linked to where the
explorer shows the record: its page, its row on its parent's page, or else its API record.
"""

from dataclasses import dataclass

from reference.models import Citation, Claim

from . import queries
from .claims import Entry, rows_for
from .links import page_url, parent, url_for
from .values import kind_label, label


@dataclass(frozen=True)
class Supported:
    record: object
    label: str
    parent: object  # the record whose page shows it as a row (a participation's patrol), or None
    url: str | None
    on_page: bool  # False: the link is to the API record
    locator: str
    inherited: bool


@dataclass
class Kind:
    singular: str
    plural: str
    rows: list

    @property
    def label(self):
        return self.singular if len(self.rows) == 1 else self.plural


def when(record):
    """A record's date where it has one (a patrol's start, a statement's day), for ordering
    within its kind: newest first, undated last."""
    day = getattr(record, "start_date", None) or getattr(record, "date", None)
    return day.toordinal() if day else 0


FIRST_KINDS = {"patrols.patrol": 0, "aircraft.aircrafttype": 1}  # the kinds with pages


def order(record):
    """Where a record comes on the page: the kinds with pages of their own first (patrols,
    aircraft types), then the others by name; within a kind, newest first, then by name."""
    meta = record._meta
    rank = FIRST_KINDS.get(meta.label_lower, len(FIRST_KINDS))
    return rank, str(meta.verbose_name_plural), -when(record), label(record).casefold()


def supports(citations):
    """The records citing the source, grouped by kind (in ``order``)."""
    kinds = {}
    for citation in citations:
        record = citation.content_object
        if record is None:  # a citation whose record has gone: nothing to show
            continue
        meta = record._meta
        kind = kinds.setdefault(
            meta.label_lower, Kind(str(meta.verbose_name), str(meta.verbose_name_plural), [])
        )
        on_page = page_url(record)
        kind.rows.append(
            Supported(
                record, label(record), parent(record), on_page or url_for(record), bool(on_page),
                citation.locator, citation.inherited,
            )
        )  # fmt: skip
    for kind in kinds.values():
        kind.rows.sort(key=lambda row: order(row.record))
    return sorted(kinds.values(), key=lambda kind: order(kind.rows[0].record)[:2])


def claims_made(claims):
    """The claims the source makes, each beside the value its record keeps, in the order of
    what it supports."""
    found = sorted(
        (claim for claim in claims if claim.content_object is not None),
        key=lambda claim: order(claim.content_object),
    )
    entries = [
        Entry(claim.content_object, kind_label(claim.content_object), url_for(claim.content_object))
        for claim in found
    ]
    return rows_for(list(zip(entries, found, strict=True)))


def describe(source):
    """The template context of a source's page."""
    kinds = supports(queries.attachments(Citation, source))
    return {
        "source": source,
        "kinds": kinds,
        "supported_count": sum(len(kind.rows) for kind in kinds),
        "claims": claims_made(queries.attachments(Claim, source)),
    }
