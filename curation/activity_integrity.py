"""A whole-data-set rule for activity counts (``patrols.activity``), beside ``integrity``:
a total is not smaller than the figures it holds.

For one measure, reporter and period (the same year and last day), the total (``scope=total``)
is at least the sum of the by-country and 'other' figures given for that period: FY2024's 704
scrambles hold China's 464 and Russia's 237. Unknown counts add nothing; a period without a
total is not checked. Rounded figures ("N-odd") are left out, since N-odd may exceed N.

``activity_count_problems()`` yields one readable line per problem; the activity loader runs it
after a load (``curation.loaders.activity``), and ``check_reference_data`` can list it with its
own checks (``integrity.CHECKS``).
"""

from collections import defaultdict

from patrols.activity import ActivityCount, ActivityScope, period_label


def activity_count_problems():
    """Totals smaller than the sum of their parts, one line each (one query)."""
    rows = (
        ActivityCount.objects.filter(count__isnull=False, approximate=False)
        .order_by()
        .values_list(
            "measure", "reported_by__slug", "period", "year", "period_end", "scope", "count"
        )
    )
    totals, parts = {}, defaultdict(int)
    for measure, reporter, period, year, period_end, scope, count in rows:
        key = (measure, reporter, period, year, period_end)
        if scope == ActivityScope.TOTAL:
            totals[key] = count
        else:
            parts[key] += count
    for key, total in sorted(totals.items(), key=lambda item: tuple(map(str, item[0]))):
        if parts.get(key, 0) > total:
            measure, reporter, period, year, period_end = key
            yield (
                f"activity count {measure} {period_label(period, year)} to {period_end} "
                f"({reporter}): the total {total} is smaller than its figures by country and "
                f"'other' ({parts[key]})"
            )
