"""What waits for a user, per role, for the start page: one small collector per role.

Each collector asks the apps' own selectors and access helpers (nothing here decides what is
overdue, due or missing) and turns the answers into :class:`Item` s, each a sentence and a link
to the page where it is done. Every collector reads a fixed number of queries, whatever the
number of agreements, invoices, meetings or municipalities.

It gathers every app, so it lives on the top floor (config), beside the start page.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from decimal import Decimal

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from accounts.roles import Role
from core.money import format_kr

# A list longer than this is cut, with a link to the whole list.
MAX_ITEMS = 5


@dataclass(frozen=True)
class Item:
    text: str
    url: str
    urgent: bool = False  # overdue, or past its time: shown first and marked


@dataclass
class RoleTodo:
    role: Role
    items: list[Item] = field(default_factory=list)

    @property
    def label(self) -> str:
        return self.role.label


def _date(day: datetime.date | datetime.datetime) -> str:
    if isinstance(day, datetime.datetime):
        day = timezone.localtime(day).date()
    return day.isoformat()


# --- Municipal contact ------------------------------------------------------------------------


def for_contact(user, today: datetime.date) -> list[Item]:
    """The agreement to sign, open and overdue invoices, follow-up figures missing, training to
    register for: all of the user's own municipality only."""
    if not user.municipality_id:
        return []
    from agreements.access import visible_agreements
    from agreements.models import Status
    from invoicing import selectors as invoice_selectors
    from invoicing.access import visible_invoices
    from offers.models import Offer

    items = []
    to_sign = list(visible_agreements(user).filter(status=Status.SENT).order_by("pk"))
    several_offers = to_sign and Offer.objects.count() > 1
    for agreement in to_sign:
        text = _("Avtalet för %(municipality)s väntar på er underskrift.") % {
            "municipality": agreement.municipality.name
        }
        if several_offers:  # which of the offers: the municipality may be offered several
            text = _("Avtalet om %(offer)s för %(municipality)s väntar på er underskrift.") % {
                "offer": agreement.offer.name,
                "municipality": agreement.municipality.name,
            }
        items.append(
            Item(
                text,
                reverse("agreements:review", args=[agreement.pk]),
                urgent=True,
            )
        )

    overdue = list(invoice_selectors.overdue_invoices(user, today=today))
    overdue_ids = {invoice.pk for invoice in overdue}
    open_invoices = (
        invoice_selectors.with_balances(visible_invoices(user))
        .filter(invoice_selectors.OPEN, balance__gt=0)
        .exclude(pk__in=overdue_ids)
        .order_by("due_date", "series_year", "series_number")
    )
    for invoice in overdue:
        items.append(
            Item(
                _("Faktura %(number)s är förfallen sedan %(date)s: %(amount)s att betala.")
                % {
                    "number": invoice.number,
                    "date": _date(invoice.due_date),
                    "amount": format_kr(invoice.balance),
                },
                reverse("invoicing:invoice_detail", args=[invoice.pk]),
                urgent=True,
            )
        )
    for invoice in open_invoices:
        items.append(
            Item(
                _("Faktura %(number)s: %(amount)s att betala senast %(date)s.")
                % {
                    "number": invoice.number,
                    "amount": format_kr(invoice.balance),
                    "date": _date(invoice.due_date),
                },
                reverse("invoicing:invoice_detail", args=[invoice.pk]),
            )
        )

    items.extend(_contact_followup(user, today))
    items.extend(_contact_training(user, today))
    return items


def _contact_followup(user, today: datetime.date) -> list[Item]:
    from followup.models import FIRST_YEAR
    from followup.periods import Period, half_label, last_finished_half
    from followup.report import unreported_municipality_ids

    year, half = last_finished_half(today)
    if year < FIRST_YEAR:
        return []
    if not unreported_municipality_ids(Period(year, year, half), {user.municipality_id}):
        return []
    return [
        Item(
            _("Uppföljningssiffrorna för %(period)s är inte inrapporterade ännu.")
            % {"period": half_label(year, half)},
            reverse("followup:municipality", args=[user.municipality.code]),
        )
    ]


