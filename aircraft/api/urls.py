"""Aircraft resources; config/api.py serves every app's router under /api/v1/."""

from rest_framework.routers import SimpleRouter

from . import views

router = SimpleRouter()
router.register("manufacturers", views.ManufacturerViewSet)
router.register("capabilities", views.CapabilityViewSet)
router.register("aircraft-types", views.AircraftTypeViewSet)
router.register("aircraft-capabilities", views.AircraftCapabilityViewSet)
router.register("weapons", views.WeaponViewSet)
router.register("armaments", views.ArmamentViewSet)
router.register("inventories", views.InventoryViewSet)
