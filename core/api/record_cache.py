"""Each record of a fast list page kept as its JSON, per data generation.

A page nobody asked for before (another year, ordering, filter or page size: the answer cache,
``response_cache``, cannot help) is mostly records that other pages already showed. Building a
patrol's nested JSON (participations, interceptions, sources, claims) was most of such a page's
time; sending one already built is a cache read. A record's JSON is stored under

    (the release, the data's generation, the model, the page's context, the record's key)

- the **release** (``cache_version``): a new release never reads what an older one kept;
- the **generation** is the one the answer cache keys on (``DATA_GENERATION_CALLABLE``, read
  from the database): a write steps it up in its own transaction, so once it commits no request
  reads a record kept before it, on any worker, whatever changed (the record, one of its
  children, a source it cites, a country it names). It is read *after* the page's keys, so a
  kept record is never older than the page's membership (a write committing between the
  answer cache's read of the generation and the keys query would otherwise put a patrol on
  ``year=2024`` showing its 2023 date); and *before* any record is built, so a record built now
  is never older than the generation it is stored under (a write committing in between stores
  newer JSON under the older number, as ``response_cache`` explains);
- the **context** is what a record's JSON depends on besides the data: the site's address and
  script prefix (a record carries absolute URLs) and the current time zone (times are written
  in it). Nothing else reaches a fast list: a choice of fields, ``as_of``, CSV, GeoJSON and the
  browsable API take other paths, and the page builder reads neither the user nor the language.

The page is then the records found (one ``get_many``) and the others built by the page builder
from their rows and stored (one ``set_many``), each sent as an ``orjson.Fragment``: the page's
bytes are the same whether a record was kept or built. Each is kept with its digest
(``conditional.record_digest``), from which the page's ETag is made, the same either way. A
cache that is down, full or evicting costs speed only (a miss builds the record;
``core.cache``). Records are kept in the cache alias ``records`` (``config/settings.py``: its
own bounded local memory by default, the shared Redis of ``CACHE_URL`` in production, bounded
by Redis's ``maxmemory``) for ``API_RECORD_CACHE_SECONDS`` (0: none kept; the records are
still sent as fragments with their digests, so the bytes and the ETag do not depend on the
setting).
"""

import hashlib

import orjson
from django.conf import settings
from django.urls import get_script_prefix
from django.utils import timezone

from .cache_version import api_cache, cache_version, data_generation
from .conditional import DIGEST_SIZE, DigestedRecords, record_digest, server_address
from .renderers import dumps

ALIAS = "records"
# Named anew whenever what an entry holds changes (now its digest, then its JSON), so that no
# worker reads an entry of another shape, even under a release name kept across a deploy.
KEY_PREFIX = "api-record-2"
OPTIONS = orjson.OPT_NON_STR_KEYS  # as FastJSONRenderer writes a page


def context_digest(request):
    """What a record's JSON depends on besides its data, as a short digest."""
    parts = (request.build_absolute_uri(get_script_prefix()), timezone.get_current_timezone_name())
    return hashlib.blake2b("\x00".join(parts).encode(), digest_size=8).hexdigest()


class RecordJSON:
    """The JSON of one model's records for one request: ``page(keys, build)``."""

    def __init__(self, request, model):
        """Made once the page's keys are known (see the module docstring: the generation is
        read here)."""
        self.seconds = settings.API_RECORD_CACHE_SECONDS
        self.address = server_address(request)
        generation = data_generation() if self.seconds else None
        self.cache = None if generation is None else api_cache(ALIAS)
        if self.cache is not None:
            self.prefix = (
                f"{KEY_PREFIX}:{cache_version()}:{generation}:{model._meta.label_lower}:"
                f"{context_digest(request)}:"
            )

    def page(self, keys, build):
        """The records of ``keys`` (primary keys, in the page's order) as fragments, in that
        order, with their digests (``DigestedRecords``). ``build(missing)`` gives ``(key,
        record)`` pairs for the keys not kept, a record as a dict; a key it does not give (a
        record deleted meanwhile) is left out."""
        found = self.kept(keys)
        missing = [key for key in keys if key not in found]
        if missing:
            built = {}
            for key, record in build(missing):
                json = dumps(record, option=OPTIONS)
                built[key] = record_digest(json, self.address) + json
            self.keep(built)
            found.update(built)
        kept = [found[key] for key in keys if key in found]
        return DigestedRecords(
            [orjson.Fragment(entry[DIGEST_SIZE:]) for entry in kept],
            [entry[:DIGEST_SIZE] for entry in kept],
        )

    def kept(self, keys):
        """``{key: digest + JSON bytes}`` of the records kept (none without a cache)."""
        if self.cache is None:
            return {}
        names = {self.prefix + str(key): key for key in keys}
        return {names[name]: entry for name, entry in self.cache.get_many(list(names)).items()}

    def keep(self, built):
        if self.cache is not None and built:
            stored = {self.prefix + str(key): json for key, json in built.items()}
            self.cache.set_many(stored, self.seconds)
