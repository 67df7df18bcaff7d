"""A list's count kept per data generation, shared by every page of the same filter.

A page-number page counts every row its filter matches: a query over the whole result, where
the page's own keys query reads one page. On a year of the 100,000 synthetic patrols the count
was about a quarter of a page whose records were kept (``record_cache``). The count depends on
the rows the request chooses, not on how they are ordered, paged or written out, so a client
walking the pages of a result, ordering it another way or asking for another page size needs the
same count again. It is kept under

    (the release, the data's generation, the database, the path, the time zone, the user, the
     query's parameters but those that choose no rows)

- the parameters that choose no rows are named here (``not_choosing``: paging, ordering,
  format, a choice of fields); **every other parameter is in the key**, a filter added later
  included, so a parameter this module does not know can only make the count miss, never give
  another filter's count. Values keep their order and blanks (as ``response_cache`` keys them);
- the **generation** (``cache_version.data_generation``) is read *before* counting, as the
  answer cache reads it before building: a count is never stored under a generation older
  than the rows it counted, and once a write commits no request reads a count kept before it;
- the **path** names the list (and a nested list's parent); the **time zone** is there because
  a filter's naive date-time is read in it; the **user** (anonymous, or a signed-in user's id):
  no list shows a user other rows today, and one that did later would not share its counts.

Only the default database's counts are kept: the generation is read there. A cache that is down
or evicting costs a count query (``core.cache``). Counts are kept ``API_COUNT_CACHE_SECONDS``
(0: none) in the cache alias ``counts`` (``config/settings.py``: its own bounded local memory
by default, so that counts do not push the answers and the throttle's counts out of the default
one; the shared Redis of ``CACHE_URL`` in production).
"""

import hashlib

from django.conf import settings
from django.db import DEFAULT_DB_ALIAS
from django.utils import timezone
from rest_framework.settings import api_settings

from .cache_version import api_cache, cache_version, data_generation

ALIAS = "counts"
KEY_PREFIX = "api-count"


def not_choosing(paging_parameters):
    """The query parameters that choose no rows: the paginator's (``paging_parameters``), the
    ordering, the format and a choice of fields."""
    # Imported here: ``selection`` imports drf-spectacular, which imports this pagination.
    from .selection import BRIEF, FIELDS

    return frozenset(
        (*paging_parameters, api_settings.ORDERING_PARAM, api_settings.URL_FORMAT_OVERRIDE,
         FIELDS, BRIEF)
    )  # fmt: skip


def count_key(request, queryset, ignored, generation):
    """The cache key of ``queryset``'s count for ``request`` (see the module docstring)."""
    query = request.query_params
    chosen = sorted((name, query.getlist(name)) for name in query if name not in ignored)
    parts = (
        cache_version(),
        str(generation),
        queryset.db,
        request.path,
        timezone.get_current_timezone_name(),
        str(getattr(request.user, "pk", None)),
        repr(chosen),
    )
    digest = hashlib.blake2b("\x00".join(parts).encode(), digest_size=20).hexdigest()
    return f"{KEY_PREFIX}:{generation}:{digest}"


def kept_count(request, queryset, ignored, count):
    """``queryset``'s count: kept from an earlier request of the same rows in the same data
    generation, or ``count()`` (the query) and kept. ``ignored``: the parameters that choose
    no rows (``not_choosing``)."""
    seconds = settings.API_COUNT_CACHE_SECONDS
    kept = seconds and queryset.db == DEFAULT_DB_ALIAS
    generation = data_generation() if kept else None
    if generation is None:
        return count()
    key = count_key(request, queryset, ignored, generation)
    cache = api_cache(ALIAS)
    found = cache.get(key)
    if found is None:
        found = count()
        cache.set(key, found, seconds)
    return found
