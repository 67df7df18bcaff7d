"""Patrol resources; config/api.py serves every app's router under /api/v1/."""

from rest_framework.routers import SimpleRouter

from . import activity, views

router = SimpleRouter()
router.register("patrols", views.PatrolViewSet)
router.register("patrol-regions", views.PatrolRegionViewSet)
router.register("participations", views.ParticipationViewSet)
router.register("interceptions", views.InterceptionViewSet)
router.register("statements", views.StatementViewSet)
router.register("reported-figures", views.ReportedFigureViewSet)
router.register("zone-entries", views.ZoneEntryViewSet)
router.register("activity-counts", activity.ActivityCountViewSet)
