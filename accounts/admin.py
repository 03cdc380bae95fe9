from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from django.utils.translation import gettext_lazy as _

from .models import User


@admin.register(User)
class UserAdmin(BaseUserAdmin):
    list_display = ["username", "email", "first_name", "last_name", "municipality", "is_active"]
    list_filter = ["groups", "municipality", "is_active", "is_staff"]
    search_fields = ["username", "email", "first_name", "last_name", "municipality__name"]
    list_select_related = ["municipality"]
    fieldsets = BaseUserAdmin.fieldsets + (
        (_("Kommunavtal"), {"fields": ("title", "phone", "municipality")}),
    )
