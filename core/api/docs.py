"""The schema and its two pages read their query strings as strictly as every endpoint.

drf-spectacular's views read what they know and ignore the rest: ``/api/schema/?x=1`` answered
the schema, ``?format=json&format=yaml`` one of the two, and ``?version=…`` was written into the
schema's ``info.version`` as given (markup included). Here each takes only what it reads, each
once, with a value it can honour, or answers a 400 in JSON (as every error under /api/) naming
the parameter and what it takes:

- ``/api/schema/``: ``format`` (``json`` or ``yaml``; without it, the Accept header decides)
  and ``lang`` (one of ``LANGUAGES``: the language of the texts Django and DRF translate);
- ``/api/docs/`` and ``/api/redoc/``: ``lang`` only, which they pass on to the schema.

``version`` is refused everywhere: there is one version of the API (``SPECTACULAR_SETTINGS``'s
``VERSION``), and the schema says which. The check runs before content negotiation, so an
unknown ``format`` is a 400 naming it rather than a 404.
"""

from django.conf import settings
from drf_spectacular.settings import spectacular_settings
from drf_spectacular.views import SpectacularAPIView, SpectacularRedocView, SpectacularSwaggerView
from rest_framework.renderers import JSONRenderer

from .params import check_query_parameters

FORMATS = ("json", "yaml")
LANG = "lang"
FORMAT = "format"
VERSION = "version"


def version_refusal():
    return (
        f"There is one version of this API ({spectacular_settings.VERSION}), which the schema "
        "describes: leave version out."
    )


class StrictDocsMixin:
    """Refuses, before anything else, a query parameter the view does not read (``accepted``),
    one given twice, a value it cannot honour, and ``version``; errors are JSON."""

    accepted = (LANG,)

    def allowed_values(self):
        values = {LANG: tuple(code for code, _ in settings.LANGUAGES)}
        if FORMAT in self.accepted:
            values[FORMAT] = FORMATS
        return values

    def initial(self, request, *args, **kwargs):
        check_query_parameters(
            request,
            dict.fromkeys(self.accepted, False),
            allowed_values=self.allowed_values(),
            refusals={VERSION: version_refusal()},
        )
        super().initial(request, *args, **kwargs)

    def finalize_response(self, request, response, *args, **kwargs):
        if response.status_code >= 400:  # not YAML or an HTML page: JSON, as under all /api/
            request.accepted_renderer = JSONRenderer()
            request.accepted_media_type = JSONRenderer.media_type
        return super().finalize_response(request, response, *args, **kwargs)


class StrictSchemaView(StrictDocsMixin, SpectacularAPIView):
    accepted = (FORMAT, LANG)


class StrictSwaggerView(StrictDocsMixin, SpectacularSwaggerView):
    pass


class StrictRedocView(StrictDocsMixin, SpectacularRedocView):
    pass
