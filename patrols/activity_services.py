"""The one write path for activity counts (``patrols.activity``): the API, the admin, spreadsheet
imports and the loader all write a count through ``save_activity_count``.

A count's own rules (dates within its year, a country exactly for a country's figure, an unknown
count explained) are its constraints and ``clean()``, which every writer runs first; here the
count is saved with exactly the sources it cites, and refused (``ValidationError`` keyed
``sources``, nothing written) if it would cite none.
"""

from django.db import transaction

from reference.services import save_record


@transaction.atomic
def save_activity_count(count, *, sources=None):
    """Write ``count`` (validated by the caller's ``full_clean()``) and, when given, exactly
    ``sources`` (``Source`` records). Returns the count."""
    count.fill_period()
    count.fill_slug()
    return save_record(count, sources=sources)
