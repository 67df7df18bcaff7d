"""FilterSets for patrols and the records attached to them.

A patrol's filters on its participations (country, aircraft_type, operator, role) are met by one
and the same participation; so are its filters on its interceptions (intercepted_by, responder,
airspace_violated) and on its zone entries (zone, zone_country). Repeating a parameter ORs its
values. ``aircraft_type`` matches a type and its variants at any depth, ``region`` a region and
its sub-regions. ``duration_hours_min``/``_max`` and ``distance_km_min``/``_max`` bound the
figures the sources report.
"""

from django.db.models import Exists, OuterRef

from aircraft.models import AircraftType
from core.filters import (
    FIGURE_BOUNDS,
    SMALL_BOUNDS,
    YEAR_BOUNDS,
    IntegerFilter,
    IntegerRangeFilter,
    RecordFilterSet,
    StrictBooleanFilter,
    add_filters,
    by_choice,
    by_slug,
    date_range,
    number_range,
)
from reference.filters import SourcedFilterSet, by_country
from reference.models import Organization, Region, RegionKind

from .figures import Qualifier, Quantity, ReportedFigure, ZoneEntry
from .models import (
    Interception,
    Participation,
    ParticipationRole,
    Patrol,
    PatrolKind,
    PatrolRegion,
    Statement,
    StatementKind,
)
from .periods import fiscal_year_filters


def by_year(field_name, lookup, help_text):
    return IntegerFilter(
        field_name=field_name, lookup_expr=f"year__{lookup}", help_text=help_text, **YEAR_BOUNDS
    )


def dates(field_name, what):
    """``date_after`` / ``date_before`` (inclusive, ISO dates) on one date field, for a filter
    named ``date``."""
    return date_range(
        field_name, f"{what} on or after (ISO date).", f"{what} on or before (ISO date)."
    )


SAME_PARTICIPATION = (
    " Combined with country, aircraft_type, operator or role, one and the same participation "
    "must match them all: country=CN&role=escort is a patrol with a Chinese escort, not one with "
    "a Chinese participation and some escort. For patrols with a Chinese and a Russian "
    "participation, use joint=true&country=CN&country=RU."
)
SAME_ZONE_ENTRY = (
    " Combined with zone or zone_country, one and the same zone entry must match them both: "
    "zone=kadiz&zone_country=RU is a patrol whose Russian aircraft entered the KADIZ."
)
SAME_INTERCEPTION = (
    " Combined with intercepted_by, responder or airspace_violated, one and the same "
    "interception must match them all."
)


