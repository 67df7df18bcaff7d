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
- An error Django answers itself, outside DRF: a 404 for an unknown URL, a 500, a
  ``DisallowedHost``, a CSRF failure, a middleware's error; with debug on, as a technical HTML
  page. Any error under ``/api/`` that is not JSON is turned into ``{"detail": "…"}`` here,
  keeping its status and headers (``Allow``, ``Retry-After``, ``WWW-Authenticate``). The one
  HTML a client gets is the browsable API it asked for with ``Accept: text/html``, which shows
  the same JSON in its page.

The middleware is first in ``MIDDLEWARE``, so that it sees the request before any other and the
response after every other has answered or failed.
"""

import json
from http import HTTPStatus

from django.conf import settings
from django.http import JsonResponse
from django.urls import is_valid_path

API_PREFIX = "/api/"
JSON_TYPES = ("application/json", "application/problem+json")
BROWSABLE_API = "api"  # the format of DRF's BrowsableAPIRenderer

DETAILS = {
    400: "Bad request.",
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
        refused = refuse_body(request)
        if refused is not None:
            return refused
        add_slash(request)
        return as_json(self.get_response(request))


def refuse_body(request):
    """A 413 for a body over the limit, a 400 for a length that is not a number; else None."""
    declared = request.META.get("CONTENT_LENGTH") or "0"
    try:
        length = int(declared)
    except ValueError:
        length = -1
    if length < 0:
        return JsonResponse({"detail": f"Content-Length {declared!r} is not a number."}, status=400)
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
