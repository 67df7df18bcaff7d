"""The explorer's pages, mounted at the site's root (config/urls.py)."""

from django.urls import path

from explorer.views import index, records

app_name = "explorer"

urlpatterns = [
    path("", index.ExplorerView.as_view(), name="index"),
    path("patrols/<slug:slug>/", records.PatrolPageView.as_view(), name="patrol"),
    path(
        "aircraft-types/<slug:slug>/", records.AircraftTypePageView.as_view(), name="aircraft-type"
    ),
    path("sources/<slug:slug>/", records.SourcePageView.as_view(), name="source"),
]
