"""Who may see and act on which agreement. Every agreement view asks here.

- City staff (project leader, finance, signatory) see every agreement; steering-group members see
  none of the agreements themselves (they follow up use, not contracts).
- A municipal contact sees only their own municipality's agreements, and never a draft; any other
  agreement answers 404, so nothing is revealed about what exists.
- Acting: the project leader prepares, sends, withdraws and registers notice; the municipal contact
  fills in § 1, signs and may give notice; the signatory countersigns.
"""

from django.core.exceptions import PermissionDenied
from django.http import Http404

from accounts.roles import Role
from offers.models import Offer

from .models import Agreement, Status


def visible_agreements(user):
    qs = Agreement.objects.select_related("municipality", "template", "offer")
    if user.is_city_staff:
        return qs
    if user.is_municipal_contact and user.municipality_id:
        return qs.filter(municipality_id=user.municipality_id).exclude(status=Status.DRAFT)
    return qs.none()


def visible_offers_of_agreements(user):
    """The offers of the agreements ``user`` sees: every offer for city staff, the offers of the
    municipality's visible agreements for a municipal contact."""
    if user.is_city_staff:
        return Offer.objects.order_by("name")
    return Offer.objects.filter(pk__in=visible_agreements(user).values("offer_id")).order_by("name")


def agreement_for_user(user, pk: int) -> Agreement:
    """The agreement if ``user`` may see it, else 404."""
    try:
        return visible_agreements(user).get(pk=pk)
    except Agreement.DoesNotExist:
        raise Http404 from None


def can_prepare(user) -> bool:
    return user.has_role(Role.PROJECT_LEADER)


def require_prepare(user) -> None:
    if not can_prepare(user):
        raise PermissionDenied


def can_sign_for_municipality(user, agreement: Agreement) -> bool:
    return (
        user.is_municipal_contact
        and user.municipality_id == agreement.municipality_id
        and agreement.status == Status.SENT
    )


def can_countersign(user, agreement: Agreement) -> bool:
    return user.has_role(Role.SIGNATORY) and agreement.status == Status.SIGNED_BY_MUNICIPALITY


def can_give_notice(user, agreement: Agreement) -> bool:
    if agreement.status != Status.ACTIVE:
        return False
    if user.has_role(Role.PROJECT_LEADER):
        return True
    return user.is_municipal_contact and user.municipality_id == agreement.municipality_id


# Signed by the municipality and not ended: later invoices may still go out.
BILLING_CHANGE_STATUSES = (Status.SIGNED_BY_MUNICIPALITY, Status.ACTIVE, Status.NOTICE_GIVEN)


def may_change_billing(user, agreement: Agreement) -> bool:
    """Who records a change of billing details: the project leader, or a contact of the
    agreement's own municipality (whatever the agreement's status)."""
    if user.has_role(Role.PROJECT_LEADER):
        return True
    return user.is_municipal_contact and user.municipality_id == agreement.municipality_id


def can_change_billing(user, agreement: Agreement) -> bool:
    """…and the agreement is signed and not ended (before signing, § 1 itself is filled in)."""
    return agreement.status in BILLING_CHANGE_STATUSES and may_change_billing(user, agreement)
