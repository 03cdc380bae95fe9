"""URLs of invoicing (costs); see tests/url_cases/__init__.py for the format.

- The cost table of a year with a confirmed pool is published: everyone logged in reads it (2022
  and 2025 get their pools in ``placeholders``).
- The pools and the special amounts: city staff read (403 for the others); the project leader acts
  (an empty POST shows the form again with its errors, 200).
- The invoice run: finance only (a first invoice is previewed and confirmed on the run's own
  pages). An empty POST to run_confirm shows the run page again (200).
- The same pages of one offer (/fakturering/kostnader/erbjudande/<slug>/…), here the reference
  data's offer, answer as the pages without an offer do.
"""

from decimal import Decimal

from offers.costs import proposal
from offers.models import CostPool, Offer

from . import LOGGED_IN, LOGIN, NOT_ALLOWED, PROJECT_LEADER, ROLES, only

CITY_STAFF = only("project_leader", "finance", "signatory")
FINANCE = only("finance")

# A page that only shows things refuses a POST (405) from every logged-in role.
GET_ONLY = {**dict.fromkeys(ROLES, NOT_ALLOWED), "anonymous": LOGIN}
# A form that only acts refuses a GET (405) from every logged-in role.
POST_ONLY = GET_ONLY

CASES = {
    "invoicing:pools": ("/fakturering/kostnader/", CITY_STAFF, GET_ONLY),
    "invoicing:pool_set": ("/fakturering/kostnader/ram/2025/", PROJECT_LEADER, PROJECT_LEADER),
    "invoicing:cost_table": ("/fakturering/kostnader/2022/", LOGGED_IN, GET_ONLY),
    "invoicing:cost_table_xlsx": ("/fakturering/kostnader/2025.xlsx", LOGGED_IN, GET_ONLY),
    "invoicing:cost_table_pdf": ("/fakturering/kostnader/2025.pdf", LOGGED_IN, GET_ONLY),
    "invoicing:special_amounts": (
        "/fakturering/kostnader/sarskilt/",
        CITY_STAFF,
        PROJECT_LEADER,
    ),
    "invoicing:run": ("/fakturering/kostnader/korning/?ar=2025", FINANCE, GET_ONLY),
    "invoicing:run_confirm": ("/fakturering/kostnader/korning/utfarda/", POST_ONLY, FINANCE),
    "invoicing:run_issued": ("/fakturering/kostnader/korning/utfardade/", FINANCE, GET_ONLY),
}

OFFER = "/fakturering/kostnader/erbjudande/{costs_offer}/"
CASES |= {
    "invoicing:offer_pools": (OFFER, CITY_STAFF, GET_ONLY),
    "invoicing:offer_pool_set": (OFFER + "ram/2025/", PROJECT_LEADER, PROJECT_LEADER),
    "invoicing:offer_cost_table": (OFFER + "2022/", LOGGED_IN, GET_ONLY),
    "invoicing:offer_cost_table_xlsx": (OFFER + "2025.xlsx", LOGGED_IN, GET_ONLY),
    "invoicing:offer_cost_table_pdf": (OFFER + "2025.pdf", LOGGED_IN, GET_ONLY),
    "invoicing:offer_special_amounts": (OFFER + "sarskilt/", CITY_STAFF, PROJECT_LEADER),
    "invoicing:offer_run": (OFFER + "korning/?ar=2025", FINANCE, GET_ONLY),
    "invoicing:offer_run_confirm": (OFFER + "korning/utfarda/", POST_ONLY, FINANCE),
}


def placeholders(users) -> dict:
    """Confirmed pools for 2022 and 2025, each the proposal (× 1,02 a year from 2021's)."""
    for year in (2022, 2025):
        if not CostPool.objects.filter(year=year).exists():
            CostPool.objects.create(
                year=year, amount=proposal(year) or Decimal("4000000"), note="url cases"
            )
    return {"costs_offer": Offer.objects.default().slug}