class PatrolFilterSet(SourcedFilterSet):
    year = by_year("start_date", "exact", "Year the patrol started.")
    # Not a range filter: one named ``year`` would give year_min and year_max, but ``year`` is
    # already the exact year (a FilterSet holds one filter per name).
    year_min = by_year("start_date", "gte", "Started in this year or later.")
    year_max = by_year("start_date", "lte", "Started in this year or earlier.")
    date = dates("start_date", "Started")  # date_after, date_before
    country = by_country(
        "participations__operator__country",
        "ISO alpha-2 code of a country taking part (CN, RU, …); repeat for OR."
        + SAME_PARTICIPATION,
    )
    aircraft_type = by_slug(
        "participations__aircraft_type",
        AircraftType.objects.all(),
        "Slug of an aircraft type taking part (e.g. h-6): the type or any of its variants, at "
        "any depth (h-6 matches h-6k and h-6n); repeat for OR." + SAME_PARTICIPATION,
        descendants="variant_of",
    )
    operator = by_slug(
        "participations__operator",
        Organization.objects.all(),
        "Slug of an organization taking part; repeat for OR." + SAME_PARTICIPATION,
    )
    role = by_choice(
        "participations__role",
        ParticipationRole.choices,
        "Role of a participation; repeat for OR." + SAME_PARTICIPATION,
    )
    region = by_slug(
        "region_links__region",
        Region.objects.all(),
        "Slug of a region crossed: the region or any region within it, at any depth; repeat "
        "for OR.",
        descendants="parent",
    )
    kind = by_choice("kind", PatrolKind.choices, "Kind of patrol; repeat for OR.")
    joint = StrictBooleanFilter(
        method="filter_joint",
        help_text="true: two or more countries took part; false: one or none.",
    )
    intercepted_by = by_country(
        "interceptions__responder__country",
        "ISO alpha-2 code of a country whose forces intercepted the patrol; repeat for OR."
        + SAME_INTERCEPTION,
    )
    responder = by_slug(
        "interceptions__responder",
        Organization.objects.all(),
        "Slug of an organization that intercepted the patrol; repeat for OR." + SAME_INTERCEPTION,
    )
    airspace_violated = StrictBooleanFilter(
        field_name="interceptions__airspace_violated",
        distinct=True,
        help_text="true: an interception reports national airspace violated (false: one reports "
        "it not violated)." + SAME_INTERCEPTION,
    )

    zone = by_slug(
        "zone_entries__zone",
        Region.objects.filter(kind=RegionKind.ADIZ),
        "Slug of an ADIZ the patrol's aircraft entered (kadiz, japan-adiz, alaska-adiz); repeat "
        "for OR." + SAME_ZONE_ENTRY,
    )
    zone_country = by_country(
        "zone_entries__country",
        "ISO alpha-2 code of a country whose aircraft entered an ADIZ; repeat for OR."
        + SAME_ZONE_ENTRY,
    )

    # Each group of filters is met by one and the same row of the relation (core.filters).
    same_row = ("participations", "interceptions", "zone_entries")

    class Meta:
        model = Patrol
        fields = []

    def filter_joint(self, queryset, name, value):
        return queryset if value is None else queryset.joint(value)


class PatrolRegionFilterSet(RecordFilterSet):
    patrol = by_slug("patrol", Patrol.objects.all(), "Slug of the patrol; repeat for OR.")
    region = by_slug(
        "region",
        Region.objects.all(),
        "Slug of the region, or of a region it lies within (at any depth); repeat for OR.",
        descendants="parent",
    )

    class Meta:
        model = PatrolRegion
        fields = []


class ParticipationFilterSet(SourcedFilterSet):
    patrol = by_slug("patrol", Patrol.objects.all(), "Slug of the patrol; repeat for OR.")
    aircraft_type = by_slug(
        "aircraft_type",
        AircraftType.objects.all(),
        "Slug of the aircraft type, or of a type whose variants (at any depth) it is; repeat "
        "for OR.",
        descendants="variant_of",
    )
    operator = by_slug("operator", Organization.objects.all(), "Slug of the operator.")
    country = by_country("operator__country", "ISO alpha-2 code of the operator's country.")
    role = by_choice("role", ParticipationRole.choices, "Role in the patrol; repeat for OR.")
    year = by_year("patrol__start_date", "exact", "Year the patrol started.")

    class Meta:
        model = Participation
        fields = []


class InterceptionFilterSet(SourcedFilterSet):
    patrol = by_slug("patrol", Patrol.objects.all(), "Slug of the patrol; repeat for OR.")
    responder = by_slug("responder", Organization.objects.all(), "Slug of the responder.")
    country = by_country("responder__country", "ISO alpha-2 code of the responder's country.")
    aircraft_type = by_slug(
        "aircraft_type",
        AircraftType.objects.all(),
        "Slug of the type scrambled, or of a type whose variants (at any depth) it is; repeat "
        "for OR.",
        descendants="variant_of",
    )
    region = by_slug(
        "region",
        Region.objects.all(),
        "Slug of the region, or of a region it lies within (at any depth); repeat for OR.",
        descendants="parent",
    )
    airspace_violated = StrictBooleanFilter(help_text="true or false (unknown matches neither).")
    year = by_year("patrol__start_date", "exact", "Year the patrol started.")

    class Meta:
        model = Interception
        fields = []


