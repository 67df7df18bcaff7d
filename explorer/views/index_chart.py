"""The explorer's two charts, their numbers from the statistics services the API answers with.

- Patrols per calendar or Japanese fiscal year, stacked by kind: each kind's bars are
  ``patrols.statistics.statistics`` of the matching patrols of that kind, exactly what
  ``/api/v1/patrols/stats/?group_by=year&kind=<kind>&<the filters>`` answers; the table adds
  the whole's figures (the kinds' summed: what the same endpoint answers without the kind).
- JASDF fighter scrambles per Japanese fiscal year: ``patrols.activity_stats`` over the
  activity counts ``/api/v1/activity-counts/stats/?group_by=fiscal_year&measure=scrambles``
  selects (narrowed by the filters' fiscal-year range, the one filter the two share), one bar
  series per scope (all countries, each country, other countries). A figure for part of its
  year is marked partial, with the day it runs to: it is never compared as if it were whole.

Years with no patrol between the first and the last are shown as 0, so that no year is skipped.
"""

from urllib.parse import urlencode

from django.http import QueryDict
from django.urls import reverse

from patrols.activity import ActivityCount, ActivityMeasure, ActivityScope
from patrols.activity_filters import ActivityCountFilterSet
from patrols.activity_stats import activity_statistics
from patrols.models import PatrolKind
from patrols.periods import fiscal_year_label
from patrols.statistics import statistics

SCRAMBLES = {"measure": ActivityMeasure.SCRAMBLES.value}
SCOPE_LABELS = {ActivityScope.TOTAL: "All countries", ActivityScope.OTHER: "Other countries"}


def year_of(key):
    return int(key.removeprefix("FY"))


def label_of(year, group_by):
    return fiscal_year_label(year) if group_by == "fiscal_year" else str(year)


def every_year(keys, group_by):
    """The keys from the first to the last, none skipped."""
    years = [year_of(key) for key in keys]
    if not years:
        return []
    return [label_of(year, group_by) for year in range(min(years), max(years) + 1)]


def patrols_per_year(patrols, group_by):
    """The chart's data (``labels``, ``datasets`` by kind) and its table's rows, and ``count``:
    how many patrols match.

    Each kind's numbers are the statistics service's for the matching patrols of that kind, run
    for the kinds among them (one query finds them): the page's cost grows with the kinds
    shown, at most three, never with the patrols. A patrol has one kind, so the whole's per
    period (patrols, aircraft at least, patrols with counts unknown) is the sum of the kinds'
    (the tests hold it equal to the endpoint's answer without the kind)."""
    present = set(patrols.order_by().values_list("kind", flat=True).distinct())
    by_kind, count = {}, 0
    for kind in (kind for kind in PatrolKind.values if kind in present):
        answer = statistics(patrols.filter(kind=kind), group_by)
        by_kind[kind] = {group["key"]: group for group in answer["groups"]}
        count += answer["patrols"]
    shown = [(kind, label) for kind, label in PatrolKind.choices if by_kind.get(kind)]
    labels = every_year({key for kind, _ in shown for key in by_kind[kind]}, group_by)

    def of(kind, year, figure):
        return by_kind[kind].get(year, {}).get(figure, 0)

    datasets = [
        {"key": kind, "label": label, "data": [of(kind, year, "patrols") for year in labels]}
        for kind, label in shown
    ]
    rows = [
        {
            "key": year,
            "kinds": [of(kind, year, "patrols") for kind, _ in shown],
            **{
                name: sum(of(kind, year, figure) for kind, _ in shown)
                for name, figure in (
                    ("patrols", "patrols"),
                    ("aircraft_at_least", "aircraft_at_least"),
                    ("unknown", "patrols_with_unknown_count"),
                )
            },
        }
        for year in labels
    ]
    chart = {"stacked": True, "axis": "Patrols", "labels": labels, "datasets": datasets}
    return {"chart": chart, "kinds": shown, "rows": rows, "count": count}


def scramble_filters(query):
    """The activity-count filters the page's filters imply: scrambles, within the fiscal-year
    range if one is given."""
    pairs = [("measure", SCRAMBLES["measure"])]
    for name in ("fiscal_year_min", "fiscal_year_max"):
        pairs += [(name, value) for value in query.values(name)]
    return pairs


def scrambles_per_fiscal_year(query, country_names):
    """The scrambles chart's data and table: one series per scope and country (and reporter,
    when several report), each figure with whether it covers part of its year only."""
    pairs = scramble_filters(query)
    filterset = ActivityCountFilterSet(
        QueryDict(urlencode(pairs)), queryset=ActivityCount.objects.all()
    )
    if not filterset.is_valid():  # the patrol filters took the same years: never here
        raise ValueError(f"Activity count filters refused {pairs}: {dict(filterset.errors)}")
    groups = filterset.qs
    answer = activity_statistics(groups, "fiscal_year")["groups"]
    reporters = {group["reported_by"] for group in answer}
    series = {}
    for group in answer:
        identity = (scope_order(group), group["country"] or "", group["reported_by"])
        series.setdefault(identity, {"label": series_label(group, country_names, reporters)})
        series[identity][group["key"]] = group
    labels = every_year([group["key"] for group in answer], "fiscal_year")
    ordered = [series[identity] for identity in sorted(series)]
    datasets = [
        {
            "label": one["label"],
            "data": [one[year]["count"] if year in one else None for year in labels],
            "notes": [partial_note(one.get(year)) for year in labels],
        }
        for one in ordered
    ]
    rows = [{"key": year, "cells": [cell(one.get(year)) for one in ordered]} for year in labels]
    chart = {"stacked": False, "axis": "Scrambles", "labels": labels, "datasets": datasets}
    return {
        "chart": chart,
        "series": [one["label"] for one in ordered],
        "rows": rows,
        "api_query": urlencode([("group_by", "fiscal_year"), *pairs]),
        "url": reverse("api:activitycount-stats"),
        "narrowed": len(pairs) > 1,
    }


def scope_order(group):
    return {ActivityScope.TOTAL: 0, ActivityScope.COUNTRY: 1}.get(group["scope"], 2)


def series_label(group, country_names, reporters):
    if group["scope"] == ActivityScope.COUNTRY:
        label = country_names.get(group["country"], group["country"])
    else:
        label = SCOPE_LABELS.get(group["scope"], group["scope"])
    return f"{label} ({group['reported_by']})" if len(reporters) > 1 else label


def partial_note(group):
    """What a partial figure covers ("partial: 1 Apr – 30 Sep 2025"), else an empty string."""
    if not group or not group["partial"]:
        return ""
    start, end = group["period_start"], group["period_end"]
    return f"partial: {start.day} {start:%b %Y} – {end.day} {end:%b %Y}"


def cell(group):
    """A table cell: the count (None: no figure), and the days a partial one covers."""
    if group is None:
        return {"count": None, "missing": True}
    return {
        "count": group["count"],
        "partial": bool(group["partial"]),
        "approximate": bool(group["approximate"]),
        "period_start": group["period_start"],
        "period_end": group["period_end"],
    }
