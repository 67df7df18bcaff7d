"""A cache of the API's anonymous answers, keyed on the request and on the data's generation.

Most API traffic is the same few reads asked again (a list's first page, a year's statistics);
building one is tens of milliseconds of Python, sending a stored one well under one. An answer
is stored under

    (the release, the data's generation, method, scheme and host, path, the query sorted by
     name, Accept)

where the **generation** is a number every write steps up, in the write's own transaction
(``curation.version.counter``, named by the setting ``DATA_GENERATION_CALLABLE``: ``core``
imports no app). It is read from the database on every request, one primary-key read, not from
the cache, so:

- a write is visible in the very next read on every worker and every machine: once it commits,
  every request reads the new generation and misses the old answers, whatever cache each
  worker has (local memory, or Redis shared through ``CACHE_URL``);
- a cache that is down, flushed or evicting costs speed only: a miss builds the answer as if
  there were no cache (``core.cache`` makes an unreachable Redis answer as an empty cache);
- the generation is read *before* the answer is built, so an answer is never stored under a
  generation older than the data it shows (a write committing in between stores a newer answer
  under the older number, which no request reads once the write is visible).

Only what is the same for every anonymous client is stored: GET requests under ``/api/``
without credentials (no ``Authorization``, no session cookie) and without preconditions other
than ``If-None-Match``, answered 200, whole (not streamed: a CSV list is never stored), in
a format other than HTML (the browsable API's and the docs' pages carry a CSRF token or a CSP
nonce), setting no cookie, no larger than ``API_RESPONSE_CACHE_MAX_BYTES``. An answer kept is
sent again with the headers it had (its ETag among them); ``If-None-Match`` naming that ETag is
answered 304 from the cache. The middlewares outside this one (``X-Dataset-Version``, security
headers, CSP) add their headers on every answer, stored or not.

The anonymous rate limit counts stored answers as it counts the others: a client over its rate
is sent on to the view, which refuses it (429).

Answers are kept ``API_RESPONSE_CACHE_SECONDS`` (0: no cache) in ``answer_store()``. Entries of
an old generation, or of another release (``cache_version``), are never read again and expire.
"""

import hashlib
from urllib.parse import parse_qsl

from django.conf import settings
from django.contrib.auth.models import AnonymousUser
from django.http import HttpResponse
from django.utils.module_loading import import_string
from rest_framework.settings import api_settings

from ..middleware import API_PREFIX
from .cache_version import api_cache, cache_version
from .conditional import not_modified

# Preconditions other than If-None-Match go to the view, which judges them in RFC 9110's order.
JUDGED_BY_THE_VIEW = ("HTTP_IF_MATCH", "HTTP_IF_MODIFIED_SINCE", "HTTP_IF_UNMODIFIED_SINCE")
NOT_STORED_TYPES = ("text/html",)
KEY_PREFIX = "api-answer"
ALIAS = "answers"


def answer_store():
    """The cache answers are kept in: the alias ``answers`` (``config/settings.py``: a bounded
    local memory of its own by default, so that a stream of cold pages does not push the
    throttle's counts out of the default cache; the shared Redis of ``CACHE_URL`` in
    production), else the default cache."""
    return api_cache(ALIAS)


class ThrottledClient:
    """What the throttles read of a request that has not met the authentication middleware: an
    anonymous client (requests with credentials never reach the cache) and its address."""

    def __init__(self, request):
        self.META, self.headers = request.META, request.headers
        self.user = AnonymousUser()


def within_rate(request):
    """Whether every throttle of the API lets ``request`` through (and counts it)."""
    client = ThrottledClient(request)
    return all(
        throttle().allow_request(client, None) for throttle in api_settings.DEFAULT_THROTTLE_CLASSES
    )


def normalised_query(query_string):
    """The query's fields sorted by name, each name's values in their given order (a filter
    given twice may mean "either", in that order), blanks kept: ``b=2&a=1`` and ``a=1&b=2``
    are one request; ``a=1&a=2`` and ``a=2&a=1`` stay two."""
    fields = parse_qsl(query_string, keep_blank_values=True)
    return sorted(fields, key=lambda field: field[0])


def request_key(request, generation):
    parts = (
        cache_version(),
        str(generation),
        request.method,
        request.scheme,
        request.get_host(),
        request.path,
        repr(normalised_query(request.META.get("QUERY_STRING", ""))),
        request.META.get("HTTP_ACCEPT", ""),
    )
    digest = hashlib.blake2b("\x00".join(parts).encode(), digest_size=20).hexdigest()
    return f"{KEY_PREFIX}:{generation}:{digest}"


def is_storable_request(request):
    meta = request.META
    return (
        request.method == "GET"
        and request.path.startswith(API_PREFIX)
        and "HTTP_AUTHORIZATION" not in meta
        and settings.SESSION_COOKIE_NAME not in request.COOKIES
        and not any(header in meta for header in JUDGED_BY_THE_VIEW)
    )


def is_storable_response(response):
    return (
        response.status_code == 200
        and not response.streaming
        and not response.cookies
        and not response.get("Content-Type", "").startswith(NOT_STORED_TYPES)
        and len(response.content) <= settings.API_RESPONSE_CACHE_MAX_BYTES
    )


def frozen(response):
    return (response.content, list(response.headers.items()))


def thawed(entry):
    content, headers = entry
    response = HttpResponse(content)
    for name, value in headers:
        response[name] = value
    return response


class ResponseCacheMiddleware:
    """Answers a repeated anonymous API read from the cache (see the module docstring).

    Its place in ``MIDDLEWARE``: inside the ones that add headers to every answer and inside
    ``DatabaseOutageMiddleware`` (reading the generation reads the database), before the
    session, authentication and CSRF middlewares, whose work an anonymous read does not need.
    """

    def __init__(self, get_response):
        self.get_response = get_response
        name = getattr(settings, "DATA_GENERATION_CALLABLE", None)
        self.generation = import_string(name) if name else None

    def __call__(self, request):
        seconds = settings.API_RESPONSE_CACHE_SECONDS
        if not seconds or self.generation is None or not is_storable_request(request):
            return self.get_response(request)
        key = request_key(request, self.generation())
        store = answer_store()
        entry = store.get(key)
        if entry is not None:
            stored = thawed(entry)
            if self.answers(request, stored) and within_rate(request):
                return self.answer(request, stored)
        response = self.get_response(request)
        if entry is None and is_storable_response(response):
            store.set(key, frozen(response), seconds)
        return response

    @staticmethod
    def answers(request, stored):
        """Whether the stored answer can judge the request's ``If-None-Match``: only with its
        ETag (an answer without one, statistics or a history, leaves it to the view)."""
        return "HTTP_IF_NONE_MATCH" not in request.META or "ETag" in stored

    @staticmethod
    def answer(request, stored):
        """The stored answer, or its 304 when ``If-None-Match`` names its ETag (judged as the
        view judges it: ``conditional.not_modified``)."""
        if "HTTP_IF_NONE_MATCH" in request.META:
            return not_modified(stored, request, stored["ETag"])
        return stored
