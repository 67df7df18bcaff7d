"""Root URLs: the explorer for researchers, the admin for curators, the REST API and its docs."""

from django.contrib import admin
from django.urls import include, path

from core.api.docs import StrictRedocView, StrictSchemaView, StrictSwaggerView

admin.site.site_header = "Strategic aviation reference"
admin.site.site_title = "Strategic aviation reference"
admin.site.index_title = "Curated data"

urlpatterns = [
    path("admin/", admin.site.urls),
    path("api/v1/", include(("config.api", "api"), namespace="api")),
    # Each takes only the query parameters it reads (core/api/docs.py).
    path("api/schema/", StrictSchemaView.as_view(), name="schema"),
    path("api/docs/", StrictSwaggerView.as_view(url_name="schema"), name="swagger-ui"),
    path("api/redoc/", StrictRedocView.as_view(url_name="schema"), name="redoc"),
    # The public explorer: /, /patrols/<slug>/, /aircraft-types/<slug>/, /sources/<slug>/.
    path("", include("explorer.urls")),
]

handler400 = "config.errors.bad_request"
handler403 = "config.errors.permission_denied"
handler404 = "config.errors.not_found"
handler500 = "config.errors.server_error"
