"""Reads for the audit history page: one kind of object at a time, a page of changes, each with
the fields that changed since the version before. Three queries per page whatever its length:
the count, the page (with the acting user and what the description needs), and the versions
before the page's rows."""

from dataclasses import dataclass
from typing import Any

from django.utils.translation import gettext_lazy as _

from accounts.models import User
from agreements.models import Agreement
from core.money import format_amount
from invoicing.models import Invoice, Payment, SellerDetails
from offers.models import CostPool, Offer, Service, SpecialAnnualAmount
from steering_group.models import Membership

# Fields that every version has and that say nothing about the change itself.
HISTORY_FIELDS = {
    "history_id",
    "history_date",
    "history_change_reason",
    "history_type",
    "history_user",
    "history_user_id",
    "history_relation",
}

CHANGE_LABELS = {"+": _("Skapad"), "~": _("Ändrad"), "-": _("Borttagen")}


@dataclass(frozen=True)
class Kind:
    key: str
    label: Any
    model: type
    related: tuple[str, ...]  # what the description reads, fetched with the page

    def describe(self, version) -> str:
        return DESCRIBE[self.key](version)


DESCRIBE = {
    "avtal": lambda v: f"{v.municipality.name}: {v.get_status_display()}",
    "fakturor": lambda v: f"{v.number or '–'} {v.municipality.name} {v.year}",
    "betalningar": lambda v: (
        f"{v.invoice.number}: {format_amount(v.amount)} {v.paid_on:%Y-%m-%d}"
        + (f" ({_('återföring')}: {v.reason})" if v.reverses_id else "")
    ),
    "erbjudanden": lambda v: v.name,
    "verksamheter": lambda v: f"{v.offer.name}: {v.name}",
    "kostnadsramar": lambda v: f"{v.year}: {format_amount(v.amount)}",
    "sarskilda-belopp": lambda v: f"{v.municipality.name} {v.year}: {format_amount(v.amount)}",
    "saljare": lambda v: f"Bankgiro {v.bankgiro}, {v.reference_name or '–'}",
    "styrgrupp": lambda v: f"{v.name} ({v.term.year}, {v.get_seat_display()})",
    "anvandare": lambda v: v.username,
}

KINDS = [
    Kind("avtal", _("Avtal"), Agreement, ("municipality",)),
    Kind("fakturor", _("Fakturor"), Invoice, ("municipality",)),
    Kind("betalningar", _("Betalningar"), Payment, ("invoice",)),
    Kind("erbjudanden", _("Erbjudanden"), Offer, ()),
    Kind("verksamheter", _("Verksamheter"), Service, ("offer",)),
    Kind("kostnadsramar", _("Kostnadsramar"), CostPool, ()),
    Kind("sarskilda-belopp", _("Särskilda årsbelopp"), SpecialAnnualAmount, ("municipality",)),
    Kind("saljare", _("Säljaruppgifter"), SellerDetails, ()),
    Kind("styrgrupp", _("Styrgruppens ledamöter"), Membership, ("term",)),
    Kind("anvandare", _("Användare"), User, ()),
]
BY_KEY = {kind.key: kind for kind in KINDS}


def kind_for(key: str | None) -> Kind:
    return BY_KEY.get(key or "", KINDS[0])


def versions(kind: Kind):
    """Every version of this kind of object, newest first."""
    return kind.model.audit_history.select_related("history_user", *kind.related).order_by(
        "-history_date", "-history_id"
    )


def _tracked_fields(kind: Kind) -> list:
    history_model = kind.model.audit_history.model
    return [f for f in history_model._meta.concrete_fields if f.name not in HISTORY_FIELDS]


@dataclass
class Change:
    version: Any
    kind: Kind
    changed: list[str]

    @property
    def action(self):
        return CHANGE_LABELS.get(self.version.history_type, self.version.history_type)

    @property
    def description(self) -> str:
        return self.kind.describe(self.version)

    @property
    def who(self):
        return self.version.history_user


def changes(kind: Kind, page_versions) -> list[Change]:
    """The page's versions with the names of the fields each changed (one query for the
    versions before them)."""
    page_versions = list(page_versions)
    if not page_versions:
        return []
    pk_name = kind.model._meta.pk.attname
    ids = {getattr(v, pk_name) for v in page_versions}
    latest = max(v.history_id for v in page_versions)
    earlier = (
        kind.model.audit_history.filter(**{f"{pk_name}__in": ids}, history_id__lte=latest)
        .order_by(pk_name, "history_id")
        .only(*(f.attname for f in _tracked_fields(kind)), "history_id")
    )
    chains: dict[Any, list] = {}
    for version in earlier:
        chains.setdefault(getattr(version, pk_name), []).append(version)
    fields = _tracked_fields(kind)
    previous_of = {}
    for version in page_versions:
        chain = chains.get(getattr(version, pk_name), [])
        before = [v for v in chain if v.history_id < version.history_id]
        previous_of[version.history_id] = before[-1] if before else None
    m2m = _m2m_sets(
        kind,
        [v.history_id for v in page_versions]
        + [p.history_id for p in previous_of.values() if p is not None],
    )
    result = []
    for version in page_versions:
        previous = previous_of[version.history_id]
        changed = []
        if previous is not None and version.history_type == "~":
            changed = [
                str(f.verbose_name)
                for f in fields
                if getattr(previous, f.attname) != getattr(version, f.attname)
            ]
            changed += [
                label
                for label, sets in m2m
                if sets.get(previous.history_id, set()) != sets.get(version.history_id, set())
            ]
        result.append(Change(version=version, kind=kind, changed=changed))
    return result


def _m2m_sets(kind: Kind, history_ids: list[int]) -> list[tuple[str, dict[int, set]]]:
    """For each many-to-many field kept in the history (a user's roles): history id → the set
    of related ids in that version. One query per such field."""
    history_model = kind.model.audit_history.model
    result = []
    for field in getattr(history_model, "_history_m2m_fields", []):
        through = getattr(history_model, field.name).model
        target = field.m2m_reverse_field_name()
        sets: dict[int, set] = {}
        rows = through.objects.filter(history_id__in=history_ids).values_list("history_id", target)
        for history_id, related in rows:
            sets.setdefault(history_id, set()).add(related)
        result.append((str(field.verbose_name), sets))
    return result