class StatementFilterSet(SourcedFilterSet):
    organization = by_slug("organization", Organization.objects.all(), "Slug of the speaker.")
    country = by_country("organization__country", "ISO alpha-2 code of the speaker's country.")
    kind = by_choice("kind", StatementKind.choices, "Kind of statement; repeat for OR.")
    patrol = by_slug("patrol", Patrol.objects.all(), "Slug of the patrol it concerns.")
    date = dates("date", "Made")  # date_after, date_before

    class Meta:
        model = Statement
        fields = []


class FigureRangeFilter(IntegerRangeFilter):
    """``<name>_min`` / ``<name>_max``: patrols with a reported figure of one quantity within the
    bounds (inclusive, on the value as reported: "more than 10 hours" is 10)."""

    def __init__(self, quantity, what):
        self.quantity = quantity
        super().__init__(
            field_name="reported_figures__value",  # for the schema; filtered below
            help_texts={
                "min": f"{what} as reported: at least this.",
                "max": f"{what} as reported: at most this.",
            },
            **FIGURE_BOUNDS,
        )

    def filter(self, queryset, value):
        if value is None:
            return queryset
        bounds = {}
        if value.start is not None:
            bounds["value__gte"] = value.start
        if value.stop is not None:
            bounds["value__lte"] = value.stop
        figures = ReportedFigure.objects.filter(
            patrol=OuterRef("pk"), quantity=self.quantity, **bounds
        )
        return queryset.filter(Exists(figures))


class ReportedFigureFilterSet(SourcedFilterSet):
    patrol = by_slug("patrol", Patrol.objects.all(), "Slug of the patrol; repeat for OR.")
    quantity = by_choice("quantity", Quantity.choices, "What is counted; repeat for OR.")
    qualifier = by_choice("qualifier", Qualifier.choices, "How it is worded; repeat for OR.")
    country = by_country("country", "ISO alpha-2 code of the country whose aircraft it counts.")
    all_participants = StrictBooleanFilter(
        field_name="country",
        lookup_expr="isnull",
        help_text="true: figures about every participant's aircraft (no country); false: one "
        "country's.",
    )
    reported_by = by_slug(
        "reported_by", Organization.objects.all(), "Slug of the reporting organization."
    )
    year = by_year("patrol__start_date", "exact", "Year the patrol started.")

    class Meta:
        model = ReportedFigure
        fields = []


class ZoneEntryFilterSet(SourcedFilterSet):
    patrol = by_slug("patrol", Patrol.objects.all(), "Slug of the patrol; repeat for OR.")
    zone = by_slug(
        "zone", Region.objects.filter(kind=RegionKind.ADIZ), "Slug of the ADIZ; repeat for OR."
    )
    country = by_country("country", "ISO alpha-2 code of the country whose aircraft entered.")
    reported_by = by_slug(
        "reported_by", Organization.objects.all(), "Slug of the reporting organization."
    )
    count_qualifier = by_choice(
        "count_qualifier", Qualifier.choices, "How the count is worded; repeat for OR."
    )
    count_known = StrictBooleanFilter(
        field_name="aircraft_count",
        lookup_expr="isnull",
        exclude=True,
        help_text="true: the sources give the count; false: they do not.",
    )
    year = by_year("patrol__start_date", "exact", "Year the patrol started.")
    year_min = by_year("patrol__start_date", "gte", "Patrol started in this year or later.")
    year_max = by_year("patrol__start_date", "lte", "Patrol started in this year or earlier.")

    class Meta:
        model = ZoneEntry
        fields = []


add_filters(PatrolFilterSet, fiscal_year_filters("start_date"))  # fiscal_year, _min, _max
add_filters(
    PatrolFilterSet,
    {
        "duration_hours": FigureRangeFilter(Quantity.DURATION_HOURS, "Duration (hours)"),
        "distance_km": FigureRangeFilter(Quantity.DISTANCE_KM, "Distance (km)"),
    },
)
add_filters(ReportedFigureFilterSet, number_range("value", "Value as reported"))
add_filters(ZoneEntryFilterSet, fiscal_year_filters("patrol__start_date"))
add_filters(ZoneEntryFilterSet, number_range("aircraft_count", "Aircraft counted", SMALL_BOUNDS))
