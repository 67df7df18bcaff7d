"""Japan's fiscal year and calendar months: as database expressions (for the statistics) and as
patrol filters.

Japanese figures (the JASDF's scramble counts, the Ministry of Defense's reports) are given per
fiscal year, April to March, named after the year it starts in: FY2024 runs from 1 April 2024 to
31 March 2025. The expressions are date parts the database computes itself (``core.date_parts``),
the same on SQLite and PostgreSQL; the filters are date ranges, so they use the date's index.
"""

from datetime import date

from django.db.models import Case, IntegerField, Q, Value, When

from core.date_parts import Month, Year
from core.filters import YEAR_BOUNDS, IntegerFilter

FIRST_MONTH = 4  # April
LAST_YEAR = YEAR_BOUNDS["max_value"]  # the last year a date can hold


def fiscal_year(path):
    """The fiscal year of the date at ``path``: its year, less one before April."""
    before_april = When(**{f"{path}__month__lt": FIRST_MONTH}, then=Value(1))
    return Year(path) - Case(before_april, default=Value(0), output_field=IntegerField())


def month(path):
    """The month of the date at ``path`` as one number, ``202405`` (see ``month_label``)."""
    return Year(path) * 100 + Month(path)


def fiscal_year_label(value):
    return f"FY{value}"


def fiscal_year_name(value):
    return f"FY{value} (April {value} – March {value + 1})"


def month_label(value):
    return f"{value // 100:04d}-{value % 100:02d}"


def fiscal_year_start(year):
    return date(year, FIRST_MONTH, 1)


def in_fiscal_years(path, first=None, last=None):
    """Dates at ``path`` in fiscal years ``first`` to ``last`` (inclusive; None: unbounded). The
    last fiscal year a date can start ends after any date, so it needs no upper bound."""
    condition = Q()
    if first is not None:
        condition &= Q(**{f"{path}__gte": fiscal_year_start(first)})
    if last is not None and last < LAST_YEAR:
        condition &= Q(**{f"{path}__lt": fiscal_year_start(last + 1)})
    return condition


class FiscalYearFilter(IntegerFilter):
    """A Japanese fiscal year (a whole number, FY2024 = 2024), exactly or as a bound."""

    date_part = "fiscal_year"  # a part of the date, computed here (not a lookup Django knows)

    def __init__(self, *args, bound="exact", **kwargs):
        self.bound = bound
        super().__init__(*args, **YEAR_BOUNDS, **kwargs)

    def filter(self, queryset, value):
        if value is None:
            return queryset
        first = value if self.bound in ("exact", "gte") else None
        last = value if self.bound in ("exact", "lte") else None
        return queryset.filter(in_fiscal_years(self.field_name, first, last))


def fiscal_year_filters(field_name):
    """``fiscal_year``, ``fiscal_year_min`` and ``fiscal_year_max`` on one date field, for
    ``core.filters.add_filters``."""
    span = "Japanese fiscal year (April–March; 2024 is 1 April 2024 to 31 March 2025)"
    return {
        "fiscal_year": FiscalYearFilter(field_name=field_name, help_text=f"{span} it started in."),
        "fiscal_year_min": FiscalYearFilter(
            field_name=field_name, bound="gte", help_text=f"Started in this {span} or later."
        ),
        "fiscal_year_max": FiscalYearFilter(
            field_name=field_name, bound="lte", help_text=f"Started in this {span} or earlier."
        ),
    }
