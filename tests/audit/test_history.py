"""The audit history: every change to agreements, invoices, payments, cost pools, memberships and
users is kept with the acting user and the time, and the project leader can read it."""

import io
from decimal import Decimal

from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext

from accounts.models import User
from accounts.roles import Role
from invoicing.models import Invoice
from offers.models import CostPool
from tests.accounts.test_user_admin import form_data
from tests.url_cases.invoicing_invoices import TABY, issue_invoice


def history_page(client, kind: str) -> str:
    response = client.get(f"/historik/?typ={kind}")
    assert response.status_code == 200
    return response.content.decode()


def test_an_invoice_issued_and_paid_is_in_the_history_with_who_did_what(users, client_for):
    invoice = issue_invoice(TABY, users)
    finance = client_for("finance")
    response = finance.post(
        f"/fakturering/{invoice.pk}/betalning/",
        {"paid_on": "2021-02-01", "amount": str(invoice.amount), "note": "Bankgirot"},
    )
    assert response.status_code == 302
    versions = list(Invoice.audit_history.filter(id=invoice.pk).order_by("history_id"))
    assert [v.history_type for v in versions] == ["+", "~"]
    assert versions[0].status == "utfardad" and versions[-1].status == "betald"
    assert versions[-1].history_user == users["finance"]  # the request's user

    html = history_page(client_for("project_leader"), "fakturor")
    assert invoice.number in html
    assert "Ändrad" in html and "status" in html  # the field that changed is named
    assert str(users["finance"]) in html
    html = history_page(client_for("project_leader"), "betalningar")
    assert invoice.number in html


def test_a_change_from_the_command_line_has_no_user(users, client_for):
    call_command("set_cost_pool", "2022", "4080000", stdout=io.StringIO())
    pool = CostPool.objects.get(year=2022)
    (version,) = pool.audit_history.all()
    assert version.history_user is None and version.amount == Decimal("4080000")
    html = history_page(client_for("project_leader"), "kostnadsramar")
    assert "2022: 4\u00a0080\u00a0000\u00a0kr" in html
    assert "systemet (kommandorad)" in html


def test_a_users_roles_changed_in_the_product_are_in_the_history(users, client_for):
    client = client_for("project_leader")
    nacka = users["contact_nacka"]
    response = client.post(
        f"/anvandare/{nacka.pk}/",
        form_data(
            username=nacka.username,
            email=nacka.email,
            roles=[Role.MUNICIPAL_CONTACT.value, Role.STEERING_GROUP_MEMBER.value],
            municipality=nacka.municipality_id,
        ),
    )
    assert response.status_code == 302
    html = history_page(client, "anvandare")
    assert nacka.username in html
    assert "grupper" in html  # the roles are groups: their change is named
    # The password hash is never copied into the history.
    history_model = User.audit_history.model
    assert "password" not in {f.name for f in history_model._meta.fields}


def test_an_agreements_transitions_are_in_the_history(users, client_for):
    invoice = issue_invoice(TABY, users)
    agreement = invoice.agreement
    statuses = list(
        agreement.audit_history.order_by("history_id").values_list("status", flat=True).distinct()
    )
    assert statuses[0] == "utkast" and statuses[-1] == agreement.status
    html = history_page(client_for("project_leader"), "avtal")
    assert "Täby" in html and "Skapad" in html


def test_the_page_needs_the_same_queries_for_few_and_many_changes(users, client_for):
    client = client_for("project_leader")

    def count() -> int:
        with CaptureQueriesContext(connection) as ctx:
            history_page(client, "kostnadsramar")
        return len(ctx.captured_queries)

    CostPool.objects.create(year=2030, amount=Decimal("1"), note="a")
    few = count()
    for year in range(2031, 2060):
        pool = CostPool.objects.create(year=year, amount=Decimal("1"), note="a")
        pool.note = "b"
        pool.save()
    assert count() == few


def test_only_the_project_leader_reads_the_history(client_for):
    assert client_for("project_leader").get("/historik/").status_code == 200
    for role in ("finance", "signatory", "contact_taby", "steering_member"):
        assert client_for(role).get("/historik/").status_code == 403


def test_an_unknown_kind_shows_the_first(client_for):
    assert "Avtal" in history_page(client_for("project_leader"), "nej")


def test_a_role_given_from_the_groups_side_is_a_new_version_of_the_user(users):
    from django.contrib.auth.models import Group

    nacka = users["contact_nacka"]
    before = nacka.audit_history.count()
    group = Group.objects.get(name=Role.STEERING_GROUP_MEMBER.value)
    group.user_set.add(nacka)
    assert nacka.audit_history.count() == before + 1
    group.user_set.clear()
    assert nacka.audit_history.count() == before + 2
    latest = nacka.audit_history.latest("history_id")
    assert Role.STEERING_GROUP_MEMBER.value not in {g.group.name for g in latest.groups.all()}


def test_a_login_is_no_new_version_of_the_user(users, client):
    from tests.conftest import PASSWORD

    taby = users["contact_taby"]
    before = taby.audit_history.count()
    response = client.post("/konto/logga-in/", {"username": taby.username, "password": PASSWORD})
    assert response.status_code == 302
    assert taby.audit_history.count() == before
