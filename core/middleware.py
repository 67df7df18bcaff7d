"""The API's edge: what every request under ``/api/`` goes through before anything else reads it,
and what every answer goes through last.

An API client sends JSON and reads JSON; three things Django does for a browser break it:

- A URL without its trailing slash. ``CommonMiddleware`` answers it with a 301 to the slashed
  URL, which a client follows as a GET without the body (a POST then answers 200 and writes
  nothing, a PATCH arrives empty), and with debug on a write raises a RuntimeError (a 500
  page). Under ``/api/`` the slash is added *inside* the server instead: the request goes on
  to the view its slashed URL names, with its method and body, and nothing is redirected.
- A body over ``DATA_UPLOAD_MAX_MEMORY_SIZE``. Django refuses it only when something reads it
  as a form, with an HTML 400; DRF's JSON parser reads it whole. It is refused here, before
  anything reads it, with a 413. A ``Content-Length`` that is not a number is a 400 here (DRF
  would read no body at all, and Django answer a 500 when it reads one as a form).
- A body without a ``Content-Length`` (``Transfer-Encoding: chunked``). Django reads a body only
  as long as its ``Content-Length`` says (under runserver and gunicorn alike), so a chunked
  PATCH arrived empty and answered 200 having written nothing, and a chunked body of any size
  passed the 413. It is refused with 411 Length Required, saying to send a Content-Length.
- A POST, PUT or PATCH without a body. Every one of them writes a JSON object (no endpoint takes
  an empty POST: history and stats are GETs), and read as ``{}`` an empty PATCH stored a
  version changing nothing while an empty POST or PUT answered with a list of missing fields.
  It is a 400 here, saying a JSON body is required.
- A query string with more fields than ``DATA_UPLOAD_MAX_NUMBER_FIELDS``. Django raises
  ``TooManyFieldsSent`` whenever anything reads ``request.GET``; with debug on, its error page
  reads it again and fails, a plain-text 500. The fields are counted here, as Django counts them,
  before anything reads ``request.GET``, and too many are a 400 naming the limit.
- An error Django answers itself, outside DRF: a 404 for an unknown URL, a 500, a
  ``DisallowedHost``, a CSRF failure, a middleware's error; with debug on, as a technical HTML
  page. Any error under ``/api/`` that is not JSON is turned into ``{"detail": "…"}`` here,
  keeping its status and headers (``Allow``, ``Retry-After``, ``WWW-Authenticate``). The one
  HTML a client gets is the browsable API it asked for with ``Accept: text/html``, which shows
  the same JSON in its page.

The middleware is first in ``MIDDLEWARE`` (after ``core.dataset_version``'s, which only adds a
header on the way out), so that it sees the request before any other and the response after every
other has answered or failed.
"""

import json
from http import HTTPStatus

from django.conf import settings
from django.http import JsonResponse
from django.urls import is_valid_path

API_PREFIX = "/api/"
JSON_TYPES = ("application/json", "application/problem+json")
BROWSABLE_API = "api"  # the format of DRF's BrowsableAPIRenderer
BODY_WRITES = ("POST", "PUT", "PATCH")  # each writes the JSON object its body holds
LENGTH_REQUIRED = (
    "Length required: send the body with a Content-Length header giving its size in bytes, "
    "not with Transfer-Encoding (chunked), which this server does not read."
)
BODY_REQUIRED = (
    "A JSON body is required: a {method} sends the record's fields as a JSON object, with "
    "Content-Type: application/json and a Content-Length."
)

DETAILS = {
    400: "Bad request.",
    411: LENGTH_REQUIRED,
    403: "You do not have permission to perform this action.",
    404: "Not found.",
    500: "Server error.",
    503: "The service is unavailable; try again later.",
}


def is_api(request):
    return request.path_info.startswith(API_PREFIX)


def too_large_detail(limit):
    return f"The request body is larger than this server accepts ({limit} bytes at most)."


class APIEdgeMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not is_api(request):
            return self.get_response(request)
        refused = refuse_query(request) or refuse_body(request)
        if refused is not None:
            return refused
        add_slash(request)
        return as_json(self.get_response(request))


def query_fields(query_string):
    """How many fields Django counts in a query string (``urllib.parse.parse_qsl``'s count,
    which Django's ``QueryDict`` holds against ``DATA_UPLOAD_MAX_NUMBER_FIELDS``)."""
    return query_string.count("&") + 1 if query_string else 0


def refuse_query(request):
    """A 400 for a query string with more fields than Django reads; else None. Reads
    ``QUERY_STRING`` itself: ``request.GET`` would raise."""
    limit = settings.DATA_UPLOAD_MAX_NUMBER_FIELDS
    count = query_fields(request.META.get("QUERY_STRING", ""))
    if limit is None or count <= limit:
        return None
    return JsonResponse(
        {"detail": f"The query string has {count} parameters; this server reads at most {limit}."},
        status=400,
    )


def refuse_body(request):
    """A 411 for a body without a length, a 400 for a length that is not a number or a write
    without a body, a 413 for a body over the limit; else None."""
    declared = request.META.get("CONTENT_LENGTH") or ""
    if not declared and "HTTP_TRANSFER_ENCODING" in request.META:
        return JsonResponse({"detail": LENGTH_REQUIRED}, status=411)
    try:
        length = int(declared or "0")
    except ValueError:
        length = -1
    if length < 0:
        return JsonResponse({"detail": f"Content-Length {declared!r} is not a number."}, status=400)
    if length == 0 and request.method in BODY_WRITES:
        return JsonResponse({"detail": BODY_REQUIRED.format(method=request.method)}, status=400)
    limit = settings.DATA_UPLOAD_MAX_MEMORY_SIZE
    if limit is not None and length > limit:
        return JsonResponse({"detail": too_large_detail(limit)}, status=413)
    return None


def add_slash(request):
    """Send a request for ``/api/…/x`` to the view of ``/api/…/x/`` when only that one exists,
    as ``CommonMiddleware`` would, but without a redirect."""
    path = request.path_info
    if path.endswith("/"):
        return
    urlconf = getattr(request, "urlconf", None)
    if is_valid_path(path, urlconf):
        return
    match = is_valid_path(f"{path}/", urlconf)
    if match and getattr(match.func, "should_append_slash", True):
        request.path_info = f"{path}/"
        request.path = f"{request.path}/"


def is_json(response):
    media_type = response.get("Content-Type", "").split(";")[0].strip().lower()
    return media_type in JSON_TYPES


def phrase(status):
    try:
        return f"{HTTPStatus(status).phrase}."
    except ValueError:  # a status Python does not name
        return "The request failed."


def as_json(response):
    """An error that is not JSON becomes ``{"detail": …}`` with the same status and headers."""
    if response.status_code < 400 or is_json(response):
        return response
    renderer = getattr(response, "accepted_renderer", None)
    if getattr(renderer, "format", None) == BROWSABLE_API:
        return response
    status = response.status_code
    detail = DETAILS.get(status) or phrase(status)
    body = json.dumps({"detail": detail}).encode()
    if response.streaming:
        replacement = JsonResponse({"detail": detail}, status=status)
        for header, value in response.items():
            if header.lower() not in ("content-type", "content-length"):
                replacement[header] = value
        return replacement
    response.content = body
    response["Content-Type"] = "application/json"
    if response.has_header("Content-Length"):
        response["Content-Length"] = str(len(body))
    return response
