"""The audit history: every change to agreements, invoices, payments, offers and their services,
cost pools, special annual amounts, the seller block (Bankgiro, reference person), steering-group memberships and users, with the acting user and the time.

django-simple-history keeps one historical row per save or delete, in tables of this app (so
the history of every app lives in one place and its migrations here). The acting user comes from
the request (simple_history's HistoryRequestMiddleware); a change made from the command line
(an invoice run, set_cost_pool) has no user and is shown as such.

Bulk updates bypass the model's save and so the history: the code that updates in bulk records
what it did in its own rows (e.g. an agreement's StatusChange, an invoice's stored PDF
fingerprint is set once and is part of the invoice's later versions).

Kept out of the history: password hashes and login times (not changes anyone acts on), and of an
invoice everything but what may change or identifies it (see INVOICE_FIELDS).
"""

from simple_history import register
from simple_history.models import HistoricalRecords

from accounts.models import User
from agreements.models import Agreement
from invoicing.models import Invoice, Payment, SellerDetails
from offers.models import CostPool, Offer, Service, SpecialAnnualAmount
from steering_group.models import Membership

# Not "history": an agreement's status changes (agreements.StatusChange) are already called so.
MANAGER = "audit_history"

register(Agreement, app="audit", manager_name=MANAGER)
# An issued invoice never changes but for these: the rest of it is the invoice itself, kept
# unchanged in its own row (a whitelist, so a field added later is a decision, not a surprise).
INVOICE_FIELDS = {
    "agreement",
    "municipality",
    "year",
    "kind",
    "twelfths",
    "annual_amount",
    "amount",
    "credited_invoice",
    "credit_reason",
    "number",
    "invoice_date",
    "due_date",
    "status",
    "issued_by",
    "pdf_sha256",
    "einvoice_buyer_reference",
}
register(
    Invoice,
    app="audit",
    manager_name=MANAGER,
    excluded_fields=[
        f.name
        for f in Invoice._meta.concrete_fields
        if not f.primary_key and f.name not in INVOICE_FIELDS
    ],
)
register(Payment, app="audit", manager_name=MANAGER)
register(CostPool, app="audit", manager_name=MANAGER)
# An offer's rules (indexation, payment terms, first-year rule) and cost base decide amounts.
register(Offer, app="audit", manager_name=MANAGER, m2m_fields=["cost_base"])
register(Service, app="audit", manager_name=MANAGER)
register(SpecialAnnualAmount, app="audit", manager_name=MANAGER)
register(SellerDetails, app="audit", manager_name=MANAGER)
register(Membership, app="audit", manager_name=MANAGER)


class UserHistoricalRecords(HistoricalRecords):
    """The history of users. simple_history records a many-to-many change only from the side that
    declares the field (``user.groups.add(group)``); from the other side
    (``group.user_set.add(user)``) it would try to record a version of the group. Here a change
    from either side is a new version of each user concerned. A save of only what the history
    leaves out (a login's time, a new password) is no new version either."""

    def post_save(self, instance, created, using=None, **kwargs):
        update_fields = kwargs.get("update_fields")
        if not created and update_fields and set(update_fields) <= set(self.excluded_fields):
            return
        super().post_save(instance, created, using=using, **kwargs)

    def m2m_changed(self, instance, action, attr, pk_set, reverse, **kwargs):
        if not reverse:
            return super().m2m_changed(instance, action, attr, pk_set, reverse, **kwargs)
        model = kwargs["model"]  # the side that keeps the history (User)
        if action == "pre_clear":
            instance._audit_cleared_pks = set(
                model.objects.filter(groups=instance).values_list("pk", flat=True)
            )
            return None
        if action == "post_clear":
            pk_set = getattr(instance, "_audit_cleared_pks", set())
        if action in ("post_add", "post_remove", "post_clear"):
            for obj in model.objects.filter(pk__in=pk_set or ()):
                super().m2m_changed(obj, action, attr, pk_set, False, **kwargs)
        return None


register(
    User,
    records_class=UserHistoricalRecords,
    app="audit",
    manager_name=MANAGER,
    excluded_fields=["password", "last_login"],
    m2m_fields=["groups"],
)
