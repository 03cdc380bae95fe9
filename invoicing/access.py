"""Who may see and act on invoices and cost pools. Every invoicing view asks here.

- Finance and the project leader see every invoice; the signatory too (read only).
- A municipal contact sees only their own municipality's invoices; any other answers 404.
- Finance issues, credits and records payments; the project leader confirms cost pools and sets
  special annual amounts; everyone logged in may read the published cost table.
"""

from django.core.exceptions import PermissionDenied
from django.http import Http404

from accounts.roles import Role

from .models import Invoice


def visible_invoices(user):
    qs = Invoice.objects.select_related("municipality", "agreement", "credited_invoice")
    if user.is_city_staff:
        return qs
    if user.is_municipal_contact and user.municipality_id:
        return qs.filter(municipality_id=user.municipality_id)
    return qs.none()


def invoice_for_user(user, pk: int) -> Invoice:
    try:
        return visible_invoices(user).get(pk=pk)
    except Invoice.DoesNotExist:
        raise Http404 from None


def can_issue(user) -> bool:
    return user.has_role(Role.FINANCE)


def require_finance(user) -> None:
    if not can_issue(user):
        raise PermissionDenied


def can_manage_pools(user) -> bool:
    return user.has_role(Role.PROJECT_LEADER)


def require_pool_manager(user) -> None:
    if not can_manage_pools(user):
        raise PermissionDenied


def can_see_invoice_list(user) -> bool:
    return user.is_city_staff or (user.is_municipal_contact and bool(user.municipality_id))
