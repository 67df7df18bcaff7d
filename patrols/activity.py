"""Activity counts: yearly figures governments publish about foreign military flights near them.

Two series come from the fact sheet: the JASDF's fighter scrambles per Japanese fiscal year
(April–March, published each April by Japan's Joint Staff Office) and the entries into the KADIZ
without prior notice per calendar year (ROK Ministry of National Defense / JCS data given to
National Assembly members). One row is one published figure:

- ``measure``: what is counted (``scrambles``, ``adiz_entries``, ``notified_adiz_entries``);
- ``reported_by``: the organization whose data it is; ``zone``: the ADIZ it concerns, if any;
- ``period`` and ``year``: a Japanese fiscal year (``FY2024`` = 1 April 2024 – 31 March 2025) or a
  calendar year; ``period_start``/``period_end`` the days it covers — left empty they are the whole
  year; a figure for part of the year only (FY2025 April–September) is ``partial``, which is
  derived from the dates, never typed;
- ``scope``: ``total`` (all countries), ``country`` (one ``country``) or ``other`` (the aircraft
  not of the countries given separately);
- ``count``: the figure (a whole number ≥ 0), empty only when the row says why (``as_reported`` or
  ``notes``: sources disagree, say, with each figure kept as a claim); ``approximate``: the source
  gives a rounded figure only (Korean "N여 회", "N-odd": the count is that N);
- ``breakdown``: the figure split by subdivision as the source gives it, e.g. the JASDF's by air
  defense force ``{"northern": 152, "southwestern": 411}``; a subdivision not given is absent.

Rows keep their sources and claims like every fact record (``SourcedModel``). A total and its
by-country rows for one period are checked together by ``curation.activity_integrity``.
"""

from datetime import date

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q
from django.utils.text import slugify

from core.models import choices_constraint, year_constraint
from reference.models import (
    Country,
    Organization,
    Region,
    RegionKind,
    SourcedModel,
    SourcedQuerySet,
)

from .periods import FIRST_MONTH, fiscal_year_label, fiscal_year_name


class ActivityMeasure(models.TextChoices):
    SCRAMBLES = "scrambles", "Fighter scrambles"
    ADIZ_ENTRIES = "adiz_entries", "ADIZ entries without prior notice"
    NOTIFIED_ADIZ_ENTRIES = "notified_adiz_entries", "ADIZ entries with prior notice"


class ActivityPeriod(models.TextChoices):
    FISCAL_YEAR = "fiscal_year", "Japanese fiscal year (April–March)"
    CALENDAR_YEAR = "calendar_year", "Calendar year"


class ActivityScope(models.TextChoices):
    TOTAL = "total", "All countries"
    COUNTRY = "country", "One country"
    OTHER = "other", "Other countries (not given separately)"


FIRST_YEAR, LAST_YEAR = 1900, 2100  # the years a count may name (``core.models.year_constraint``)
YEAR_MESSAGE = f"Give a year from {FIRST_YEAR} to {LAST_YEAR}."
MAX_COUNT = 2_147_483_647  # the largest figure a count (an integer column) can hold


def year_bounds(period, year):
    """The first and last day of ``year`` as ``period`` counts it: ``(date, date)``."""
    if period == ActivityPeriod.FISCAL_YEAR:
        return date(year, FIRST_MONTH, 1), date(year + 1, FIRST_MONTH - 1, 31)
    return date(year, 1, 1), date(year, 12, 31)


def period_label(period, year):
    """``FY2024`` for a fiscal year, ``2024`` for a calendar year."""
    return fiscal_year_label(year) if period == ActivityPeriod.FISCAL_YEAR else str(year)


def period_name(period, year):
    return fiscal_year_name(year) if period == ActivityPeriod.FISCAL_YEAR else str(year)


def _day(path, year, month, day):
    return Q(**{f"{path}__year": year, f"{path}__month": month, f"{path}__day": day})


# The database's half of the period rules, as conditions on the row's own columns.
WHOLE_YEAR = Q(
    _day("period_start", F("year"), FIRST_MONTH, 1),
    _day("period_end", F("year") + 1, FIRST_MONTH - 1, 31),
    period=ActivityPeriod.FISCAL_YEAR,
) | Q(
    _day("period_start", F("year"), 1, 1),
    _day("period_end", F("year"), 12, 31),
    period=ActivityPeriod.CALENDAR_YEAR,
)


def _in_fiscal_year(path):
    return Q(**{f"{path}__year": F("year"), f"{path}__month__gte": FIRST_MONTH}) | Q(
        **{f"{path}__year": F("year") + 1, f"{path}__month__lt": FIRST_MONTH}
    )


