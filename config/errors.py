"""Error pages that speak JSON under /api/, so API clients never have to parse HTML.

These are Django's handlers (debug off); ``core.middleware.APIEdgeMiddleware`` turns whatever
else answers an error under /api/ in HTML (debug pages, a CSRF failure) into JSON too.
"""

from django.conf import settings
from django.core.exceptions import RequestDataTooBig, TooManyFieldsSent
from django.http import JsonResponse
from django.views import defaults

from core.middleware import DETAILS, is_api, too_large_detail


def bad_request(request, exception):
    """A SuspiciousOperation (a host not allowed, a form with too many fields…) is a 400; a
    body over the limit is a 413 (the edge middleware refuses most of them before this)."""
    if not is_api(request):
        return defaults.bad_request(request, exception)
    if isinstance(exception, RequestDataTooBig):
        limit = settings.DATA_UPLOAD_MAX_MEMORY_SIZE
        return JsonResponse({"detail": too_large_detail(limit)}, status=413)
    if isinstance(exception, TooManyFieldsSent):  # a form body (a query string: the middleware)
        limit = settings.DATA_UPLOAD_MAX_NUMBER_FIELDS
        return JsonResponse({"detail": f"Too many fields: at most {limit}."}, status=400)
    return JsonResponse({"detail": DETAILS[400]}, status=400)


def permission_denied(request, exception):
    if is_api(request):
        return JsonResponse({"detail": DETAILS[403]}, status=403)
    return defaults.permission_denied(request, exception)


def not_found(request, exception):
    if is_api(request):
        return JsonResponse({"detail": DETAILS[404]}, status=404)
    return defaults.page_not_found(request, exception)


def server_error(request):
    if is_api(request):
        return JsonResponse({"detail": DETAILS[500]}, status=500)
    return defaults.server_error(request)
