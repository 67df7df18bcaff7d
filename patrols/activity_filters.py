"""The filters of ``/api/v1/activity-counts/`` (``patrols.activity``).

Strict like every filter (``core.filters``): an unknown slug, code or choice, a malformed number
or boolean is a 400 naming the parameter. Years: ``fiscal_year`` (and ``_min``/``_max``)
selects figures per Japanese fiscal year (FY2024 = April 2024 – March 2025), ``year`` (and
``_min``/``_max``) figures per calendar year; neither matches the other kind, so a range never
mixes the two.
"""

from core.filters import YEAR_BOUNDS, IntegerFilter, StrictBooleanFilter, by_choice, by_slug
from reference.filters import SourcedFilterSet, by_country
from reference.models import Organization, Region

from .activity import ActivityCount, ActivityMeasure, ActivityPeriod, ActivityScope


def by_year(period, lookup, help_text):
    """A whole-number year of one kind of period (``ActivityPeriod``): exactly, or as a bound."""

    def in_years(queryset, name, value: int):
        if value is None:
            return queryset
        return queryset.filter(period=period, **{f"year__{lookup}": value})

    return IntegerFilter(field_name="year", method=in_years, help_text=help_text, **YEAR_BOUNDS)


FISCAL = "Japanese fiscal year (April–March, named after the year it starts in: 2024 is FY2024)"
CALENDAR = "calendar year (figures per fiscal year do not match)"


class ActivityCountFilterSet(SourcedFilterSet):
    measure = by_choice("measure", ActivityMeasure.choices, "What is counted; repeat for OR.")
    reported_by = by_slug(
        "reported_by", Organization.objects.all(), "Slug of the reporting organization."
    )
    zone = by_slug(
        "zone",
        Region.objects.all(),
        "Slug of the ADIZ the figure concerns (or of a region holding it); repeat for OR.",
        descendants="parent",
    )
    country = by_country(
        "country",
        "ISO alpha-2 code of the country whose aircraft are counted; repeat for OR. Totals and "
        "'other' figures have no country: use scope.",
    )
    scope = by_choice(
        "scope", ActivityScope.choices, "total, one country's figure, or other; repeat for OR."
    )
    period = by_choice("period", ActivityPeriod.choices, "Kind of period; repeat for OR.")
    partial = StrictBooleanFilter(
        help_text="true: figures for part of their year only; false: whole-year figures."
    )
    approximate = StrictBooleanFilter(
        help_text="true: figures the source gives rounded only ('N-odd')."
    )
    fiscal_year = by_year(ActivityPeriod.FISCAL_YEAR, "exact", f"The {FISCAL}.")
    fiscal_year_min = by_year(ActivityPeriod.FISCAL_YEAR, "gte", f"This {FISCAL} or later.")
    fiscal_year_max = by_year(ActivityPeriod.FISCAL_YEAR, "lte", f"This {FISCAL} or earlier.")
    year = by_year(ActivityPeriod.CALENDAR_YEAR, "exact", f"The {CALENDAR}.")
    year_min = by_year(ActivityPeriod.CALENDAR_YEAR, "gte", f"This {CALENDAR} or later.")
    year_max = by_year(ActivityPeriod.CALENDAR_YEAR, "lte", f"This {CALENDAR} or earlier.")

    class Meta:
        model = ActivityCount
        fields = []
