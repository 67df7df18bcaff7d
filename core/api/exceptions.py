"""Errors are JSON: ``{"field": ["message"]}`` for validation, ``{"detail": "…"}`` otherwise.

Django's own exceptions that can reach a view (a protected delete, a constraint the database
enforces last, a model ValidationError) become 409 or 400 instead of a 500.
"""

import logging

from django.core.exceptions import ValidationError as DjangoValidationError
from django.db import DataError, IntegrityError
from django.db.models import ProtectedError, RestrictedError
from rest_framework import exceptions, status
from rest_framework.settings import api_settings
from rest_framework.views import exception_handler as drf_exception_handler

from .serializers import model_errors

logger = logging.getLogger(__name__)


class Conflict(exceptions.APIException):
    status_code = status.HTTP_409_CONFLICT
    default_detail = "The request conflicts with the stored data."
    default_code = "conflict"


def still_used_by(error):
    """'participations, interceptions': what a protected record is still used by."""
    kinds = sorted({str(obj._meta.verbose_name_plural) for obj in error.protected_objects})
    return ", ".join(kinds) if kinds else "other records"


def exception_handler(exc, context):
    if isinstance(exc, ProtectedError | RestrictedError):
        exc = Conflict(f"Cannot delete: still used by {still_used_by(exc)}. Remove those first.")
    elif isinstance(exc, IntegrityError):
        logger.warning("Integrity error answered with 409: %s", exc)
        exc = Conflict("The database refused the change: it conflicts with stored records.")
    elif isinstance(exc, DataError):
        logger.warning("Data error answered with 400: %s", exc)
        exc = exceptions.ValidationError(
            {api_settings.NON_FIELD_ERRORS_KEY: ["The database cannot store a value given."]}
        )
    elif isinstance(exc, DjangoValidationError):
        exc = exceptions.ValidationError(model_errors(exc))
    elif isinstance(exc, exceptions.ValidationError) and isinstance(exc.detail, list):
        exc = exceptions.ValidationError({api_settings.NON_FIELD_ERRORS_KEY: exc.detail})
    return drf_exception_handler(exc, context)
