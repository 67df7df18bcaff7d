"""Conditional requests on records: an ETag on every record response, and every precondition
header judged on every method, in the order RFC 9110 §13.2.2 gives.

Two clients editing the same patrol would otherwise overwrite each other without noticing: a
client sends back the ETag it read, and a write made on an outdated copy is refused and changes
nothing. A request without precondition headers works as it always did.

The order, for a record's GET, HEAD, PUT, PATCH and DELETE (``check``):

1. ``If-Match``: unless it names the current ETag (strongly) or is ``*``, 412, on any method:
   a GET with a stale If-Match is refused as a write is.
2. ``If-Unmodified-Since`` (only without If-Match): ignored, see below.
3. ``If-None-Match``: if it names the current ETag (weakly) or is ``*`` (the record exists),
   304 on GET and HEAD, 412 on a write, which then changes nothing.
4. ``If-Modified-Since`` (GET and HEAD, only without If-None-Match): ignored, see below.

A create (POST to a list) has no current record: ``If-None-Match`` (``*`` included) holds, so
"create only if it does not exist" works, and ``If-Match`` fails with 412.

A list's answer (a page of JSON, or every matching record as GeoJSON) carries an ETag too,
computed likewise, so a client polling a list gets a 304 while nothing it shows has changed
(and the API's answer cache, ``response_cache``, can answer that 304 itself).

The API's root, a CSV list (streamed), and an action such as ``history/`` or ``stats/`` have a
current representation but no ETag (``check_untagged``, RFC 9110 §13.1.1–2), judged on GET and
HEAD once the answer would otherwise be a 2xx (a malformed parameter stays a 400): ``If-Match:
*`` holds and any other ``If-Match`` fails with 412, since no tag can name the current
representation; ``If-None-Match: *`` fails (304, without a body), and ``If-None-Match`` naming
tags holds. They were ignored before, so a client sending a list's "version" in If-Match got a
200 it could take for a match.

Why ``If-Modified-Since`` and ``If-Unmodified-Since`` are ignored
-----------------------------------------------------------------
A record's ``updated_at`` is not the date its representation last changed (see below: its
children and related names change it too), so records send no ``Last-Modified``, and RFC 9110
(§13.1.3, §13.1.4) has a server without a modification date ignore both headers. Comparing them
with ``updated_at`` would answer 304 to a client whose copy is stale. Clients use ETags.

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

Reads compute it from the data they serialized anyway: no query. A write with a precondition
header locks the row (``SELECT … FOR UPDATE`` on PostgreSQL; SQLite lets one writer in at a
time), reads the record again and compares, all in the write's own transaction, so nobody can
save between the comparison and the write.

The representation holds absolute URLs. The server's own address is left out of the digest,
so the tag is the same whichever host name or scheme (http behind a proxy, https outside) the
client used. The address is replaced by a NUL byte, which rendered JSON never contains, so two
different representations still never share a digest.

JSON gets a strong tag: it is what ``If-Match`` compares, strongly (RFC 9110), so a weak tag
never matches. The browsable API page and the CSV row get a weak tag marked with their
format: they render the same data, but not in the same bytes (the page holds a CSRF token), and
a tag of one format must not validate another.
"""

import hashlib

import orjson
from django.db import transaction
from django.http import HttpRequest, HttpResponseNotModified
from django.utils.cache import get_conditional_response
from django.utils.http import parse_etags
from rest_framework import status
from rest_framework.exceptions import APIException
from rest_framework.renderers import BrowsableAPIRenderer, JSONRenderer

from .renderers import FastJSONRenderer, dumps

TAGGED_ACTIONS = {"retrieve", "create", "update", "partial_update"}
RECORD_ACTIONS = {*TAGGED_ACTIONS, "destroy"}
TAGGED_LISTS = {"list"}  # a list's page has an ETag too; any other action answers without one
# The headers a 304 keeps from the 200 it stands for (RFC 9110 §15.4.5, as Django keeps them).
KEPT_BY_304 = ("Cache-Control", "Content-Location", "Date", "Expires", "Vary")
READS = ("GET", "HEAD")
JSON = "json"


class PreconditionFailed(APIException):
    status_code = status.HTTP_412_PRECONDITION_FAILED
    default_detail = "The record has changed since you read it."
    default_code = "precondition_failed"


SORTED = orjson.OPT_SORT_KEYS | orjson.OPT_NON_STR_KEYS
DIGEST_SIZE = 16  # bytes: 128 bits


class DigestedRecords(list):
    """A list page's records as ``orjson`` fragments (``record_cache``), with the digest of each
    (``record_digest``, in the same order): the page's tag is made from those, without writing
    the page's bytes a second time to digest them (that was a tenth of a page's time)."""

    def __init__(self, fragments, digests):
        super().__init__(fragments)
        self.digests = digests


def server_address(request):
    """The server's own address as the representation writes it in its URLs."""
    return request.build_absolute_uri("/").encode()


def record_digest(json, address):
    """``DIGEST_SIZE`` bytes of BLAKE2b over a record's JSON bytes, ``address``
    (``server_address``) replaced by a NUL byte."""
    return hashlib.blake2b(json.replace(address, b"\x00"), digest_size=DIGEST_SIZE).digest()


