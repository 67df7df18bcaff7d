"""Anonymous clients are throttled at a rate read from the environment when the request comes.

Reading the rate per request (not once at import, as DRF's own class does) lets a deployment,
and a test, set it through settings; an empty rate turns throttling off.
"""

from django.conf import settings
from rest_framework.throttling import AnonRateThrottle


class AnonymousRateThrottle(AnonRateThrottle):
    def get_rate(self):
        return getattr(settings, "API_ANON_THROTTLE_RATE", None) or None