def _contact_training(user, today: datetime.date) -> list[Item]:
    from training import access as training_access
    from training import selectors as training_selectors

    if not training_access.can_register(user):
        return []
    sessions = training_selectors.upcoming(
        training_selectors.with_counts(
            training_access.visible_sessions(user), municipality_id=user.municipality_id
        ),
        today=today,
    ).filter(own_count=0)[:MAX_ITEMS]
    return [
        Item(
            _("Anmäl personal till %(title)s den %(date)s.")
            % {"title": session.title, "date": _date(session.date)},
            reverse("training:session", args=[session.pk]),
        )
        for session in sessions
    ]


# --- Signatory --------------------------------------------------------------------------------


def for_signatory(user, today: datetime.date) -> list[Item]:
    from agreements import selectors as agreement_selectors

    return [
        Item(
            _("Avtalet med %(municipality)s väntar på din kontrasignering.")
            % {"municipality": agreement.municipality.name}
            + (
                " " + _("Undertecknat av kommunen %(date)s.") % {"date": _date(agreement.since)}
                if agreement.since
                else ""
            ),
            reverse("agreements:countersign", args=[agreement.pk]),
            urgent=True,
        )
        for agreement in agreement_selectors.awaiting_countersignature()
    ]


# --- Finance ----------------------------------------------------------------------------------


def for_finance(user, today: datetime.date, *, due=None) -> list[Item]:
    """First invoices to issue, the year's run when invoices of it are due, overdue invoices.
    ``due``: invoicing.views_costs.first_invoices_due(today), when the caller has it already."""
    from invoicing import selectors as invoice_selectors
    from invoicing.views_costs import first_invoices_due

    items = []
    due = due if due is not None else first_invoices_due(today)
    run_url = reverse("invoicing:run")
    if due.planned:
        items.append(
            Item(
                ngettext(
                    "%(count)s första faktura att utfärda för %(year)s.",
                    "%(count)s första fakturor att utfärda för %(year)s.",
                    len(due.planned),
                )
                % {"count": len(due.planned), "year": due.year},
                run_url,
            )
        )
    annual = due.run_count - len(due.planned)
    if annual > 0:
        items.append(
            Item(
                ngettext(
                    "Årets körning: %(count)s årsfaktura för %(year)s att utfärda.",
                    "Årets körning: %(count)s årsfakturor för %(year)s att utfärda.",
                    annual,
                )
                % {"count": annual, "year": due.year},
                run_url,
            )
        )
    for error in due.errors:
        items.append(Item(error, run_url, urgent=True))
    overdue = list(invoice_selectors.overdue_invoices(user, today=today))
    if overdue:
        total = sum((invoice.balance for invoice in overdue), Decimal(0))
        items.append(
            Item(
                ngettext(
                    "%(count)s förfallen faktura, %(amount)s obetalt.",
                    "%(count)s förfallna fakturor, %(amount)s obetalt.",
                    len(overdue),
                )
                % {"count": len(overdue), "amount": format_kr(total)},
                reverse("invoicing:overdue"),
                urgent=True,
            )
        )
    return items


# --- Project leader ---------------------------------------------------------------------------


