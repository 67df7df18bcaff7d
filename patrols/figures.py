"""What the sources report as numbers about a patrol: figures (its duration, distance, aircraft
totals) and zone entries (whose aircraft entered which ADIZ, how many, when, per whom).

A figure is kept as the source words it: a value with a qualifier ("about 13 hours" is 13,
``about``; "more than 10 aircraft" is 10, ``more_than``), never rounded into a different claim.
``lower_bound`` says what a figure guarantees as a whole number: "more than 10" aircraft is at
least 11; "about 10" guarantees nothing. ``guaranteed_aircraft`` is the one rule (a patrol,
the list page and the statistics use it alike) for at least how many aircraft took part: per
country its known counts, its own totals or any single zone entry of its aircraft; in all, those
summed or an every-participant total. Each record is a fact of its own (sources, confidence,
claims); written with its patrol and naming no sources, it inherits the patrol's.
"""

import math
from collections import defaultdict
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import F, Q

from core.history import AsOfRelation
from core.models import choices_constraint, count_constraint
from reference.models import Country, Organization, Region, RegionKind, SourcedModel


class Quantity(models.TextChoices):
    DURATION_HOURS = "duration_hours", "Duration (hours)"
    DISTANCE_KM = "distance_km", "Distance (km)"
    AIRCRAFT_TOTAL = "aircraft_total", "Aircraft in all"


class Qualifier(models.TextChoices):
    """How the source words a number."""

    EXACT = "exact", "Exactly"
    ABOUT = "about", "About"
    MORE_THAN = "more_than", "More than"
    AT_LEAST = "at_least", "At least"


def lower_bound(value, qualifier):
    """The whole number a count worded so is at least, or None when the wording guarantees none
    ("about 10"): exact and at-least N give N (rounded up), more-than N the next whole number."""
    if value is None or qualifier == Qualifier.ABOUT:
        return None
    value = Decimal(value)
    if qualifier == Qualifier.MORE_THAN:
        return math.floor(value) + 1
    return math.ceil(value)


def figure_value(value):
    """A figure's value as the API shows it: a whole number as an int, else a float."""
    if value is None:
        return None
    value = Decimal(value)
    return int(value) if value == value.to_integral_value() else float(value)


def guaranteed_aircraft(participations, totals, entries):
    """At least how many aircraft took part in a patrol: ``(at least in all, {country: at
    least})``, from plain tuples so that a page of rows and the statistics' grouped rows follow
    the one rule a patrol does.

    ``participations``: ``(country, count)`` of each (count None where unknown); ``totals``:
    ``(country, value, qualifier)`` of each aircraft-in-all figure, country None for every
    participant's; ``entries``: ``(country, count, qualifier)`` of each zone entry. Per country,
    the largest of: its known counts summed, what its largest own total guarantees, and what its
    largest single zone entry guarantees (one country's entries are never summed: they may be
    the same aircraft entering again). In all: the larger of the countries' sum and what the
    largest every-participant total guarantees. "About N" guarantees nothing, "more than N" N+1.
    """
    by_country = defaultdict(int)  # participations first: each country starts at its known sum
    for country, count in participations:
        by_country[country] += count or 0
    everyone = 0
    for country, value, qualifier in totals:
        if country is None:
            everyone = max(everyone, lower_bound(value, qualifier) or 0)
    for country, value, qualifier in [*totals, *entries]:
        if country is not None:
            by_country[country] = max(by_country[country], lower_bound(value, qualifier) or 0)
    return max(sum(by_country.values()), everyone), dict(by_country)


def aircraft_figures(participations, totals, entries=()):
    """How many aircraft took part in a patrol, as far as the sources tell.

    ``participations``: ``(country, count)`` of its participations (count None where unknown);
    ``totals``: ``(country, value, qualifier, reported_by)`` of each aircraft-in-all figure
    (country None: every participant's); ``entries``: ``(country, count, qualifier)`` of its
    zone entries. Returns ``aircraft_known_minimum`` (the known counts summed: 0 when none is
    known), ``participations_with_unknown_count``, the largest every-participant total with its
    qualifier and reporter (None when none is reported), and ``aircraft_at_least``
    (``guaranteed_aircraft``).
    """
    counts = [count for _, count in participations]
    known = sum(count for count in counts if count is not None)
    everyone = [total[1:] for total in totals if total[0] is None]
    largest = max(
        everyone, key=lambda total: (total[0], lower_bound(total[0], total[1]) or -1), default=None
    )
    if totals or entries:
        at_least, _ = guaranteed_aircraft(participations, [total[:3] for total in totals], entries)
    else:  # most patrols: the rule comes down to its first step, the known counts summed
        at_least = known
    return {
        "aircraft_known_minimum": known,
        "participations_with_unknown_count": counts.count(None),
        "aircraft_reported_total": figure_value(largest[0]) if largest else None,
        "aircraft_reported_total_qualifier": largest[1] if largest else None,
        "aircraft_reported_total_by": largest[2] if largest else None,
        "aircraft_at_least": at_least,
    }


