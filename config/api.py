"""The API root: every app's resources under /api/v1/, listed at /api/v1/ itself, and the
token endpoint, /api/v1/auth/token/."""

from django.urls import path
from rest_framework.routers import DefaultRouter

from aircraft.api.urls import router as aircraft_router
from core.api.token import TokenView
from core.api.views import StrictAPIRootView
from patrols.api.urls import router as patrols_router
from reference.api.urls import router as reference_router


class APIRouter(DefaultRouter):
    include_format_suffixes = False  # ?format=csv, not .csv suffixes
    APIRootView = StrictAPIRootView  # an unknown query parameter is a 400 here too


router = APIRouter()
for app_router in (reference_router, aircraft_router, patrols_router):
    router.registry.extend(app_router.registry)

urlpatterns = [
    *router.urls,
    # A script's token for a user name and password (core/api/token.py).
    path("auth/token/", TokenView.as_view(), name="auth-token"),
]
