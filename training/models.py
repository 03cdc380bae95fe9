"""Training for the staff of joined municipalities (§ 4 of the agreement).

- A :class:`TrainingSession` is one half day: one of the three yearly training half-days, the
  yearly meeting for the municipalities' representatives, or a targeted training for one
  municipality by separate arrangement (only that kind has a municipality, and it must have one).
  It is held digitally (with a link) or on site (with an address), for at most ``capacity`` people.
- A :class:`Registration` is one member of a municipality's staff, registered by a municipal
  contact: confirmed while places last, otherwise on the waiting list in order of registration;
  cancelling a confirmed place moves the first on the waiting list up (training/services.py).
  After the session the project leader records who attended.

Names and e-mail addresses of staff are personal data: they are kept here and nowhere else.
"""

import datetime
from zoneinfo import ZoneInfo

from django.conf import settings
from django.db import models
from django.db.models.functions import Lower
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from offers.models import default_offer_id

NOON = datetime.time(12, 0)


class Kind(models.TextChoices):
    HALF_DAY = "halvdag", _("utbildningshalvdag")
    YEARLY_MEETING = "arlig_traff", _("årlig träff för representanter")
    TARGETED = "riktad", _("riktad utbildning")


class Half(models.TextChoices):
    MORNING = "formiddag", _("förmiddag")
    AFTERNOON = "eftermiddag", _("eftermiddag")


# The times a session gets when the project leader gives none.
DEFAULT_TIMES = {
    Half.MORNING: (datetime.time(9, 0), datetime.time(12, 0)),
    Half.AFTERNOON: (datetime.time(13, 0), datetime.time(16, 0)),
}


class Mode(models.TextChoices):
    DIGITAL = "digital", _("digitalt")
    ON_SITE = "pa_plats", _("på plats")