def aircraft_totals(figures):
    """Of a patrol's figures, the ``aircraft_figures`` totals: ``(country id or None, value,
    qualifier, reported_by)`` of each aircraft-in-all figure."""
    return [
        (figure.country_id, figure.value, figure.qualifier, figure.reported_by)
        for figure in figures
        if figure.quantity == Quantity.AIRCRAFT_TOTAL
    ]


def zone_counts(entries):
    """Of a patrol's zone entries, the ``aircraft_figures`` entries: ``(country id, count,
    qualifier)``."""
    return [(entry.country_id, entry.aircraft_count, entry.count_qualifier) for entry in entries]


class ReportedFigure(SourcedModel):
    """A number a source reports about a patrol: its duration in hours, the distance flown in
    km, or how many aircraft took part in all (of one country's, or of every participant's when
    ``country`` is empty)."""

    SOURCE_PARENT = "patrol"  # inherits its sources when written with it

    patrol = models.ForeignKey(
        "patrols.Patrol", on_delete=models.CASCADE, related_name="reported_figures"
    )
    quantity = models.CharField(max_length=20, choices=Quantity.choices)
    value = models.DecimalField(
        max_digits=9, decimal_places=2, validators=[MinValueValidator(0)],
        help_text="As reported: hours, km or aircraft (a whole number for aircraft).",
    )  # fmt: skip
    qualifier = models.CharField(
        max_length=10, choices=Qualifier.choices, default=Qualifier.EXACT,
        help_text="How the source words it: exactly, about, more than, at least.",
    )  # fmt: skip
    country = models.ForeignKey(
        Country, on_delete=models.PROTECT, null=True, blank=True, related_name="reported_figures",
        help_text="Whose aircraft the figure is about; empty: all participants.",
    )  # fmt: skip
    reported_by = models.ForeignKey(
        Organization, on_delete=models.PROTECT, null=True, blank=True,
        related_name="reported_figures", help_text="The organization that gave the figure.",
    )  # fmt: skip
    notes = models.TextField(blank=True)

    class Meta(SourcedModel.Meta):
        ordering = ["patrol", "quantity", "pk"]
        verbose_name = "reported figure"
        constraints = [
            *SourcedModel.Meta.constraints,
            choices_constraint("quantity", Quantity, "patrols_reportedfigure_quantity_valid"),
            choices_constraint("qualifier", Qualifier, "patrols_reportedfigure_qualifier_valid"),
            models.CheckConstraint(
                condition=Q(value__gte=0),
                name="patrols_reportedfigure_value_not_negative",
                violation_error_message="A reported figure cannot be negative.",
            ),
        ]

    def __str__(self):
        who = f" ({self.reported_by})" if self.reported_by_id else ""
        return (
            f"{self.get_quantity_display()}: {self.get_qualifier_display().lower()} "
            f"{figure_value(self.value)}{who}"
        )

    @property
    def at_least(self):
        return lower_bound(self.value, self.qualifier)

    def clean(self):
        super().clean()
        if (
            self.quantity == Quantity.AIRCRAFT_TOTAL
            and self.value is not None
            and Decimal(self.value) != Decimal(self.value).to_integral_value()
        ):
            raise ValidationError({"value": "Aircraft are counted in whole numbers."})


ADIZ_ONLY = "A zone entry names an air defense identification zone (a region of kind adiz)."
COUNT_AND_QUALIFIER = "Give a count with its qualifier, or neither (an unknown count)."


