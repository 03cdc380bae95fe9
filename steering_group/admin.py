"""The steering group in the Django admin: for looking things up. Changes go through the pages,
which apply the rules of § 5; locked minutes cannot be changed here either."""

from django.contrib import admin

from .models import (
    AgendaItem,
    Application,
    Meeting,
    Membership,
    Minutes,
    MinutesParagraph,
    Paper,
    Term,
)


class MembershipInline(admin.TabularInline):
    model = Membership
    extra = 0
    fields = ["seat", "name", "email", "organisation", "municipality", "user"]
    readonly_fields = fields
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(Term)
class TermAdmin(admin.ModelAdmin):
    list_display = ["year", "offer", "created_at"]
    list_filter = ["offer"]
    inlines = [MembershipInline]


@admin.register(Application)
class ApplicationAdmin(admin.ModelAdmin):
    list_display = ["term", "municipality", "representative_name", "status", "submitted_at"]
    list_filter = ["term", "status"]
    list_select_related = ["term", "municipality"]
    search_fields = ["municipality__name", "representative_name", "representative_email"]


@admin.register(Membership)
class MembershipAdmin(admin.ModelAdmin):
    list_display = ["term", "seat", "name", "email", "organisation", "user"]
    list_filter = ["term", "seat"]
    list_select_related = ["term", "user"]
    search_fields = ["name", "email", "organisation"]
    raw_id_fields = ["user", "application", "municipality"]


class AgendaItemInline(admin.TabularInline):
    model = AgendaItem
    extra = 0


class PaperInline(admin.TabularInline):
    model = Paper
    extra = 0
    readonly_fields = ["file", "original_name", "size", "uploaded_at", "uploaded_by"]


@admin.register(Meeting)
class MeetingAdmin(admin.ModelAdmin):
    list_display = ["starts_at", "term", "place", "invitation_sent_at"]
    list_filter = ["term"]
    inlines = [AgendaItemInline, PaperInline]


class ParagraphInline(admin.StackedInline):
    model = MinutesParagraph
    extra = 0

    def has_change_permission(self, request, obj=None):
        return super().has_change_permission(request, obj) and not (obj and obj.is_locked)

    def has_add_permission(self, request, obj=None):
        return super().has_add_permission(request, obj) and not (obj and obj.is_locked)

    def has_delete_permission(self, request, obj=None):
        return super().has_delete_permission(request, obj) and not (obj and obj.is_locked)


@admin.register(Minutes)
class MinutesAdmin(admin.ModelAdmin):
    list_display = ["meeting", "chair_approved_at", "adjuster_approved_at", "locked_at"]
    readonly_fields = [
        "chair_approved_at",
        "chair_approved_by",
        "chair_name",
        "adjuster_approved_at",
        "adjuster_approved_by",
        "adjuster_name",
        "locked_at",
        "pdf",
        "pdf_sha256",
        "published_at",
    ]
    inlines = [ParagraphInline]

    def has_change_permission(self, request, obj=None):
        return super().has_change_permission(request, obj) and not (obj and obj.is_locked)

    def has_delete_permission(self, request, obj=None):
        return super().has_delete_permission(request, obj) and not (obj and obj.is_locked)
