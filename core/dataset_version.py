"""``X-Dataset-Version`` on every API answer: the data set's version it came from (the digest
``export_dataset`` gives, ``"sha256:<64 hex>"``; read from one stored row, see
``curation.version``).

The version is the data apps' business (``curation.version``); ``core`` imports no app, so it
calls the function the setting ``DATASET_VERSION_CALLABLE`` names.
"""

import logging

from django.conf import settings
from django.http import JsonResponse
from django.utils.module_loading import import_string

from .middleware import DETAILS, is_api
from .outages import database_log, is_outage, unavailable_response

logger = logging.getLogger(__name__)

DATASET_VERSION_HEADER = "X-Dataset-Version"


class DatasetVersionMiddleware:
    """Every answer under ``/api/`` names the data set's version it came from, in
    ``X-Dataset-Version``, so that a researcher can cite it.

    The version is read after the view has answered, so a write's answer names the version it
    made. ``core`` knows no data app: the function giving the version is the one the setting
    ``DATASET_VERSION_CALLABLE`` names (none: no header).

    It is first in ``MIDDLEWARE``, outside even ``APIEdgeMiddleware``, so that an answer refused
    at the edge (a body too large, too many parameters) names the version too. So it answers
    for its own failures, as the middlewares inside it would: a database that fails here is
    the 503 ``DatabaseOutageMiddleware`` gives (the API root, which reads no table itself,
    included), any other error a JSON 500. An answer that is already a server error gets no
    header (the database may be what failed).
    """

    def __init__(self, get_response):
        self.get_response = get_response
        name = getattr(settings, "DATASET_VERSION_CALLABLE", None)
        self.version = import_string(name) if name else None

    def __call__(self, request):
        response = self.get_response(request)
        if self.version is None or not is_api(request) or response.status_code >= 500:
            return response
        try:
            response[DATASET_VERSION_HEADER] = self.version()
        except Exception as error:
            if is_outage(error):  # an answer that cannot name its version
                database_log.failed(error, exc_info=True)
                return unavailable_response(request)
            logger.exception("Reading the data set's version failed")
            return JsonResponse({"detail": DETAILS[500]}, status=500)
        return response
