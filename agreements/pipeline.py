"""Where each municipality stands on the road to joining: the pipeline status, derived, never stored.

:func:`pipeline_state` is pure: it is given a municipality's agreements and the stage of its latest
contact note and reads nothing from the database. ``agreements.selectors.pipeline_rows`` feeds it
for every municipality in a constant number of queries.

The rule, in order:

1. the host (Stockholm city) is "värdkommun";
2. an agreement that is active is "ansluten"; one under notice is "uppsagt" (still joined until
   its last day); one sent to the municipality or signed by it only is "avtal skickat". An
   agreement in force whose last day has passed counts as ended;
3. otherwise (no agreement, a draft, or only ended or withdrawn ones) the stage of the latest
   contact note: "i dialog" or "intresseanmälan";
4. otherwise "ej kontaktad".
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.db import models
from django.utils.translation import gettext_lazy as _

from .models import Status
from .models_pipeline import ContactStage

if TYPE_CHECKING:
    from .models import Agreement


class PipelineStatus(models.TextChoices):
    NOT_CONTACTED = "ej_kontaktad", _("ej kontaktad")
    IN_DIALOGUE = ContactStage.IN_DIALOGUE.value, _("i dialog")
    INTEREST = ContactStage.INTEREST.value, _("intresseanmälan")
    AGREEMENT_SENT = "avtal_skickat", _("avtal skickat")
    JOINED = "ansluten", _("ansluten")
    NOTICE_GIVEN = "uppsagt", _("uppsagt")
    HOST = "vardkommun", _("värdkommun")


# The agreement statuses that decide the pipeline status, strongest first.
AGREEMENT_PIPELINE_STATUS = {
    Status.ACTIVE: PipelineStatus.JOINED,
    Status.NOTICE_GIVEN: PipelineStatus.NOTICE_GIVEN,
    Status.SIGNED_BY_MUNICIPALITY: PipelineStatus.AGREEMENT_SENT,
    Status.SENT: PipelineStatus.AGREEMENT_SENT,
}
_STRENGTH = {status: rank for rank, status in enumerate(AGREEMENT_PIPELINE_STATUS)}

STAGE_PIPELINE_STATUS = {
    ContactStage.IN_DIALOGUE: PipelineStatus.IN_DIALOGUE,
    ContactStage.INTEREST: PipelineStatus.INTEREST,
}

# Joined: the municipality's residents may use the services today.
JOINED_STATUSES = frozenset({PipelineStatus.JOINED, PipelineStatus.NOTICE_GIVEN})
# The statuses that come from an agreement (anyone who sees the municipality may know them); the
# others come from the project leader's notes.
AGREEMENT_STATUSES = frozenset(AGREEMENT_PIPELINE_STATUS.values())


@dataclass(frozen=True)
class PipelineState:
    status: PipelineStatus
    agreement: Agreement | None = None  # the agreement the status comes from, if any

    @property
    def label(self) -> str:
        return self.status.label

    @property
    def is_joined(self) -> bool:
        return self.status in JOINED_STATUSES

    @property
    def from_agreement(self) -> bool:
        return self.status in AGREEMENT_STATUSES

    @property
    def end_date(self) -> datetime.date | None:
        """The last day in force of an agreement under notice (or with a latest end date)."""
        if self.agreement is None or self.status not in JOINED_STATUSES:
            return None
        return self.agreement.last_day

    @property
    def public_label(self) -> str:
        """The status without the project leader's notes, for everyone else who sees the list."""
        if self.from_agreement or self.status == PipelineStatus.HOST:
            return self.label
        return _("inget avtal registrerat")


def pipeline_state(
    *,
    is_host: bool,
    agreements: Iterable[Agreement],
    latest_stage: str | None,
    today: datetime.date,
) -> PipelineState:
    """The pipeline status of one municipality (see the module docstring for the rule).

    ``agreements`` may hold any of the municipality's agreements, in any order; ``latest_stage``
    is the stage of its latest contact note (by date, then time of entry), or None.
    """
    if is_host:
        return PipelineState(PipelineStatus.HOST)
    deciding = [
        a for a in agreements if a.status in AGREEMENT_PIPELINE_STATUS and not a.has_expired(today)
    ]
    if deciding:
        agreement = min(deciding, key=lambda a: _STRENGTH[Status(a.status)])
        return PipelineState(AGREEMENT_PIPELINE_STATUS[Status(agreement.status)], agreement)
    if latest_stage:
        return PipelineState(STAGE_PIPELINE_STATUS[ContactStage(latest_stage)])
    return PipelineState(PipelineStatus.NOT_CONTACTED)
