"""The explorer's index, ``/``: filters, the patrols-per-year chart beside the JASDF's scrambles,
the map, the matching patrols and the links exporting exactly what is shown.

Read-only and anonymous. The query string is the patrol list's (``explorer.filters``), so a
view is shared by its URL and every export link is the API's answer to the same filters; a
query that cannot be answered exactly is a 400 page naming the parameter. The page costs a
number of queries that does not grow with the patrols: the statistics services' (one run per
kind among the matching patrols, at most three, and one for the scrambles), the table's five,
the form's choices and the map's counts.
"""

from django.templatetags.static import static
from django.urls import reverse
from django.views.generic import TemplateView

from curation.version import current as dataset_version
from explorer.filters import PERIOD, PERIODS, Refused, read_query
from explorer.queries import TABLE_LIMIT, filter_options, patrol_table
from explorer.timing import ServerTimingMixin

from .index_chart import patrols_per_year, scrambles_per_fiscal_year
from .index_form import form_state
from .index_map import layer_urls, not_mapped

COASTLINE = "explorer/coastline-east-asia.geojson"


def export_links(query):
    """Links to the API for exactly what the page shows: the matching patrols as CSV (every
    row), JSON (one page as long as the table) and GeoJSON, and the chart's statistics."""
    patrols, stats = reverse("api:patrol-list"), reverse("api:patrol-stats")
    return [
        {
            "key": "patrols-csv",
            "format": "CSV",
            "what": "matching patrols",
            "url": f"{patrols}?{query.filter_query(('format', 'csv'))}",
        },
        {
            "key": "patrols-json",
            "format": "JSON",
            "what": "matching patrols",
            "url": f"{patrols}?{query.filter_query(('page_size', str(TABLE_LIMIT)))}",
        },
        {
            "key": "patrols-geojson",
            "format": "GeoJSON",
            "what": "matching patrols",
            "url": f"{patrols}?{query.filter_query(('format', 'geojson'))}",
        },
        {
            "key": "stats-csv",
            "format": "CSV",
            "what": "patrols per year (the chart)",
            "url": f"{stats}?{query.filter_query(('group_by', query.group_by), ('format', 'csv'))}",
        },
        {
            "key": "stats-json",
            "format": "JSON",
            "what": "patrols per year (the chart)",
            "url": f"{stats}?{query.filter_query(('group_by', query.group_by))}",
        },
    ]


class ExplorerView(ServerTimingMixin, TemplateView):
    template_name = "explorer/index.html"
    http_method_names = ["get", "head"]

    def get(self, request, *args, **kwargs):
        options = filter_options()
        context = {
            "dataset_version": dataset_version(),
            "coastline_url": static(COASTLINE),
        }
        try:
            query = read_query(request)
        except Refused as refused:
            period = request.GET.get(PERIOD, "")
            period = period if period in PERIODS else "calendar"
            context.update(
                errors=sorted(refused.errors.items()),
                form=form_state(request.GET, options, period, refused=refused.errors),
            )
            return self.render_to_response(context, status=400)
        chart = patrols_per_year(query.patrols, query.group_by)
        count = chart["count"]  # the statistics' count of the matching patrols, kind by kind
        names = {option.value: option.label for option in options["country"]}
        exports = export_links(query)
        context.update(
            query=query,
            form=form_state(request.GET, options, query.period),
            chart=chart,
            scrambles=scrambles_per_fiscal_year(query, names),
            rows=patrol_table(query.patrols),
            count=count,
            limit=TABLE_LIMIT,
            exports=exports,
            layers=" ".join(layer_urls(query)),
            not_mapped=not_mapped(query.patrols, count),
            stats_url=exports[-1]["url"],  # the chart's statistics, as JSON
        )
        return self.render_to_response(context)
