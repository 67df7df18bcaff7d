"""Print the explorer pages' server times on the data this database holds (``make bench-pages``
runs it on the curated data): the issue's bound is 300 ms for every page.

A benchmark, not a test: it prints figures. Each page is asked ``--repeat`` times through the
site's own view (``Server-Timing``: the view and its template, no network); the table gives the
median and the slowest of the medians, per kind of page, and the slowest page by name.
"""

import statistics
import time

from django.contrib.auth.models import AnonymousUser
from django.core.management.base import BaseCommand
from django.test import RequestFactory
from django.urls import resolve, reverse

from aircraft.models import AircraftType
from patrols.models import Patrol
from reference.models import Source

INDEX_QUERIES = (
    "",
    "period=fiscal",
    "joint=true",
    "kind=joint_strategic_patrol&country=CN&year_min=2022",
    "aircraft_type=h-6",
    "year=1900",  # matches nothing: the empty state
)


class Command(BaseCommand):
    help = "Print the explorer pages' server times (median per page, ms)."

    def add_arguments(self, parser):
        parser.add_argument("--repeat", type=int, default=5, help="Asks per page (default 5).")

    def handle(self, *args, repeat, **options):
        pages = {
            "index": [f"{reverse('explorer:index')}?{query}" for query in INDEX_QUERIES],
            "patrol": self.paths("explorer:patrol", Patrol),
            "aircraft type": self.paths("explorer:aircraft-type", AircraftType),
            "source": self.paths("explorer:source", Source),
        }
        factory = RequestFactory()
        self.stdout.write(f"{'pages':<14}{'count':>6}{'median ms':>11}{'slowest ms':>12}  slowest")
        for kind, paths in pages.items():
            if not paths:
                self.stdout.write(f"{kind:<14}{0:>6}  (no records: load the curated data)")
                continue
            medians = {path: self.median_ms(factory, path, repeat) for path in paths}
            slowest = max(medians, key=medians.get)
            self.stdout.write(
                f"{kind:<14}{len(paths):>6}{statistics.median(medians.values()):>11.1f}"
                f"{medians[slowest]:>12.1f}  {slowest}"
            )

    @staticmethod
    def paths(name, model):
        slugs = model.objects.order_by("slug").values_list("slug", flat=True)
        return [reverse(name, kwargs={"slug": slug}) for slug in slugs]

    @staticmethod
    def median_ms(factory, path, repeat):
        view, args, kwargs = resolve(path.partition("?")[0])
        times = []
        for _ in range(repeat + 1):  # the first ask warms the templates and connection
            request = factory.get(path, HTTP_HOST="127.0.0.1")
            request.user = AnonymousUser()
            started = time.perf_counter()
            response = view(request, *args, **kwargs)
            if hasattr(response, "render") and not response.is_rendered:
                response.render()
            times.append((time.perf_counter() - started) * 1000)
            if response.status_code != 200:
                raise SystemExit(f"{path} answered {response.status_code}")
        return statistics.median(times[1:])
