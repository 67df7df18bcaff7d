"""The one body format the API reads: JSON, bounded in size and in depth.

DRF's JSON parser reads a body whole however large it is (Django's DATA_UPLOAD_MAX_MEMORY_SIZE
guards only form bodies), and JSON nested about a thousand levels deep makes Python's decoder,
or the validation that walks the data after it, raise RecursionError: a 500. No resource takes
anything nearly as deep as ``MAX_DEPTH`` (a patrol with its participations is four levels), so
deeper JSON is refused with a 400 before any serializer sees it, and a body over the limit with
a 413 (``core.middleware`` refuses one that says its length first; this catches the rest).

A whole number of thousands of digits costs time to convert, and over Python's limit (4,300
digits) its conversion fails with a message about ``sys.set_int_max_str_digits()``, which
means nothing to a client. No field takes a number nearly that long (the database's largest
is 19 digits), so a number of more than ``MAX_DIGITS`` digits is refused with a 400 saying so,
before it is converted: the bound DRF's integer field puts on a number sent as text.
"""

from django.conf import settings
from rest_framework import serializers, status
from rest_framework.exceptions import APIException, ParseError
from rest_framework.parsers import JSONParser
from rest_framework.utils import json

from ..middleware import too_large_detail

MAX_DEPTH = 32
MAX_DIGITS = serializers.IntegerField.MAX_STRING_LENGTH  # 1,000


class RequestTooLarge(APIException):
    status_code = status.HTTP_413_REQUEST_ENTITY_TOO_LARGE
    default_detail = "The request body is too large."
    default_code = "request_too_large"


def deeper_than(value, limit):
    """Whether ``value`` nests objects and arrays more than ``limit`` levels deep; recursing at
    most ``limit`` + 1 levels, whatever the value holds."""
    if isinstance(value, dict):
        children = value.values()
    elif isinstance(value, list):
        children = value
    else:
        return False
    return limit == 0 or any(deeper_than(child, limit - 1) for child in children)


def whole_number(text):
    """A JSON integer's value, or a 400 if it has more than ``MAX_DIGITS`` digits."""
    digits = len(text.lstrip("-"))
    if digits > MAX_DIGITS:
        raise ParseError(
            f"JSON parse error - a whole number of {digits} digits: no field takes more than "
            f"{MAX_DIGITS}."
        )
    return int(text)


def too_deep():
    return ParseError(f"JSON parse error - nested more than {MAX_DEPTH} levels deep.")


class BoundedJSONParser(JSONParser):
    """DRF's JSON parser (strict: no NaN or Infinity), refusing a body over
    ``DATA_UPLOAD_MAX_MEMORY_SIZE`` (413) and JSON nested deeper than ``MAX_DEPTH`` (400)."""

    def parse(self, stream, media_type=None, parser_context=None):
        parser_context = parser_context or {}
        encoding = parser_context.get("encoding", settings.DEFAULT_CHARSET)
        limit = settings.DATA_UPLOAD_MAX_MEMORY_SIZE
        body = stream.read() if limit is None else stream.read(limit + 1)
        if limit is not None and len(body) > limit:
            raise RequestTooLarge(too_large_detail(limit))
        parse_constant = json.strict_constant if self.strict else None
        try:
            data = json.loads(
                body.decode(encoding), parse_constant=parse_constant, parse_int=whole_number
            )
        except RecursionError:
            raise too_deep() from None
        except ValueError as exc:
            raise ParseError(f"JSON parse error - {exc}") from None
        if deeper_than(data, MAX_DEPTH):
            raise too_deep()
        return data
