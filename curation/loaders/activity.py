"""Loads patrols/data/patrols-activity-counts.yaml: yearly scramble and ADIZ-entry figures
(``patrols.activity``), under the top-level key ``activity_counts``.

An entry is one period of one series, with the figures it gives::

    - measure: scrambles
      reported_by: japan-joint-staff
      period: fiscal_year
      year: 2025
      period_end: 2025-09-30        # optional: a part of the year (start: the year's first day)
      confidence: high              # the sheet's high / medium / low, or ours
      sources: [wing-scrambles-fy2025-h1]
      figures:
        - {scope: total, count: 265, notes: "…"}
        - {country: CN, count: 198}
        - {country: RU, count: null, as_reported: "…", claims: [{field: count, …}]}

Each figure takes the entry's fields unless it gives its own (``sources``, ``confidence``,
``zone``, ``period_start``/``period_end``); ``scope`` is ``country`` when a country is named.
Only the figures the sheet gives are listed, and a count the sheet leaves null stays null (the
row must then say why). Once written, the totals and their by-country figures are checked
together (``curation.activity_integrity``): a load that breaks that stops, writing nothing.
"""

import json
from pathlib import Path

import patrols
from core import dates
from patrols.activity import ActivityCount, ActivityScope, year_bounds
from reference.models import Organization, Region

from ..activity_integrity import activity_count_problems
from ..loading import DataFileError, confidence, read_data

DATA_FILE = Path(patrols.__file__).resolve().parent / "data" / "patrols-activity-counts.yaml"
SECTION = "activity_counts"
# What a figure may give for itself; the rest of its fields come from its entry.
OWN = ("scope", "country", "count", "approximate", "as_reported", "breakdown", "notes")
INHERITED = ("zone", "period_start", "period_end", "confidence", "sources", "claims")


def load(loader, path=None):
    path = Path(path or DATA_FILE)
    if not path.exists():
        return
    written = []
    for entry in read_data(path).get(SECTION, []):
        written += load_entry(loader, entry)
    if any((ActivityCount, record.pk) in loader.written for record in written if record):
        loader.check_after_load(check_counts)


def load_entry(loader, entry):
    """The figures of one entry; returns the records (None for one skipped)."""
    try:
        measure, reporter, period, year = (
            entry[name] for name in ("measure", "reported_by", "period", "year")
        )
        first, last = year_bounds(period, int(year))
    except (KeyError, TypeError, ValueError) as error:
        raise DataFileError(f"{SECTION} entry {entry!r}: {error!r}") from None
    records = []
    for figure in entry.get("figures") or []:
        unknown = set(figure) - set(OWN) - set(INHERITED)
        if unknown:
            raise DataFileError(f"{SECTION} {measure} {year}: unknown field(s) {sorted(unknown)}")
        given = {name: figure.get(name, entry.get(name)) for name in INHERITED}
        country = loader.country(figure.get("country"))
        scope = figure.get("scope") or (ActivityScope.COUNTRY if country else None)
        given.update(read_dates(entry, figure, scope))
        records.append(
            loader.upsert(
                ActivityCount,
                {
                    "measure": measure,
                    "reported_by": loader.get(Organization, reporter),
                    "period": period,
                    "year": year,
                    "period_end": given["period_end"] or last,
                    "scope": scope,
                    "country": country,
                },
                {
                    "zone": loader.get(Region, given["zone"]),
                    "period_start": given["period_start"] or first,
                    "count": figure.get("count"),
                    "approximate": bool(figure.get("approximate")),
                    "as_reported": figure.get("as_reported") or "",
                    "breakdown": figure.get("breakdown"),
                    "notes": figure.get("notes") or "",
                    "confidence": confidence(given["confidence"]),
                },
                **loader.sourced(given),
            )
        )
    return records


def read_dates(entry, figure, scope):
    """The figure's ``period_start``/``period_end`` read as ISO 8601 dates (``core.dates``).

    A date in another spelling is refused here, naming the figure as the file does (reporter
    by slug, country by code): the loader's own message would name it by its key, in which
    the reporter is a database id a curator cannot find in the file.
    """
    given = {name: figure.get(name, entry.get(name)) for name in ("period_start", "period_end")}
    try:
        return dates.model_values(ActivityCount, given)
    except dates.NotISO as error:
        named = {name: entry.get(name) for name in ("measure", "reported_by", "period", "year")}
        named |= {"scope": scope, "country": figure.get("country")}
        raise DataFileError(
            f"ActivityCount {json.dumps(named, ensure_ascii=False, default=str)}: {error}"
        ) from None


def check_counts():
    problems = list(activity_count_problems())
    if problems:
        raise DataFileError("; ".join(problems))
