from django.contrib import admin

from .models import Offer, Service


class ServiceInline(admin.TabularInline):
    model = Service
    extra = 0
    fields = ["order", "code", "name", "positions"]


@admin.register(Offer)
class OfferAdmin(admin.ModelAdmin):
    list_display = ["name", "slug", "indexation_percent", "population_date", "first_year_rule"]
    filter_horizontal = ["cost_base"]
    inlines = [ServiceInline]


@admin.register(Service)
class ServiceAdmin(admin.ModelAdmin):
    list_display = ["name", "offer", "positions", "order"]
    list_filter = ["offer"]