def digest(data, request):
    """128 bits of BLAKE2b over the representation as canonical JSON (keys sorted; a list
    page's records, sent as fragments with their digests by ``record_cache``, by those
    digests, so an indented page, built whole, has a tag of its own), the server's address left
    out (see the module docstring)."""
    address = server_address(request)
    results = data.get("results") if isinstance(data, dict) else None
    if isinstance(results, DigestedRecords):  # the page around its records, then their digests
        rendered = dumps({**data, "results": []}, option=SORTED).replace(address, b"\x00")
        parts = [b"records\x00", rendered, b"\x00", *results.digests]
        return hashlib.blake2b(b"".join(parts), digest_size=DIGEST_SIZE).hexdigest()
    rendered = dumps(data, option=SORTED).replace(address, b"\x00")
    return hashlib.blake2b(rendered, digest_size=DIGEST_SIZE).hexdigest()


def etag(data, request, variant=JSON):
    """Strong for JSON; weak and marked with the format for any other rendering."""
    if variant == JSON:
        return f'"{digest(data, request)}"'
    return f'W/"{digest(data, request)}.{variant}"'


# --- RFC 9110 §13.2.2 -----------------------------------------------------------------------------


def matches_strongly(tag, listed):
    """``If-Match``: ``*`` (the record exists), or the same tag, neither of them weak."""
    if tag is None:  # no record (a create): nothing matches, not even "*"
        return False
    return listed == ["*"] or (not tag.startswith("W/") and tag in listed)


def matches_weakly(tag, listed):
    """``If-None-Match``: ``*`` (the record exists), or the same tag, weak or not."""
    if tag is None:
        return False
    return listed == ["*"] or tag.removeprefix("W/") in {t.removeprefix("W/") for t in listed}


def check(request, tag, name):
    """Every precondition of ``request`` on a record whose current ETag is ``tag`` (None: there
    is none, a create), in RFC 9110's order: raises ``PreconditionFailed`` (412); returns True
    when a read is to answer 304, else False. ``If-(Un)Modified-Since`` are ignored (see the
    module docstring)."""
    if_match = request.headers.get("If-Match")
    if if_match is not None:
        listed = parse_etags(if_match)
        if not matches_strongly(tag, listed):
            raise PreconditionFailed(mismatch(name, listed) if tag else nothing_to_match(name))
    if_none_match = request.headers.get("If-None-Match")
    if if_none_match is not None and matches_weakly(tag, parse_etags(if_none_match)):
        if request.method in READS:
            return True
        raise PreconditionFailed(still_current(name, parse_etags(if_none_match)))
    return False


def check_untagged(request):
    """Every precondition of ``request`` on a representation that exists but has no ETag (a
    list, an action's answer): raises ``PreconditionFailed`` (412) for an ``If-Match`` other
    than ``*``; returns True when a read is to answer 304 (``If-None-Match: *``), else False."""
    if_match = request.headers.get("If-Match")
    if if_match is not None and parse_etags(if_match) != ["*"]:
        raise PreconditionFailed(UNTAGGED_MISMATCH)
    if_none_match = request.headers.get("If-None-Match")
    if if_none_match is not None and parse_etags(if_none_match) == ["*"]:
        if request.method in READS:
            return True
        raise PreconditionFailed(UNTAGGED_EXISTS)
    return False


def untagged_not_modified(response):
    not_modified_response = HttpResponseNotModified()
    for header in KEPT_BY_304:
        if header in response:
            not_modified_response[header] = response[header]
    return not_modified_response


def read_preconditions(request):
    """The request as Django's ``get_conditional_response`` is to see it once ``check`` has
    judged every header: its method and ``If-None-Match`` alone (without a modification date,
    Django would refuse every ``If-Unmodified-Since``)."""
    conditions = HttpRequest()
    conditions.method, conditions.path = request.method, request.path
    if "HTTP_IF_NONE_MATCH" in request.META:
        conditions.META["HTTP_IF_NONE_MATCH"] = request.META["HTTP_IF_NONE_MATCH"]
    return conditions


def not_modified(response, request, tag):
    """Django's 304 for ``response``: no body, the ETag and the headers a 304 keeps."""
    return get_conditional_response(read_preconditions(request), etag=tag, response=response)


# --- What a 412 says ------------------------------------------------------------------------------


def mismatch(name, listed):
    """What to tell a client whose ``If-Match`` did not match: usually, that it is behind."""
    if not listed:
        return (
            f"If-Match names no entity tag: send the {name}'s ETag header as it was given, "
            'double quotes included (or "*").'
        )
    if all(tag.startswith("W/") for tag in listed):
        return (
            f"If-Match gives only weak ETags (W/…), which it never matches (it compares "
            f"strongly): send the strong ETag of the {name}'s JSON."
        )
    return (
        f"The {name} has changed since you read it (If-Match does not match its ETag). Fetch "
        "it again, then make your change on the current version."
    )


