"""The Django admin shows invoices read only: an issued invoice never changes and is never
deleted (a correction is a credit note, issued from finance's pages)."""

from django.contrib import admin

from .models import Invoice, Payment


class PaymentInline(admin.TabularInline):
    model = Payment
    extra = 0
    can_delete = False
    fields = ["paid_on", "amount", "note", "recorded_by", "recorded_at"]
    readonly_fields = fields

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(Invoice)
class InvoiceAdmin(admin.ModelAdmin):
    list_display = [
        "number",
        "municipality",
        "year",
        "kind",
        "amount",
        "invoice_date",
        "due_date",
        "status",
    ]
    list_filter = ["year", "status", "kind"]
    search_fields = ["number", "ocr", "municipality__name"]
    list_select_related = ["municipality"]
    inlines = [PaymentInline]
    actions = None

    def get_readonly_fields(self, request, obj=None):
        return [f.name for f in self.model._meta.fields]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