WITHIN_YEAR = Q(
    _in_fiscal_year("period_start"),
    _in_fiscal_year("period_end"),
    period=ActivityPeriod.FISCAL_YEAR,
) | Q(
    period_start__year=F("year"),
    period_end__year=F("year"),
    period=ActivityPeriod.CALENDAR_YEAR,
)


def validate_breakdown(value, field=None):
    """``None`` or ``{subdivision: whole number ≥ 0}`` with non-empty names; the error is keyed
    by ``field`` when given (a save), plain as a field validator's."""

    def refuse(message):
        raise ValidationError({field: message} if field else message)

    if value is None:
        return
    if not isinstance(value, dict):
        refuse("Give an object: {subdivision: count}.")
    for name, count in value.items():
        if not str(name).strip():
            refuse("Name every subdivision.")
        if isinstance(count, bool) or not isinstance(count, int) or not 0 <= count <= MAX_COUNT:
            refuse(f"The count for {name!r} must be a whole number from 0 to {MAX_COUNT}.")


class ActivityCountQuerySet(SourcedQuerySet):
    def with_details(self):
        """What a row's representation shows, in a fixed number of queries (one join for its
        reporter, zone and country, two prefetches for sources and claims)."""
        return self.select_related("reported_by", "zone", "country").with_sources()


