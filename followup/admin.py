"""The figures in the Django admin, for looking things up. Changes go through the pages, which
check them all or nothing and record who made them."""

from django.contrib import admin

from .models import COUNT_FIELDS, UsageFigure


@admin.register(UsageFigure)
class UsageFigureAdmin(admin.ModelAdmin):
    list_display = ["municipality", "service", "year", "half", *COUNT_FIELDS, "updated_at"]
    list_filter = ["year", "half", "service"]
    list_select_related = ["municipality", "service"]
    search_fields = ["municipality__name", "municipality__code"]
    readonly_fields = [
        "municipality",
        "service",
        "year",
        "half",
        *COUNT_FIELDS,
        "entered_by",
        "updated_at",
    ]

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
