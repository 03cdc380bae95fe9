from django.contrib import admin

from .models import Municipality, PopulationFigure


class PopulationFigureInline(admin.TabularInline):
    model = PopulationFigure
    extra = 0


@admin.register(Municipality)
class MunicipalityAdmin(admin.ModelAdmin):
    list_display = ["code", "name", "county", "org_number", "in_cost_base", "is_host"]
    list_filter = ["county", "in_cost_base", "is_host"]
    search_fields = ["code", "name", "org_number"]
    inlines = [PopulationFigureInline]


@admin.register(PopulationFigure)
class PopulationFigureAdmin(admin.ModelAdmin):
    list_display = ["municipality", "reference_date", "population", "source"]
    list_filter = ["reference_date", "municipality__county"]
    search_fields = ["municipality__name", "municipality__code"]
    list_select_related = ["municipality"]
    date_hierarchy = "reference_date"
