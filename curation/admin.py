from django.contrib import admin

from .models import LoadStamp


@admin.register(LoadStamp)
class LoadStampAdmin(admin.ModelAdmin):
    """Read-only: what the data loader last wrote, shown so curators can see it, not edit it."""

    list_display = ("content_type", "natural_key", "object_id", "record_updated_at", "loaded_at")
    list_filter = ("content_type",)
    search_fields = ("natural_key",)

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
