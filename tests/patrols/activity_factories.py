"""The factory of activity counts (``patrols.activity``), beside ``tests/factories.py`` (which
re-exports it), and their description for the every-resource tests (``ACTIVITY_COUNT_RESOURCE``,
``tests/core/resource_cases.py``).

By default a count is FY2023's total of scrambles, each by a reporter of its own (so any number
can be built); FY2023 holds 2024-01-02, the day the admin's date tests type. The reporter's
factory is named by its path, so that ``tests.factories`` may import this module back.
"""

import factory

from patrols.activity import ActivityCount


class ActivityCountFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ActivityCount

    measure = "scrambles"
    reported_by = factory.SubFactory("tests.factories.OrganizationFactory")
    period = "fiscal_year"
    year = 2023
    scope = "total"
    count = factory.Sequence(lambda n: 100 + n)


def build_activity_counts():
    """Three counts, returned in ascending ``year`` order (created out of it)."""
    c, a, b = (ActivityCountFactory(year=year) for year in (2024, 2018, 2021))
    return [a, b, c]


ACTIVITY_COUNT_FIELDS = frozenset(
    {"id", "url", "slug", "measure", "reported_by", "zone", "period", "year", "label"}
    | {"period_start", "period_end", "partial", "scope", "country", "count", "approximate"}
    | {"as_reported", "breakdown", "notes", "confidence", "disputed", "sources", "claims"}
    | {"created_at", "updated_at"}
)

# ``Resource(*ACTIVITY_COUNT_RESOURCE)``: path, key, fields, ordering, builder, factory.
ACTIVITY_COUNT_RESOURCE = (
    "activity-counts",
    "slug",
    ACTIVITY_COUNT_FIELDS,
    "year",
    build_activity_counts,
    ActivityCountFactory,
)