class ZoneEntry(SourcedModel):
    """One country's aircraft entering an ADIZ during a patrol, as one organization reported it:
    how many (a count with its wording, or unknown) and from when to when."""

    SOURCE_PARENT = "patrol"  # inherits its sources when written with it
    as_of_follow = ("patrol", "zone", "country", "reported_by")  # shown as they stood

    patrol = models.ForeignKey(
        "patrols.Patrol", on_delete=models.CASCADE, related_name="zone_entries"
    )
    zone = models.ForeignKey(
        Region, on_delete=models.PROTECT, related_name="zone_entries",
        limit_choices_to={"kind": RegionKind.ADIZ}, help_text="The ADIZ entered.",
    )  # fmt: skip
    country = models.ForeignKey(
        Country, on_delete=models.PROTECT, related_name="zone_entries",
        help_text="Whose aircraft entered.",
    )  # fmt: skip
    aircraft_count = models.PositiveSmallIntegerField(
        null=True, blank=True, validators=[MinValueValidator(1)], help_text="Empty when unknown."
    )
    # Null, not blank, when the count is unknown: the API and the data files say null for both.
    count_qualifier = models.CharField(  # noqa: DJ001
        max_length=10, choices=Qualifier.choices, null=True, blank=True,
        help_text="How the count is worded; empty exactly when the count is.",
    )  # fmt: skip
    entered_at = models.DateTimeField(null=True, blank=True)
    exited_at = models.DateTimeField(null=True, blank=True)
    reported_by = models.ForeignKey(
        Organization, on_delete=models.PROTECT, null=True, blank=True,
        related_name="zone_entries", help_text="The organization that reported the entry.",
    )  # fmt: skip
    notes = models.TextField(blank=True)

    class Meta(SourcedModel.Meta):
        ordering = ["patrol", "entered_at", "pk"]
        verbose_name = "zone entry"
        verbose_name_plural = "zone entries"
        constraints = [
            *SourcedModel.Meta.constraints,
            count_constraint("aircraft_count", "patrols_zoneentry_count_positive"),
            models.CheckConstraint(
                condition=(
                    Q(aircraft_count__isnull=True, count_qualifier__isnull=True)
                    | Q(
                        aircraft_count__isnull=False,
                        count_qualifier__isnull=False,  # IN alone lets a null through
                        count_qualifier__in=Qualifier.values,
                    )
                ),
                name="patrols_zoneentry_count_with_qualifier",
                violation_error_message=COUNT_AND_QUALIFIER,
            ),
            models.CheckConstraint(
                condition=Q(entered_at__isnull=True)
                | Q(exited_at__isnull=True)
                | Q(exited_at__gte=F("entered_at")),
                name="patrols_zoneentry_exit_after_entry",
                violation_error_message="The exit cannot come before the entry.",
            ),
        ]

    def __str__(self):
        count = figure_value(self.aircraft_count) if self.aircraft_count else "?"
        country = self.country.code if self.country_id else "?"
        zone = self.zone if self.zone_id else "?"
        return f"{count} × {country} in {zone}"

    @property
    def at_least(self):
        return lower_bound(self.aircraft_count, self.count_qualifier)

    def save(self, *args, **kwargs):
        # Blank is unknown, as null, on every write path: ``clean()`` may have run on a copy.
        if self.count_qualifier == "":
            self.count_qualifier = None
        super().save(*args, **kwargs)

    def clean(self):
        super().clean()
        if self.count_qualifier == "":
            self.count_qualifier = None  # blank is unknown, as null
        errors = {}
        if self.zone_id is not None and self.zone.kind != RegionKind.ADIZ:
            errors["zone"] = ADIZ_ONLY
        if (self.aircraft_count is None) != (self.count_qualifier in (None, "")):
            errors["count_qualifier"] = COUNT_AND_QUALIFIER
        if self.entered_at and self.exited_at and self.exited_at < self.entered_at:
            errors["exited_at"] = "The exit cannot come before the entry."
        if errors:
            raise ValidationError(errors)


def figure_prefetches():
    """The prefetches of a patrol's full representation for its figures and zone entries, each
    with its status (``PatrolQuerySet.with_details``): three queries each, whatever the rows."""
    compact = ("country__code", "country__name", "reported_by__slug", "reported_by__name")
    figures = ReportedFigure.objects.with_sources().select_related("country", "reported_by")
    entries = ZoneEntry.objects.with_sources().select_related("zone", "country", "reported_by")
    return [
        models.Prefetch(
            "reported_figures",
            queryset=figures.only(
                *compact, "patrol_id", "quantity", "value", "qualifier", "notes", "confidence"
            ),
            to_attr="reported_figures_prefetched",
        ),
        models.Prefetch(
            "zone_entries",
            queryset=entries.only(
                *compact,
                "zone__slug",
                "zone__name",
                "patrol_id",
                "aircraft_count",
                "count_qualifier",
                "entered_at",
                "exited_at",
                "notes",
                "confidence",
            ),  # fmt: skip
            to_attr="zone_entries_prefetched",
        ),
    ]


def figure_as_of_relations():
    """A patrol's figures and zone entries as they stood at a moment (``core.history``)."""
    return [
        AsOfRelation(
            "reported_figures",
            ReportedFigure,
            "patrol_id",
            follow=("country", "reported_by"),
            relations=tuple(ReportedFigure.as_of_relations()),
        ),
        AsOfRelation(
            "zone_entries",
            ZoneEntry,
            "patrol_id",
            follow=("zone", "country", "reported_by"),
            relations=tuple(ZoneEntry.as_of_relations()),
        ),
    ]
