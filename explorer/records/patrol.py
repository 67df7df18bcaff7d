"""A patrol's page: its participations by country, what is known of how many aircraft flew,
its reported figures, zone entries, interceptions and statements, its regions and map, its
sources and disputed claims.

Counts follow ``patrols.figures``: a participation whose count the sources do not give is
"unknown", never 0, and a country's or the patrol's "at least" is what the sources guarantee
(``guaranteed_aircraft``); where they guarantee nothing it is "unknown" too.
"""

from dataclasses import dataclass, field

from django.urls import reverse

from patrols.figures import Qualifier, aircraft_totals, guaranteed_aircraft, zone_counts

from .claims import Entry, claim_rows, disputed_without_claims
from .links import anchor
from .sources import source_rows
from .values import kind_label


@dataclass
class CountryGroup:
    """One country's participations (``country`` None: an operator of no country, such as a
    multinational command)."""

    country: object
    rows: list = field(default_factory=list)
    at_least: int = 0

    @property
    def name(self):
        return self.country.name if self.country else "No single country"

    @property
    def known(self):
        return sum(row.count for row in self.rows if row.count is not None)

    @property
    def unknown(self):
        return sum(row.count is None for row in self.rows)


def country_groups(patrol):
    """The participations grouped by their operator's country (by name; no country last),
    each with at least how many aircraft the sources guarantee for that country."""
    participations = patrol.participation_list
    _, per_country = guaranteed_aircraft(
        [(row.operator.country_id, row.count) for row in participations],
        [total[:3] for total in aircraft_totals(patrol.reported_figure_list)],
        zone_counts(patrol.zone_entry_list),
    )
    groups = {}
    for row in participations:
        country = row.operator.country
        key = country.pk if country else None
        groups.setdefault(key, CountryGroup(country, at_least=per_country.get(key, 0)))
        groups[key].rows.append(row)
    return sorted(groups.values(), key=lambda group: (group.country is None, group.name))


def entries(patrol):
    """The patrol and each of its rows, as the claims and sources tables name them."""
    found = [Entry(patrol, "This patrol", "#facts")]
    for rows in (
        patrol.participation_list,
        patrol.reported_figure_list,
        patrol.zone_entry_list,
        patrol.interception_list,
        patrol.statement_list,
    ):
        for row in rows:
            found.append(Entry(row, kind_label(row), f"#{anchor(row)}"))
    return found


def describe(patrol):
    """The template context of a patrol's page."""
    everything = entries(patrol)
    regions = patrol.region_list
    aircraft = patrol.aircraft
    qualifier = aircraft["aircraft_reported_total_qualifier"]
    return {
        "patrol": patrol,
        "groups": country_groups(patrol),
        "aircraft": aircraft,
        "reported_total_qualifier": Qualifier(qualifier).label if qualifier else None,
        "has_shape": patrol.has_route or any(region.has_shape for region in regions),
        "layers_url": reverse("api:patrol-detail", args=[patrol.slug]) + "?format=geojson",
        "claims": claim_rows(everything),
        "disputed_only": disputed_without_claims(everything),
        "sources": source_rows(patrol, [entry.record for entry in everything[1:]], "this patrol"),
    }
