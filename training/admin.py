"""Training in the Django admin: for looking things up. Places change through the pages, which
keep the waiting list in order (training/services.py)."""

from django.contrib import admin

from .models import Registration, TrainingSession


@admin.register(TrainingSession)
class TrainingSessionAdmin(admin.ModelAdmin):
    list_display = ["date", "half", "title", "offer", "kind", "mode", "capacity", "municipality"]
    list_filter = ["offer", "kind", "mode"]
    list_select_related = ["municipality", "offer"]
    date_hierarchy = "date"


@admin.register(Registration)
class RegistrationAdmin(admin.ModelAdmin):
    list_display = ["name", "municipality", "session", "status", "created_at", "attended"]
    list_filter = ["status", "municipality"]
    list_select_related = ["session", "municipality"]
    search_fields = ["name", "email", "workplace"]
    readonly_fields = ["status", "created_at", "promoted_at", "cancelled_at", "cancelled_by"]
