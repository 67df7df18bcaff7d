"""What the explorer's query string asks for, read exactly as ``/api/v1/patrols/`` reads it.

The page takes the patrol list's own filter parameters (``patrols.filters.PatrolFilterSet``),
under the same names, and one of its own: ``period`` (``calendar`` or ``fiscal``), what the
patrols-per-year chart counts by. A parameter the page does not read, a filter given twice that
cannot be repeated, or a value naming nothing is refused before anything is counted, with the
API's own checks (``core.api.params.check_query_parameters``, then the FilterSet's form): a 400
naming the parameter, never a silently different result.

Every filter the API takes is accepted, not only those the form offers, so that a query moved
from the API to the page selects the same patrols; the page shows the ones its form has no field
for (``ExplorerQuery.other_filters``) and keeps them when the form is changed. ``search``,
``ordering`` and paging are the list's, not the statistics' the chart is drawn from: refused.
"""

from dataclasses import dataclass, field
from types import SimpleNamespace
from urllib.parse import urlencode

from django.db.models import QuerySet
from rest_framework.exceptions import ValidationError

from core.api.params import check_query_parameters, filterset_parameters
from patrols.filters import PatrolFilterSet
from patrols.models import Patrol

PERIOD = "period"
# ``period`` -> the statistics' ``group_by``.
PERIODS = {"calendar": "year", "fiscal": "fiscal_year"}
CALENDAR_BOUNDS = ("year_min", "year_max")
FISCAL_BOUNDS = ("fiscal_year_min", "fiscal_year_max")
# The filters the form has a field for, in the form's order.
OFFERED = (
    *CALENDAR_BOUNDS,
    *FISCAL_BOUNDS,
    "kind",
    "country",
    "aircraft_type",
    "region",
    "confidence",
)


class Refused(Exception):
    """The query cannot be answered exactly: ``errors`` is ``{parameter: [message, …]}``."""

    def __init__(self, errors):
        super().__init__(errors)
        self.errors = errors


def accepted_parameters():
    """``{name: repeatable}``: every parameter of the patrol filters, and ``period``."""
    return {**filterset_parameters(PatrolFilterSet), PERIOD: False}


@dataclass
class ExplorerQuery:
    """A checked query: the patrols it selects and the filters that select them."""

    patrols: QuerySet
    filters: list = field(default_factory=list)  # (name, value) pairs, non-empty, as given
    period: str = "calendar"

    @property
    def group_by(self):
        return PERIODS[self.period]

    def values(self, name):
        return [value for key, value in self.filters if key == name]

    def value(self, name):
        return next(iter(self.values(name)), "")

    @property
    def other_filters(self):
        """The filters given that the form has no field for (``joint=true`` from an API URL)."""
        return [(name, value) for name, value in self.filters if name not in OFFERED]

    def filter_query(self, *first, without=()):
        """The filters as a query string (the API's), after ``first`` pairs; ``without`` names
        filters left out."""
        pairs = [*first, *((n, v) for n, v in self.filters if n not in without)]
        return urlencode(pairs)

    def page_query(self):
        """This page's own query string, in a canonical form: empty values dropped."""
        return urlencode([*self.filters, (PERIOD, self.period)])


def default_period(params):
    """``calendar`` unless only fiscal-year bounds are given: the chart counts per the years
    the range is given in."""
    given = {name for name in (*CALENDAR_BOUNDS, *FISCAL_BOUNDS) if params.get(name)}
    return "fiscal" if given and given <= set(FISCAL_BOUNDS) else "calendar"


def read_query(request):
    """The ``ExplorerQuery`` of ``request``'s query string, or ``Refused``."""
    params = request.GET
    errors = {}
    try:
        check_query_parameters(SimpleNamespace(query_params=params), accepted_parameters())
    except ValidationError as error:
        errors = {
            name: [
                message.replace("This endpoint accepts", "This page accepts")
                for message in messages
            ]
            for name, messages in plain(error.detail).items()
        }
    period = params.get(PERIOD, "")
    if period and period not in PERIODS and PERIOD not in errors:  # empty: not given
        errors[PERIOD] = [f"Use one of: {', '.join(PERIODS)}."]
    if errors:
        raise Refused(errors)
    filterset = PatrolFilterSet(params, queryset=Patrol.objects.all(), request=request)
    if not filterset.is_valid():
        raise Refused(plain(filterset.errors))
    filters = [
        (name, value)
        for name in params
        if name != PERIOD
        for value in params.getlist(name)
        if value.strip()
    ]
    return ExplorerQuery(filterset.qs, filters, period or default_period(params))


def plain(errors):
    """``{parameter: [message, …]}`` as plain strings, from DRF's or a form's errors."""
    return {
        str(name): [str(message) for message in messages] for name, messages in dict(errors).items()
    }