def for_project_leader(user, today: datetime.date) -> list[Item]:
    """Next year's cost pool, steering-group members to choose, minutes to write or have
    approved, notices received, municipalities whose follow-up figures are missing."""
    from agreements import selectors as agreement_selectors
    from invoicing.templatetags.costs import costs_url_for
    from offers.models import Offer
    from steering_group import scope as sg_scope
    from steering_group import selectors as sg_selectors

    items = []
    next_year = today.year + 1
    offers = list(Offer.objects.order_by("pk"))
    for offer in offers:  # each offer confirms its own pool
        if offer.cost_pools.filter(year=next_year).exists():
            continue
        text = (
            _("Kostnadsramen för %(year)s (%(offer)s) är inte fastställd.")
            if len(offers) > 1
            else _("Kostnadsramen för %(year)s är inte fastställd.")
        )
        items.append(
            Item(
                text % {"year": next_year, "offer": offer.name},
                costs_url_for("pool_set", offer, next_year, default_pk=offers[0].pk),
            )
        )
    several_groups = sg_scope.several_offers()
    for term, count in sg_selectors.applications_to_decide(from_year=today.year):
        year = term.year
        items.append(
            Item(
                ngettext(
                    "%(count)s intresseanmälan till styrgruppen %(year)s att ta ställning till.",
                    "%(count)s intresseanmälningar till styrgruppen %(year)s att ta ställning "
                    "till.",
                    count,
                )
                % {"count": count, "year": year},
                sg_scope.term_url("members", term, several=several_groups),
            )
        )
    for meeting in sg_selectors.meetings_awaiting_minutes(timezone.now()):
        date = _date(meeting.starts_at)
        if getattr(meeting, "minutes", None) is None:
            items.append(
                Item(
                    _("Skriv protokollet från styrgruppens möte %(date)s.") % {"date": date},
                    reverse("steering_group:meeting", args=[meeting.pk]),
                )
            )
        else:
            items.append(
                Item(
                    _("Protokollet från styrgruppens möte %(date)s väntar på justering.")
                    % {"date": date},
                    reverse("steering_group:minutes", args=[meeting.pk]),
                )
            )
    for agreement in agreement_selectors.notices_received(today=today):
        items.append(
            Item(
                _("%(municipality)s har sagt upp avtalet, sista dag %(date)s.")
                % {
                    "municipality": agreement.municipality.name,
                    "date": _date(agreement.last_day) if agreement.last_day else "–",
                },
                reverse("agreements:detail", args=[agreement.pk]),
            )
        )
    items.extend(_leader_followup(today))
    return items


def _leader_followup(today: datetime.date) -> list[Item]:
    from core.collation import swedish_key
    from followup.models import FIRST_YEAR
    from followup.periods import Period, half_label, last_finished_half
    from followup.report import unreported_municipality_ids
    from municipalities.models import Municipality

    year, half = last_finished_half(today)
    if year < FIRST_YEAR:
        return []
    missing = unreported_municipality_ids(Period(year, year, half))
    if not missing:
        return []
    period = half_label(year, half)
    municipalities = sorted(
        Municipality.objects.filter(pk__in=missing).only("pk", "code", "name"),
        key=lambda m: swedish_key(m.name),
    )
    if len(municipalities) > MAX_ITEMS:
        return [
            Item(
                _("Följ upp %(count)s kommuner: siffrorna för %(period)s saknas (%(names)s).")
                % {
                    "count": len(municipalities),
                    "period": period,
                    "names": ", ".join(m.name for m in municipalities),
                },
                reverse("followup:report") + f"?ar={year}&halvar={half}",
            )
        ]
    return [
        Item(
            _("Följ upp %(municipality)s: siffrorna för %(period)s saknas.")
            % {"municipality": m.name, "period": period},
            reverse("followup:entry", args=[m.code, year, half]),
        )
        for m in municipalities
    ]


# --- All roles --------------------------------------------------------------------------------

COLLECTORS = (
    (Role.PROJECT_LEADER, for_project_leader),
    (Role.FINANCE, for_finance),
    (Role.SIGNATORY, for_signatory),
    (Role.MUNICIPAL_CONTACT, for_contact),
)


def collect(user, *, today: datetime.date | None = None, first_invoices_due=None) -> list[RoleTodo]:
    """The to-do of each of ``user``'s roles that has a collector, urgent items first.
    ``first_invoices_due``: finance's plan, if the caller has read it already."""
    today = today or timezone.localdate()
    todos = []
    for role, collector in COLLECTORS:
        if user.has_role(role):
            if collector is for_finance:
                items = for_finance(user, today, due=first_invoices_due)
            else:
                items = collector(user, today)
            items.sort(key=lambda item: not item.urgent)  # stable: each kind keeps its order
            todos.append(RoleTodo(role, items))
    return todos
