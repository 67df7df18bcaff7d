"""Root URLs: the admin for curators; the API joins here when it lands."""

from django.contrib import admin
from django.urls import path
from django.views.generic import RedirectView

admin.site.site_header = "Strategic aviation reference"
admin.site.site_title = "Strategic aviation reference"
admin.site.index_title = "Curated data"

urlpatterns = [
    path("", RedirectView.as_view(pattern_name="admin:index", permanent=False)),
    path("admin/", admin.site.urls),
]
