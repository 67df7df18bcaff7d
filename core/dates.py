"""Dates and date-times as text: ISO 8601, one spelling, or refused.

Django and DRF read dates leniently (``django.utils.dateparse`` takes ``2024-1-2``, digits of
other scripts, ``20240102`` and week dates; a form takes the locale's ``02/01/2024``), so the same
text could mean one day to one path and another day to the next. Every path that reads a date a
person or a file wrote — API writes and ``as_of``, the dataset import, the data files — reads it
here, in the one spelling that cannot be misread:

- a date is ``YYYY-MM-DD``, zero-padded, ASCII digits, a day of the calendar;
- a date-time is ``YYYY-MM-DDTHH:MM[:SS[.ffffff]]`` followed by ``Z`` or ``±HH:MM``; where the
  reader allows it (``offset_required=False``) the offset may be left out and is then UTC.

Nothing else: no space for ``T``, no lowercase ``t``/``z``, no more than six decimals (a seventh
could only be dropped), no leading or trailing blanks. (The API's filters read dates with
``core.filters.ISODateField``; the admin's forms with ``config/formats``.)
"""

import datetime
import re

from django.core.exceptions import FieldDoesNotExist
from django.db import models

DATE_SPELLING = "YYYY-MM-DD"
DATETIME_SPELLING = "YYYY-MM-DDTHH:MM[:SS[.ffffff]] with Z or ±HH:MM"

_DATE = r"[0-9]{4}-[0-9]{2}-[0-9]{2}"  # \d would take other scripts' digits
ISO_DATE = re.compile(_DATE)
ISO_DATETIME = re.compile(
    rf"(?P<date>{_DATE})T[0-9]{{2}}:[0-9]{{2}}(?::[0-9]{{2}}(?:\.[0-9]{{1,6}})?)?"
    r"(?P<offset>Z|[+-][0-9]{2}:[0-9]{2})?"
)


class NotISO(ValueError):
    """Text that is not the ISO 8601 spelling asked for; the message says what is."""


def parse_date(text):
    """The date ``text`` spells as ``YYYY-MM-DD``, or NotISO."""
    if not isinstance(text, str) or not ISO_DATE.fullmatch(text):
        raise NotISO(f"Use an ISO 8601 date, {DATE_SPELLING} (e.g. 2024-01-31).")
    try:
        return datetime.date.fromisoformat(text)
    except ValueError:
        raise NotISO(
            f"{text} is not a day of the calendar: use an ISO 8601 date, {DATE_SPELLING}."
        ) from None


def parse_datetime(text, offset_required=True):
    """The aware date-time ``text`` spells (UTC without an offset, where that is allowed), or
    NotISO."""
    spelling = DATETIME_SPELLING if offset_required else f"{DATETIME_SPELLING} (or none for UTC)"
    example = "e.g. 2025-01-31T12:00:00Z"
    match = ISO_DATETIME.fullmatch(text) if isinstance(text, str) else None
    if match is None or (offset_required and not match["offset"]):
        if isinstance(text, str) and ISO_DATE.fullmatch(text):
            raise NotISO(f"Give a time too: an ISO 8601 date and time, {spelling} ({example}).")
        if isinstance(text, str) and re.fullmatch(r"\S+T\S+ [0-9]{2}:[0-9]{2}", text):
            # A "+" left unencoded in a query string arrives as a space.
            raise NotISO(f"Use an ISO 8601 date and time, {spelling}; write + as %2B in a URL.")
        raise NotISO(f"Use an ISO 8601 date and time, {spelling} ({example}).")
    try:
        moment = datetime.datetime.fromisoformat(text)
    except ValueError:
        raise NotISO(
            f"{text} is not a moment of the calendar: use an ISO 8601 date and time, {spelling}."
        ) from None
    return moment if moment.tzinfo else moment.replace(tzinfo=datetime.UTC)


def field_value(field, value):
    """``value`` for the model ``field`` as a file gives it (a date or date-time field; any
    other value is returned as it is): a date, a date-time or ISO text, else NotISO."""
    if value is None or not isinstance(field, models.DateField):
        return value
    if isinstance(field, models.DateTimeField):
        if isinstance(value, datetime.datetime) and value.tzinfo is not None:
            return value
        return parse_datetime(value)
    if isinstance(value, datetime.date) and not isinstance(value, datetime.datetime):
        return value
    return parse_date(value)


def model_values(model, values):
    """``values`` (model field name → value, as a file gives them) with each date and
    date-time read by ``field_value``; NotISO names the field."""
    read = {}
    for name, value in values.items():
        try:
            read[name] = field_value(model._meta.get_field(name), value)
        except FieldDoesNotExist:  # an attribute the model sets from it, say
            read[name] = value
        except NotISO as error:
            raise NotISO(f"field {name}: {error}") from None
    return read