UNTAGGED_MISMATCH = (
    "If-Match names an ETag, and this answer (a list, a history, statistics) has none, so none "
    'can match: If-Match holds here only as "*". A record\'s own URL gives its ETag for '
    "If-Match."
)
UNTAGGED_EXISTS = "If-None-Match: * asks for an answer only where none exists, and this one does."


def nothing_to_match(name):
    return (
        f"If-Match asks for a {name} that exists, and a create makes a new one: send If-Match "
        "to change a record at its own URL, or If-None-Match: * to create only a new one."
    )


def still_current(name, listed):
    if listed == ["*"]:
        return (
            f"If-None-Match: * asks to write only where no {name} exists, and this one does. "
            "Nothing was changed."
        )
    return (
        f"If-None-Match names the {name}'s current ETag: the write was to be made only if it "
        "had changed since, and it has not. Nothing was changed."
    )


def lock(record):
    """Hold the record's row until the transaction ends, so nobody saves it meanwhile."""
    if not transaction.get_connection().in_atomic_block:
        raise RuntimeError("Preconditions are checked inside the write's transaction, or race.")
    rows = type(record)._default_manager.select_for_update(of=("self",)).filter(pk=record.pk)
    list(rows.values_list("pk", flat=True))


class UntaggedPreconditionsMixin:
    """For a view whose answers carry no ETag (the API's root): judges its reads'
    preconditions with ``check_untagged`` once it has answered a 2xx."""

    def answers_untagged(self):
        return True

    def finalize_response(self, request, response, *args, **kwargs):
        if (
            request.method in READS
            and 200 <= response.status_code < 300
            and self.answers_untagged()
        ):
            response = self.judge_untagged(request, response)
        return super().finalize_response(request, response, *args, **kwargs)

    def judge_untagged(self, request, response):
        try:
            unchanged = check_untagged(request)
        except PreconditionFailed as refusal:
            return self.refuse_in_json(request, refusal)
        return untagged_not_modified(response) if unchanged else response

    def refuse_in_json(self, request, refusal):
        """The 412 in JSON, whatever format was asked for (but the browsable API's page)."""
        if not isinstance(request.accepted_renderer, JSONRenderer | BrowsableAPIRenderer):
            request.accepted_renderer = FastJSONRenderer()
            request.accepted_media_type = FastJSONRenderer.media_type
        return self.handle_exception(refusal)


class ConditionalRequestsMixin(UntaggedPreconditionsMixin):
    """For ``RecordViewSet``: tags record responses and judges every precondition (``check``).

    A write calls ``get_object_to_change()`` instead of ``get_object()`` inside its
    transaction. Errors keep their precedence: 401 and 403 come first (permissions are checked
    before the view runs), then 404 for a record that does not exist, then 412.
    """

    def initial(self, request, *args, **kwargs):
        """A create judges its preconditions before anything is written: it has no record."""
        super().initial(request, *args, **kwargs)
        if getattr(self, "action", None) == "create":
            check(request, None, self.get_queryset().model._meta.verbose_name)

    def get_object_to_change(self):
        """The record a PUT, PATCH or DELETE is about to write, as stored now (and locked, when
        the request has a precondition); or 412 if a precondition fails."""
        record = self.get_object()
        headers = self.request.headers
        if "If-Match" not in headers and "If-None-Match" not in headers:
            return record
        lock(record)
        record = self.get_object()  # read again: someone may have saved it before the lock
        tag = etag(self.get_serializer(record).data, self.request)
        check(self.request, tag, record._meta.verbose_name)
        return record

    def finalize_response(self, request, response, *args, **kwargs):
        """A record sent back carries its ETag, and so does a list's page (or every matching
        record, as GeoJSON); a read then judges its preconditions on it: 304, or 412 in JSON
        (whatever format was asked for, but the browsable API's page). A CSV list, streamed,
        has no tag: it is judged untagged."""
        self.tagged = self.tags(response)
        if self.tagged:
            renderer = getattr(request, "accepted_renderer", None)
            tag = etag(response.data, request, getattr(renderer, "format", JSON))
            response["ETag"] = tag
            if request.method in READS:
                response = self.judge_read(request, response, tag)
        return super().finalize_response(request, response, *args, **kwargs)

    def tags(self, response):
        action = getattr(self, "action", None)
        if action in TAGGED_ACTIONS:
            return response.status_code in (200, 201)
        return (
            action in TAGGED_LISTS
            and response.status_code == 200
            and getattr(response, "data", None) is not None
        )

    def answers_untagged(self):
        return getattr(self, "action", None) not in RECORD_ACTIONS and not self.tagged

    tagged = False

    def tagged_name(self):
        """What a 412 calls the representation: the record (``patrol``), or the list."""
        meta = self.get_queryset().model._meta
        if getattr(self, "action", None) in TAGGED_LISTS:
            return f"list of {meta.verbose_name_plural}"
        return meta.verbose_name

    def judge_read(self, request, response, tag):
        try:
            unchanged = check(request, tag, self.tagged_name())
        except PreconditionFailed as refusal:
            return self.refuse_in_json(request, refusal)
        return not_modified(response, request, tag) if unchanged else response
