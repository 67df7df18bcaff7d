"""Conditional requests on records: an ETag on every record response, 304 for a client whose
copy is current (``If-None-Match``), 412 for a write based on a copy that is not (``If-Match``).

Two clients editing the same patrol would otherwise overwrite each other without noticing: a
client sends back the ETag it read, and a write made on an outdated copy is refused and changes
nothing. A write without ``If-Match`` works as it always did.

Why the ETag is a digest of the representation, and not of ``updated_at``
------------------------------------------------------------------------
A record's JSON shows more than its own row: a patrol shows its participations, interceptions
and statements, which do not touch the patrol when they are edited on their own (only crossed
regions, citations and claims do); and every record shows the names of related records, which
change when those records are renamed. A tag built from ``updated_at`` would then stay the same
while the JSON changed, and a 304 would keep a stale copy in a cache. So the tag is a digest of
the representation itself: it changes exactly when what a client sees changes, ``updated_at``
included (every record but a crossed region shows it), so every save changes it however it was
made: the API, the admin, a script, a child record or a citation. A crossed region has no
timestamp; its tag changes when its patrol or region does, and a save changing neither
changes nothing a client could lose.

Reads compute it from the data they serialized anyway: no query. A write with ``If-Match``
locks the row (``SELECT … FOR UPDATE`` on PostgreSQL; SQLite lets one writer in at a time),
reads the record again and compares, all in the write's own transaction, so nobody can save
between the comparison and the write.

The representation holds absolute URLs. The server's own address is left out of the digest,
so the tag is the same whichever host name or scheme (http behind a proxy, https outside) the
client used. The address is replaced by a NUL byte, which rendered JSON never contains, so two
different representations still never share a digest.

JSON gets a strong tag: it is what ``If-Match`` compares, strongly (RFC 9110), so a weak tag
never matches a write. The browsable API page and the CSV row get a weak tag marked with their
format: they render the same data, but not in the same bytes (the page holds a CSRF token), and
a tag of one format must not validate another.
"""

import hashlib

import orjson
from django.db import transaction
from django.http import HttpRequest
from django.utils.cache import get_conditional_response
from django.utils.http import parse_etags
from rest_framework import status
from rest_framework.exceptions import APIException
from rest_framework.utils.encoders import JSONEncoder

TAGGED_ACTIONS = {"retrieve", "create", "update", "partial_update"}
JSON = "json"
_encoder = JSONEncoder()


class PreconditionFailed(APIException):
    status_code = status.HTTP_412_PRECONDITION_FAILED
    default_detail = "The record has changed since you read it."
    default_code = "precondition_failed"


def digest(data, request):
    """128 bits of BLAKE2b over the representation as canonical JSON, the server's address
    left out (see the module docstring)."""
    rendered = orjson.dumps(
        data,
        default=_encoder.default,
        option=orjson.OPT_SORT_KEYS | orjson.OPT_NON_STR_KEYS,
    )
    rendered = rendered.replace(request.build_absolute_uri("/").encode(), b"\x00")
    return hashlib.blake2b(rendered, digest_size=16).hexdigest()


def etag(data, request, variant=JSON):
    """Strong for JSON; weak and marked with the format for any other rendering."""
    if variant == JSON:
        return f'"{digest(data, request)}"'
    return f'W/"{digest(data, request)}.{variant}"'


def matches_strongly(tag, listed):
    """``If-Match``: ``*`` (the record exists), or the same tag, neither of them weak."""
    return listed == ["*"] or (not tag.startswith("W/") and tag in listed)


def read_preconditions(request):
    """The request as a read's conditions see it: its method and ``If-None-Match`` alone.

    ``get_conditional_response`` judges every precondition header, but a read here honours
    only ``If-None-Match``: ``If-Match`` guards writes (``get_object_to_change``, with a JSON
    412 saying why), and a record has no modification date for ``If-(Un)Modified-Since`` to
    compare with (without one, Django would refuse every ``If-Unmodified-Since``).
    """
    conditions = HttpRequest()
    conditions.method, conditions.path = request.method, request.path
    if "HTTP_IF_NONE_MATCH" in request.META:
        conditions.META["HTTP_IF_NONE_MATCH"] = request.META["HTTP_IF_NONE_MATCH"]
    return conditions


def not_modified_or(response, request, tag):
    """``response`` carrying ``tag``, or Django's 304 (keeping the tag) when the request's
    ``If-None-Match`` names it, weakly, or is ``*``."""
    response["ETag"] = tag
    if request.method not in ("GET", "HEAD"):
        return response
    return get_conditional_response(read_preconditions(request), etag=tag, response=response)


def mismatch(name, listed):
    """What to tell a client whose ``If-Match`` did not match: usually, that it is behind."""
    if not listed:
        return (
            f"If-Match names no entity tag: send the {name}'s ETag header as it was given, "
            'double quotes included (or "*").'
        )
    if all(tag.startswith("W/") for tag in listed):
        return (
            f"If-Match gives only weak ETags (W/…), which cannot guard a write: send the strong "
            f"ETag of the {name}'s JSON."
        )
    return (
        f"The {name} has changed since you read it (If-Match does not match its ETag). Fetch "
        "it again, then make your change on the current version."
    )


def lock(record):
    """Hold the record's row until the transaction ends, so nobody saves it meanwhile."""
    if not transaction.get_connection().in_atomic_block:
        raise RuntimeError("If-Match is checked inside the write's transaction, or it races.")
    rows = type(record)._default_manager.select_for_update().filter(pk=record.pk)
    list(rows.values_list("pk", flat=True))


class ConditionalRequestsMixin:
    """For ``RecordViewSet``: tags record responses, answers 304, and guards writes.

    A write calls ``get_object_to_change()`` instead of ``get_object()`` inside its
    transaction. Errors keep their precedence: 401 and 403 come first (permissions are checked
    before the view runs), then 404 for a record that does not exist, then 412.
    """

    def get_object_to_change(self):
        """The record a PUT, PATCH or DELETE is about to write, as stored now and locked; or
        412 if the request's ``If-Match`` does not name its current version."""
        record = self.get_object()
        header = self.request.headers.get("If-Match")
        if header is None:
            return record
        lock(record)
        record = self.get_object()  # read again: someone may have saved it before the lock
        listed = parse_etags(header)
        if not matches_strongly(etag(self.get_serializer(record).data, self.request), listed):
            raise PreconditionFailed(mismatch(record._meta.verbose_name, listed))
        return record

    def finalize_response(self, request, response, *args, **kwargs):
        """A record sent back carries its ETag; a read whose If-None-Match names it gets 304
        (``django.utils.cache.get_conditional_response``)."""
        if getattr(self, "action", None) in TAGGED_ACTIONS and response.status_code in (200, 201):
            renderer = getattr(request, "accepted_renderer", None)
            tag = etag(response.data, request, getattr(renderer, "format", JSON))
            response = not_modified_or(response, request, tag)
        return super().finalize_response(request, response, *args, **kwargs)
