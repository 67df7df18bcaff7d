"""Statistics over activity counts (``patrols.activity``): sums per fiscal year, calendar year,
country or measure, for any set of counts the filters select.

A sum never adds a figure to a part of itself or to a figure of another kind:

- each *series* (one measure, reporter, kind of period, year and scope or country) contributes
  one figure: its latest-ending row with a count (the whole year's when given, else the longest
  part-year figure, say FY2025 April–September rather than April–June); a series whose rows all
  lack a count is *unknown* and adds nothing;
- a group is one value of ``group_by`` *and* one value of each other dimension: a total, each
  country and 'other' are separate groups, as are measures, reporters and kinds of period. So
  ``group_by=country`` sums each country's yearly figures over the years selected, and
  ``group_by=fiscal_year`` gives each fiscal year's figure per measure and country.

Each group says how many figures it adds (``figures``), how many of those cover part of their
year only (``partial``) or are rounded (``approximate``), and how many series it could not count
(``unknown``); ``count`` is null when it has no figure at all.

Each group states the days its figures cover: ``period_start`` (the first day of the earliest
figure it adds) and ``period_end`` (the last day of the latest), null when it adds none. Figures
covering different periods are never combined, and are not comparable: FY2025's total to 31
December and China's figure to 30 September are both keyed ``FY2025`` but, their
``period_end`` differing, one is not a part of the other, and subtracting one from the other
gives a number no source gives. Compare groups only where ``period_start``, ``period_end`` (and
``partial``) agree. One query, whatever the data.
"""

from dataclasses import dataclass
from typing import Any

from .activity import ActivityMeasure, ActivityPeriod, ActivityScope, period_label, period_name

COLUMNS = (
    "measure", "reported_by__slug", "period", "year", "period_start", "period_end", "partial",
    "scope",
    "country__code", "country__name", "count", "approximate",
)  # fmt: skip
SERIES = ("measure", "reported_by__slug", "period", "year", "scope", "country__code")
SCOPE_NAMES = {ActivityScope.TOTAL: "All countries", ActivityScope.OTHER: "Other countries"}


@dataclass(frozen=True)
class Grouping:
    period: str | None  # only figures of this kind of period (None: all)
    key: Any  # a series' first row -> (sort value, key, name)


def _by_period(row):
    return row["year"], period_label(row["period"], row["year"]), period_name(*_period(row))


def _period(row):
    return row["period"], row["year"]


def _by_country(row):
    """The total first, then each country by code, then 'other'."""
    code = row["country__code"]
    if code:
        return (1, code), code, row["country__name"]
    place = 0 if row["scope"] == ActivityScope.TOTAL else 2
    return (place, ""), row["scope"], SCOPE_NAMES[row["scope"]]


def _by_measure(row):
    measure = row["measure"]
    return measure, measure, ActivityMeasure(measure).label


GROUPINGS = {
    "fiscal_year": Grouping(ActivityPeriod.FISCAL_YEAR, _by_period),
    "year": Grouping(ActivityPeriod.CALENDAR_YEAR, _by_period),
    "country": Grouping(None, _by_country),
    "measure": Grouping(None, _by_measure),
}


def best_figures(rows):
    """``{series: (first row, row with the figure or None)}``: per series, the latest-ending row
    that has a count."""
    series = {}
    for row in rows:
        key = tuple(row[name] for name in SERIES)
        first, best = series.get(key, (row, None))
        if row["count"] is not None and (best is None or row["period_end"] > best["period_end"]):
            best = row
        series[key] = (first, best)
    return series


def activity_statistics(counts, group_by):
    """``{group_by, activity_counts, groups: [{key, name, measure, reported_by, period, scope,
    country, count, period_start, period_end, figures, partial, approximate, unknown}]}`` for a
    queryset of counts; ``period_start``/``period_end`` are ``date`` or None."""
    grouping = GROUPINGS[group_by]
    rows = list(counts.order_by().values(*COLUMNS))
    groups = {}
    for first, best in best_figures(rows).values():
        if grouping.period is not None and first["period"] != grouping.period:
            continue
        sort, key, name = grouping.key(first)
        identity = (
            first["measure"], first["reported_by__slug"], first["period"], first["scope"],
            first["country__code"] or "",
        )  # fmt: skip
        group = groups.setdefault((sort, key, identity), new_group(key, name, first))
        if best is None:
            group["unknown"] += 1
            continue
        group["count"] = (group["count"] or 0) + best["count"]
        start, end = group["period_start"], group["period_end"]
        group["period_start"] = min(start or best["period_start"], best["period_start"])
        group["period_end"] = max(end or best["period_end"], best["period_end"])
        group["figures"] += 1
        group["partial"] += best["partial"]
        group["approximate"] += best["approximate"]
    ordered = [groups[found] for found in sorted(groups, key=lambda found: (found[0], found[2]))]
    return {"group_by": group_by, "activity_counts": len(rows), "groups": ordered}


def new_group(key, name, row):
    return {
        "key": key,
        "name": name,
        "measure": row["measure"],
        "reported_by": row["reported_by__slug"],
        "period": row["period"],
        "scope": row["scope"],
        "country": row["country__code"],
        "count": None,
        "period_start": None,
        "period_end": None,
        "figures": 0,
        "partial": 0,
        "approximate": 0,
        "unknown": 0,
    }
