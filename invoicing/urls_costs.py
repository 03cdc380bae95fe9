"""Cost pools, the cost table, special amounts and the invoice run: /fakturering/kostnader/
(namespace "invoicing")."""

from django.urls import path

from . import views_costs as views

# The pages of one offer; the URLs without an offer are the installation's first offer's.
OFFER = "erbjudande/<slug:offer>/"

urlpatterns = [
    path("", views.pools, name="pools"),
    path("ram/<int:year>/", views.pool_set, name="pool_set"),
    path("<int:year>/", views.cost_table, name="cost_table"),
    path("<int:year>.xlsx", views.cost_table_xlsx, name="cost_table_xlsx"),
    path("<int:year>.pdf", views.cost_table_pdf, name="cost_table_pdf"),
    path("sarskilt/", views.special_amounts, name="special_amounts"),
    path("korning/", views.run, name="run"),
    path("korning/utfarda/", views.run_confirm, name="run_confirm"),
    path("korning/utfardade/", views.run_issued, name="run_issued"),
    path(OFFER, views.pools, name="offer_pools"),
    path(OFFER + "ram/<int:year>/", views.pool_set, name="offer_pool_set"),
    path(OFFER + "<int:year>/", views.cost_table, name="offer_cost_table"),
    path(OFFER + "<int:year>.xlsx", views.cost_table_xlsx, name="offer_cost_table_xlsx"),
    path(OFFER + "<int:year>.pdf", views.cost_table_pdf, name="offer_cost_table_pdf"),
    path(OFFER + "sarskilt/", views.special_amounts, name="offer_special_amounts"),
    path(OFFER + "korning/", views.run, name="offer_run"),
    path(OFFER + "korning/utfarda/", views.run_confirm, name="offer_run_confirm"),
]