class ActivityCount(SourcedModel):
    """One published yearly (or part-year) count of military flights, with its sources."""

    slug = models.SlugField(
        max_length=120,
        unique=True,
        blank=True,
        help_text="Left empty, it is made from the rest: scrambles-japan-joint-staff-fy2024-cn.",
    )
    measure = models.CharField(max_length=30, choices=ActivityMeasure.choices)
    reported_by = models.ForeignKey(
        Organization,
        on_delete=models.PROTECT,
        related_name="activity_counts",
        help_text="Whose data the figure is (Japan's Joint Staff Office, the ROK's JCS, …).",
    )
    zone = models.ForeignKey(
        Region,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="activity_counts",
        help_text="The ADIZ the figure concerns, where it concerns one.",
    )
    period = models.CharField(max_length=20, choices=ActivityPeriod.choices)
    year = models.PositiveSmallIntegerField(
        help_text="The calendar year, or the year the fiscal year starts in (FY2024: 2024)."
    )
    period_start = models.DateField(blank=True, help_text="Left empty: the year's first day.")
    period_end = models.DateField(blank=True, help_text="Left empty: the year's last day.")
    partial = models.BooleanField(
        default=False,
        editable=False,
        help_text="The figure covers part of its year only (derived from the dates).",
    )
    scope = models.CharField(
        max_length=10, choices=ActivityScope.choices, default=ActivityScope.COUNTRY
    )
    country = models.ForeignKey(
        Country,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="activity_counts",
        help_text="Whose aircraft, for a country's figure; empty for a total or 'other'.",
    )
    count = models.PositiveIntegerField(
        null=True, blank=True, help_text="Empty only when the row says why (as reported, notes)."
    )
    approximate = models.BooleanField(
        default=False, help_text="The source gives a rounded figure only ('N-odd'): count is N."
    )
    as_reported = models.CharField(
        max_length=200, blank=True, help_text="The figure in the source's own words."
    )
    breakdown = models.JSONField(
        null=True,
        blank=True,
        validators=[validate_breakdown],
        help_text='By subdivision as the source gives it: {"northern": 152, …}.',
    )
    notes = models.TextField(blank=True)

    objects = ActivityCountQuerySet.as_manager()

    as_of_follow = ("reported_by", "zone", "country")

    class Meta(SourcedModel.Meta):
        ordering = ["measure", "period", "year", "period_end", "scope", "country", "pk"]
        verbose_name = "activity count"
        constraints = [
            *SourcedModel.Meta.constraints,
            models.CheckConstraint(
                condition=~Q(slug=""), name="patrols_activitycount_slug_not_empty"
            ),
            choices_constraint("measure", ActivityMeasure, "patrols_activitycount_measure_valid"),
            choices_constraint("period", ActivityPeriod, "patrols_activitycount_period_valid"),
            choices_constraint("scope", ActivityScope, "patrols_activitycount_scope_valid"),
            year_constraint("year", "patrols_activitycount_year_range", nullable=False),
            models.CheckConstraint(
                condition=Q(period_end__gte=F("period_start")) & WITHIN_YEAR,
                name="patrols_activitycount_dates_within_year",
                violation_error_message="The dates must lie within the year, in order.",
            ),
            models.CheckConstraint(
                condition=Q(WHOLE_YEAR, partial=False) | Q(~WHOLE_YEAR, partial=True),
                name="patrols_activitycount_partial_iff_part_year",
                violation_error_message="A figure is partial exactly when it covers part of "
                "its year.",
            ),
            models.CheckConstraint(
                condition=Q(scope=ActivityScope.COUNTRY, country__isnull=False)
                | Q(~Q(scope=ActivityScope.COUNTRY), country__isnull=True),
                name="patrols_activitycount_country_iff_scope_country",
                violation_error_message="Name the country for a country's figure, and only then.",
            ),
            models.CheckConstraint(
                condition=Q(count__isnull=False) | ~Q(as_reported="") | ~Q(notes=""),
                name="patrols_activitycount_unknown_count_explained",
                violation_error_message="Without a count, say why (as reported, or notes).",
            ),
            models.UniqueConstraint(
                fields=["measure", "reported_by", "period", "year", "period_end", "country"],
                condition=Q(country__isnull=False),
                name="patrols_activitycount_unique_country",
                violation_error_message="This figure is recorded already for this country.",
            ),
            models.UniqueConstraint(
                fields=["measure", "reported_by", "period", "year", "period_end", "scope"],
                condition=Q(country__isnull=True),
                name="patrols_activitycount_unique_scope",
                violation_error_message="This figure is recorded already for this scope.",
            ),
        ]

    def __str__(self):
        whose = self.country.name if self.country_id else self.get_scope_display().lower()
        when = period_label(self.period, self.year) if self.year else "?"
        if self.partial and self.period_end:
            when += f" to {self.period_end.isoformat()}"
        count = "?" if self.count is None else f"{'~' if self.approximate else ''}{self.count}"
        return f"{self.get_measure_display()} {when}, {whose}: {count}"

    @property
    def label(self):
        return period_label(self.period, self.year)

    def fill_period(self):
        """Empty dates become the year's bounds; ``partial`` follows the dates."""
        if self.period not in ActivityPeriod.values or not isinstance(self.year, int):
            return
        if not FIRST_YEAR <= self.year <= LAST_YEAR:
            return  # clean() names the year; the database refuses it
        first, last = year_bounds(self.period, self.year)
        self.period_start = self.period_start or first
        self.period_end = self.period_end or last
        self.partial = (self.period_start, self.period_end) != (first, last)

    def fill_slug(self):
        """An empty slug is made from the figure's key (measure, reporter, period, scope or
        country), unique with a suffix: ``scrambles-japan-joint-staff-fy2025-to-2025-09-30-cn``."""
        if self.slug or not self.reported_by_id or not self.period_end:
            return
        whose = self.country.code if self.country_id else self.scope
        until = f" to {self.period_end.isoformat()}" if self.partial else ""
        text = f"{self.measure} {self.reported_by.slug} {self.label}{until} {whose}"
        base = slugify(text.replace("_", " "))[:110]
        self.slug, n = base, 1
        while ActivityCount.objects.filter(slug=self.slug).exclude(pk=self.pk).exists():
            n += 1
            self.slug = f"{base}-{n}"

    def save(self, *args, **kwargs):
        self.fill_period()
        self.fill_slug()
        validate_breakdown(self.breakdown, "breakdown")
        super().save(*args, **kwargs)

    def validate_constraints(self, exclude=None):
        """An empty slug is made from the rest of the row, so it stays empty only when the rest
        is at fault (a year out of range, an unknown period): those fields name the error, not a
        "slug_not_empty" constraint."""
        exclude = set(exclude or ())
        if not self.slug:
            exclude.add("slug")
        super().validate_constraints(exclude=exclude)

    def clean(self):
        super().clean()
        self.fill_period()
        self.fill_slug()
        errors = {}
        if isinstance(self.year, int) and not FIRST_YEAR <= self.year <= LAST_YEAR:
            errors["year"] = YEAR_MESSAGE
        if self.zone_id is not None and self.zone.kind != RegionKind.ADIZ:
            errors["zone"] = f"{self.zone.slug} is not an ADIZ: name an air defense zone."
        if (
            "year" not in errors
            and self.period_start
            and self.period_end
            and self.year
            and self.period
        ):
            first, last = year_bounds(self.period, self.year)
            if not first <= self.period_start <= self.period_end <= last:
                errors["period_end"] = (
                    f"{period_label(self.period, self.year)} runs from {first} to {last}: "
                    "the dates must lie within it, the start before the end."
                )
        if (self.scope == ActivityScope.COUNTRY) != (self.country_id is not None):
            errors["country"] = "Name the country for a country's figure, and only then."
        if self.count is None and not (self.as_reported.strip() or self.notes.strip()):
            errors["count"] = "Without a count, say why (as reported, or notes)."
        if isinstance(self.breakdown, dict) and self.count is not None:
            parts = [v for v in self.breakdown.values() if isinstance(v, int)]
            if sum(parts) > self.count:
                errors["breakdown"] = f"The parts add up to more than the count ({self.count})."
        if errors:
            raise ValidationError(errors)