class TrainingSession(models.Model):
    offer = models.ForeignKey(
        "offers.Offer",
        verbose_name=_("erbjudande"),
        on_delete=models.PROTECT,
        related_name="training_sessions",
        default=default_offer_id,
    )
    title = models.CharField(_("rubrik"), max_length=200)
    kind = models.CharField(_("slag"), max_length=20, choices=Kind.choices)
    date = models.DateField(_("datum"))
    half = models.CharField(_("halvdag"), max_length=20, choices=Half.choices)
    start_time = models.TimeField(_("börjar"))
    end_time = models.TimeField(_("slutar"))
    mode = models.CharField(_("form"), max_length=20, choices=Mode.choices)
    location = models.CharField(_("adress"), max_length=300, blank=True)
    link = models.URLField(_("länk"), max_length=500, blank=True)
    capacity = models.PositiveIntegerField(_("antal platser"))
    municipality = models.ForeignKey(
        "municipalities.Municipality",
        verbose_name=_("kommun"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="targeted_trainings",
        help_text=_("Bara för riktad utbildning: den kommun utbildningen är till för."),
    )
    description = models.TextField(_("beskrivning"), blank=True)
    # The SEQUENCE of the session's calendar event: raised when the time or the place changes.
    revision = models.PositiveIntegerField(_("version"), default=0)
    attendance_recorded_at = models.DateTimeField(_("närvaro registrerad"), null=True, blank=True)
    attendance_recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("närvaro registrerad av"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    created_at = models.DateTimeField(_("skapad"), auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("skapad av"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )

    class Meta:
        verbose_name = _("utbildningstillfälle")
        verbose_name_plural = _("utbildningstillfällen")
        ordering = ["date", "start_time", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(capacity__gte=1), name="training_session_capacity_positive"
            ),
            models.CheckConstraint(
                condition=models.Q(end_time__gt=models.F("start_time")),
                name="training_session_ends_after_start",
            ),
            models.CheckConstraint(
                condition=(
                    models.Q(kind=Kind.TARGETED, municipality__isnull=False)
                    | (~models.Q(kind=Kind.TARGETED) & models.Q(municipality__isnull=True))
                ),
                name="training_session_municipality_iff_targeted",
            ),
            models.CheckConstraint(
                condition=(
                    models.Q(half=Half.MORNING, start_time__lt=NOON)
                    | models.Q(half=Half.AFTERNOON, start_time__gte=NOON)
                ),
                name="training_session_half_matches_start",
            ),
            models.CheckConstraint(
                condition=(
                    (models.Q(mode=Mode.DIGITAL) & ~models.Q(link=""))
                    | (models.Q(mode=Mode.ON_SITE) & ~models.Q(location=""))
                ),
                name="training_session_link_or_address",
            ),
        ]

    def __str__(self):
        return f"{self.title} {self.date:%Y-%m-%d}"

    @property
    def is_targeted(self) -> bool:
        return self.kind == Kind.TARGETED

    def _at(self, time: datetime.time) -> datetime.datetime:
        return datetime.datetime.combine(self.date, time, tzinfo=ZoneInfo(settings.TIME_ZONE))

    @property
    def starts_at(self) -> datetime.datetime:
        return self._at(self.start_time)

    @property
    def ends_at(self) -> datetime.datetime:
        return self._at(self.end_time)

    def has_started(self, now: datetime.datetime | None = None) -> bool:
        return self.starts_at <= (now or timezone.now())

    def has_ended(self, now: datetime.datetime | None = None) -> bool:
        return self.ends_at <= (now or timezone.now())

    @property
    def where(self) -> str:
        """The address or the link, as one line (mails, the calendar file)."""
        return self.link if self.mode == Mode.DIGITAL else self.location


class RegistrationStatus(models.TextChoices):
    CONFIRMED = "bekraftad", _("bekräftad")
    WAITING = "vantelista", _("på väntelistan")
    CANCELLED = "avbokad", _("avbokad")


class Registration(models.Model):
    """One person of a municipality's staff on a session. ``status`` changes only in
    training/services.py; ``attended`` stays empty until the project leader records attendance."""

    session = models.ForeignKey(
        TrainingSession,
        verbose_name=_("utbildningstillfälle"),
        on_delete=models.PROTECT,
        related_name="registrations",
    )
    municipality = models.ForeignKey(
        "municipalities.Municipality",
        verbose_name=_("kommun"),
        on_delete=models.PROTECT,
        related_name="training_registrations",
    )
    name = models.CharField(_("namn"), max_length=200)
    email = models.EmailField(_("e-post"))
    workplace = models.CharField(_("arbetsplats"), max_length=200)
    registered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("anmäld av"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    status = models.CharField(_("status"), max_length=20, choices=RegistrationStatus.choices)
    created_at = models.DateTimeField(_("anmäld"), default=timezone.now)
    promoted_at = models.DateTimeField(_("flyttad från väntelistan"), null=True, blank=True)
    cancelled_at = models.DateTimeField(_("avbokad"), null=True, blank=True)
    cancelled_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("avbokad av"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    attended = models.BooleanField(_("deltog"), null=True, blank=True)

    class Meta:
        verbose_name = _("anmälan")
        verbose_name_plural = _("anmälningar")
        ordering = ["created_at", "pk"]
        indexes = [
            models.Index(
                fields=["session", "status", "created_at"], name="training_reg_session_status"
            ),
        ]
        constraints = [
            # A person is registered once per session, unless the earlier registration is cancelled.
            models.UniqueConstraint(
                "session",
                Lower("email"),
                condition=~models.Q(status=RegistrationStatus.CANCELLED),
                name="training_registration_email_once",
            ),
            models.CheckConstraint(
                condition=(
                    models.Q(status=RegistrationStatus.CANCELLED, cancelled_at__isnull=False)
                    | (
                        ~models.Q(status=RegistrationStatus.CANCELLED)
                        & models.Q(cancelled_at__isnull=True)
                    )
                ),
                name="training_registration_cancelled_at_iff_cancelled",
            ),
            models.CheckConstraint(
                condition=(
                    models.Q(attended__isnull=True) | models.Q(status=RegistrationStatus.CONFIRMED)
                ),
                name="training_registration_attended_only_if_confirmed",
            ),
        ]

    def __str__(self):
        return f"{self.name} ({self.session})"

    @property
    def is_active(self) -> bool:
        return self.status != RegistrationStatus.CANCELLED
