"""FilterSets for patrols and the records attached to them.

A patrol filter on a participation (country, aircraft type, role) matches a patrol in which any
participation matches; several such filters together may be met by different participations.
"""

from aircraft.models import AircraftType
from core.filters import (
    YEAR_BOUNDS,
    IntegerFilter,
    RecordFilterSet,
    StrictBooleanFilter,
    by_choice,
    by_slug,
    date_range,
)
from reference.filters import SourcedFilterSet, by_country
from reference.models import Organization, Region

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


class PatrolFilterSet(SourcedFilterSet):
    year = by_year("start_date", "exact", "Year the patrol started.")
    # Not a range filter: one named ``year`` would give year_min and year_max, but ``year`` is
    # already the exact year (a FilterSet holds one filter per name).
    year_min = by_year("start_date", "gte", "Started in this year or later.")
    year_max = by_year("start_date", "lte", "Started in this year or earlier.")
    date = dates("start_date", "Started")  # date_after, date_before
    country = by_country(
        "participations__operator__country",
        "ISO alpha-2 code of a country taking part (CN, RU, …); repeat for OR.",
    )
    aircraft_type = by_slug(
        "participations__aircraft_type",
        AircraftType.objects.all(),
        "Slug of an aircraft type taking part (e.g. h-6k); repeat for OR.",
    )
    operator = by_slug(
        "participations__operator",
        Organization.objects.all(),
        "Slug of an organization taking part; repeat for OR.",
    )
    role = by_choice(
        "participations__role", ParticipationRole.choices, "Role of a participation; repeat for OR."
    )
    region = by_slug(
        "region_links__region", Region.objects.all(), "Slug of a region crossed; repeat for OR."
    )
    kind = by_choice("kind", PatrolKind.choices, "Kind of patrol; repeat for OR.")
    joint = StrictBooleanFilter(
        method="filter_joint",
        help_text="true: two or more countries took part; false: one or none.",
    )
    intercepted_by = by_country(
        "interceptions__responder__country",
        "ISO alpha-2 code of a country whose forces intercepted the patrol; repeat for OR.",
    )
    responder = by_slug(
        "interceptions__responder",
        Organization.objects.all(),
        "Slug of an organization that intercepted the patrol; repeat for OR.",
    )
    airspace_violated = StrictBooleanFilter(
        field_name="interceptions__airspace_violated",
        distinct=True,
        help_text="true: an interception reports national airspace violated.",
    )

    class Meta:
        model = Patrol
        fields = []

    def filter_joint(self, queryset, name, value):
        return queryset if value is None else queryset.joint(value)


class PatrolRegionFilterSet(RecordFilterSet):
    patrol = by_slug("patrol", Patrol.objects.all(), "Slug of the patrol; repeat for OR.")
    region = by_slug("region", Region.objects.all(), "Slug of the region; repeat for OR.")

    class Meta:
        model = PatrolRegion
        fields = []


class ParticipationFilterSet(SourcedFilterSet):
    patrol = by_slug("patrol", Patrol.objects.all(), "Slug of the patrol; repeat for OR.")
    aircraft_type = by_slug(
        "aircraft_type", AircraftType.objects.all(), "Slug of the aircraft type; repeat for OR."
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
        "aircraft_type", AircraftType.objects.all(), "Slug of the type scrambled; repeat for OR."
    )
    region = by_slug("region", Region.objects.all(), "Slug of the region; repeat for OR.")
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
