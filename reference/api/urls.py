"""Reference resources; config/api.py serves every app's router under /api/v1/."""

from rest_framework.routers import SimpleRouter

from . import views

router = SimpleRouter()
router.register("countries", views.CountryViewSet)
router.register("organizations", views.OrganizationViewSet)
router.register("regions", views.RegionViewSet)
router.register("zone-boundaries", views.ZoneBoundaryViewSet)
router.register("sources", views.SourceViewSet)
router.register("citations", views.CitationViewSet)
router.register("claims", views.ClaimViewSet)
