"""Anonymous clients are throttled at a rate read from the environment when the request comes.

Reading the rate per request (not once at import, as DRF's own class does) lets a deployment,
and a test, set it through settings; an empty rate turns throttling off.

DRF's own throttle reads a client's history from the cache and writes it back later, so
requests arriving together all read the same history and all pass: 40 at once against a limit of
10 let 15 to 40 through. Here each client has one counter per fixed window (the rate's period,
aligned to the clock), created with ``add`` and raised with ``incr``, both atomic in the cache
(Redis, or local memory within one process), so the limit holds across threads and workers.
The counter outlives its window by a margin, so ``incr`` finds it for as long as it counts.

A cache that cannot be reached (``core.cache``) neither adds nor increments: the request passes
unthrottled rather than being refused for a fault that is not the client's.
"""

import math

from django.conf import settings
from rest_framework.throttling import AnonRateThrottle

MARGIN_SECONDS = 60  # a counter lives this long past its window's end


class AnonymousRateThrottle(AnonRateThrottle):
    def get_rate(self):
        return getattr(settings, "API_ANON_THROTTLE_RATE", None) or None

    def allow_request(self, request, view):
        if self.rate is None:
            return True
        client = self.get_cache_key(request, view)
        if client is None:
            return True
        self.now = self.timer()
        window = int(self.now // self.duration)
        self.window_ends = (window + 1) * self.duration
        count = self.count(
            f"{client}:{window}", math.ceil(self.window_ends - self.now) + MARGIN_SECONDS
        )
        return count is None or count <= self.num_requests

    def count(self, key, timeout):
        """This request's number in its window, or None when the cache cannot count."""
        if self.cache.add(key, 1, timeout):
            return 1
        try:
            return self.cache.incr(key)
        except ValueError:  # no counter after all: the cache is unavailable
            return None

    def wait(self):
        """Seconds until the window ends and the client may ask again (Retry-After)."""
        return max(self.window_ends - self.now, 1)
