"""The record pages: a patrol, an aircraft type, a source, each at ``/<kind>/<slug>/``.

Read-only and anonymous. Each page reads its record with the querysets of
``explorer.records.queries`` (a fixed number of queries whatever the rows), then adds what every
record page shows: the "cite this record" block, the link to the record's API representation and,
for a signed-in curator, to its admin change page. A page takes no query parameter: one given is
refused with a 400 naming it (the project's rule: an answer is exact or refused), and a slug
that names no record is a 404 page saying so. Every answer says in ``Server-Timing`` how long
the server took (the index's mixin).
"""

from django.core.exceptions import ObjectDoesNotExist
from django.template.response import TemplateResponse
from django.urls import reverse
from django.views import View

from curation.version import current
from explorer.cite import cite
from explorer.records import aircraft, patrol, queries, source
from explorer.records.links import admin_url, api_url
from explorer.timing import ServerTimingMixin


class RecordPageView(ServerTimingMixin, View):
    http_method_names = ["get", "head", "options"]
    template_name = None
    kind = None  # the BibTeX key's kind and the not-found page's noun
    noun = None
    url_name = None

    def load(self, slug):
        raise NotImplementedError

    def describe(self, record):
        raise NotImplementedError

    def title(self, record):
        return str(record)

    def get(self, request, slug):
        if request.GET:
            names = sorted(request.GET)
            return TemplateResponse(
                request, "explorer/record/bad_query.html", {"names": names}, status=400
            )
        try:
            record = self.load(slug)
        except ObjectDoesNotExist:
            context = {"noun": self.noun, "slug": slug}
            return TemplateResponse(request, "explorer/record/not_found.html", context, status=404)
        version = current()
        path = reverse(self.url_name, args=[record.slug])
        context = {
            **self.describe(record),
            "record": record,
            "title": self.title(record),
            "dataset_version": version,
            "citation": cite(request, self.title(record), self.kind, record.slug, path, version),
            "api_url": api_url(record),
            "admin_url": admin_url(request.user, record),
        }
        return TemplateResponse(request, self.template_name, context)


class PatrolPageView(RecordPageView):
    template_name = "explorer/patrol.html"
    kind, noun, url_name = "patrol", "patrol", "explorer:patrol"

    def load(self, slug):
        return queries.patrol(slug)

    def describe(self, record):
        return patrol.describe(record)


class AircraftTypePageView(RecordPageView):
    template_name = "explorer/aircraft_type.html"
    kind, noun, url_name = "aircraft-type", "aircraft type", "explorer:aircraft-type"

    def load(self, slug):
        return queries.aircraft_type(slug)

    def describe(self, record):
        return aircraft.describe(record)

    def title(self, record):
        names = [name for name in (record.common_name, record.nato_name) if name]
        return f"{record.designation} ({', '.join(names)})" if names else record.designation


class SourcePageView(RecordPageView):
    template_name = "explorer/source.html"
    kind, noun, url_name = "source", "source", "explorer:source"

    def load(self, slug):
        return queries.source(slug)

    def describe(self, record):
        return source.describe(record)

    def title(self, record):
        return record.title
