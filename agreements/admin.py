from django.contrib import admin

from .models import Agreement, AgreementTemplate, Signature, StatusChange, TemplateSection
from .models_pipeline import ContactNote, ResidentsMet


class TemplateSectionInline(admin.StackedInline):
    model = TemplateSection
    extra = 0


@admin.register(AgreementTemplate)
class AgreementTemplateAdmin(admin.ModelAdmin):
    list_display = ["version", "year", "valid_from", "signatory_name"]
    inlines = [TemplateSectionInline]

    def has_change_permission(self, request, obj=None):
        return super().has_change_permission(request, obj) and not (obj and obj.is_frozen)

    def has_delete_permission(self, request, obj=None):
        return super().has_delete_permission(request, obj) and not (obj and obj.agreements.exists())


class ReadOnlyInline(admin.TabularInline):
    extra = 0
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False


class StatusChangeInline(ReadOnlyInline):
    model = StatusChange


class SignatureInline(ReadOnlyInline):
    model = Signature


@admin.register(Agreement)
class AgreementAdmin(admin.ModelAdmin):
    """Read-only here: agreements change only through the product's own steps."""

    list_display = ["municipality", "status", "start_date", "end_date", "signed_on_paper"]
    list_filter = ["status", "signed_on_paper", "template"]
    search_fields = ["municipality__name", "municipality__code", "org_number"]
    list_select_related = ["municipality"]
    inlines = [SignatureInline, StatusChangeInline]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(ContactNote)
class ContactNoteAdmin(admin.ModelAdmin):
    list_display = ["municipality", "date", "stage", "created_by"]
    list_filter = ["stage"]
    search_fields = ["municipality__name", "text"]


@admin.register(ResidentsMet)
class ResidentsMetAdmin(admin.ModelAdmin):
    list_display = ["municipality", "date", "service", "count", "created_by"]
    list_filter = ["service"]
