"""A record's field as a person reads it: a choice's label, a related record's name with its
link, a date to the precision it is known, and "unknown" for a value the sources do not give.

``Shown`` is what a template prints: ``text`` (None: unknown, shown as "unknown", never as 0 or
a blank) and ``url`` (None: no link).
"""

from dataclasses import dataclass
from datetime import datetime

from django.core.exceptions import FieldDoesNotExist
from django.utils import timezone

from .links import url_for


@dataclass(frozen=True)
class Shown:
    text: str | None
    url: str | None = None

    @property
    def unknown(self):
        return self.text is None


UNKNOWN = Shown(None)
YES_NO = {True: "Yes", False: "No"}


def precise_date(value, precision):
    """A date to its known precision: ``1979`` (year), ``1979-03`` (month), ``1979-03-02``."""
    if value is None:
        return None
    if precision == "year":
        return f"{value.year}"
    if precision == "month":
        return f"{value.year}-{value.month:02d}"
    return value.isoformat()


def label(record):
    """How a list names a record: its own name, where a count its name leaves as "?" (a
    participation's "? × fighters") reads "unknown"."""
    text = str(record)
    return f"unknown{text[1:]}" if text.startswith("? ") else text


def kind_label(record):
    """ "Participation: unknown × fighters (Russian Aerospace Forces)"."""
    kind = str(record._meta.verbose_name)
    return f"{kind[:1].upper()}{kind[1:]}: {label(record)}"


def moment(value):
    """A date and time as ``2019-07-23 09:12 UTC`` (the site's time zone is UTC)."""
    return f"{timezone.localtime(value):%Y-%m-%d %H:%M} {timezone.get_current_timezone_name()}"


def field_of(model, name):
    """The model field ``name`` (concrete, not many-to-many), or None."""
    try:
        field = model._meta.get_field(name)
    except FieldDoesNotExist:
        return None
    return field if field.concrete and not field.many_to_many else None


def field_label(model, name):
    """The field's name as a heading says it ("Range (km)"); "The record as a whole" for a
    claim that names no field."""
    field = field_of(model, name) if name else None
    if field is None:
        return name or "The record as a whole"
    label = str(field.verbose_name)
    return label[:1].upper() + label[1:]


def shown(record, name):
    """``record``'s value of field ``name`` as a person reads it."""
    field = field_of(type(record), name)
    if field is None:
        return UNKNOWN
    if field.is_relation:
        related = getattr(record, name)
        return Shown(str(related), url_for(related)) if related is not None else UNKNOWN
    value = getattr(record, field.attname)
    if value is None or value == "":
        return UNKNOWN
    if field.choices:
        return Shown(str(getattr(record, f"get_{name}_display")()))
    if isinstance(value, bool):
        return Shown(YES_NO[value])
    if name == "first_flight":
        return Shown(precise_date(value, getattr(record, "first_flight_precision", "day")))
    if isinstance(value, datetime):
        return Shown(moment(value))
    if hasattr(value, "isoformat"):
        return Shown(value.isoformat())
    return Shown(str(value))
