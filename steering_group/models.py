"""The steering group of § 5: a term per calendar year, its members, meetings and minutes.

- A :class:`Term` is one calendar year. Municipalities with an agreement in force send an
  :class:`Application` (intresseanmälan); the project leader chooses the :class:`Membership` rows:
  the chair from Stockholm city, one representative per municipality, and optionally Region
  Stockholm (Mika Hälsa) as an adjunct seat; at most ten people in all (steering_group/services.py).
- A :class:`Meeting` has numbered :class:`AgendaItem` rows, uploaded :class:`Paper` files and
  :class:`Attendance`; its :class:`Minutes` have numbered :class:`MinutesParagraph` rows. Once the
  chair and the adjuster have approved (justering) the minutes are locked: ``save()`` refuses every
  change to them and their paragraphs from then on.
"""

import os
import uuid

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models.functions import Lower
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from offers.models import default_offer_id

# § 5: "kan komma att begränsas om antalet överstiger tio personer".
MAX_MEMBERS = 10

MINUTES_LOCKED = _("Protokollet är justerat och låst. Ingenting i det kan ändras.")


class MinutesLocked(ValidationError):
    """The minutes (or their meeting) have been approved and locked: nothing changes."""

    def __init__(self):
        super().__init__(MINUTES_LOCKED, code="minutes_locked")


class Term(models.Model):
    """The steering group of one offer for one calendar year. Applications, members, meetings,
    papers and minutes all hang off the term, so they belong to its offer through it."""

    offer = models.ForeignKey(
        "offers.Offer",
        verbose_name=_("erbjudande"),
        on_delete=models.PROTECT,
        related_name="steering_group_terms",
        default=default_offer_id,
    )
    year = models.PositiveSmallIntegerField(_("år"))
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
        verbose_name = _("styrgruppsår")
        verbose_name_plural = _("styrgruppsår")
        ordering = ["-year", "offer_id"]
        constraints = [
            models.UniqueConstraint(fields=["offer", "year"], name="one_term_per_offer_and_year")
        ]

    def __str__(self):
        return _("Styrgruppen %(year)s") % {"year": self.year}


class RepresentativeRole(models.TextChoices):
    SOCIAL_SERVICES_HEAD = "socialchef", _("socialchef")
    HEAD_OF_DEPARTMENT = "avdelningschef", _("avdelningschef")
    EQUIVALENT = "motsvarande", _("motsvarande")


class ApplicationStatus(models.TextChoices):
    SUBMITTED = "inkommen", _("inkommen")
    CHOSEN = "vald", _("vald")
    WAITING = "vantelista", _("på väntelistan")


class Application(models.Model):
    """A municipality's intresseanmälan for a term: one per municipality and term."""

    term = models.ForeignKey(
        Term, verbose_name=_("år"), on_delete=models.PROTECT, related_name="applications"
    )
    municipality = models.ForeignKey(
        "municipalities.Municipality",
        verbose_name=_("kommun"),
        on_delete=models.PROTECT,
        related_name="steering_group_applications",
    )
    representative_name = models.CharField(_("representantens namn"), max_length=200)
    representative_role = models.CharField(
        _("befattning"), max_length=20, choices=RepresentativeRole.choices
    )
    role_description = models.CharField(
        _("befattning (motsvarande)"),
        max_length=200,
        blank=True,
        help_text=_("Fyll i om befattningen motsvarar socialchef eller avdelningschef."),
    )
    representative_email = models.EmailField(_("representantens e-post"))
    status = models.CharField(
        _("status"),
        max_length=20,
        choices=ApplicationStatus.choices,
        default=ApplicationStatus.SUBMITTED,
    )
    waiting_reason = models.TextField(_("skäl till väntelistan"), blank=True)
    submitted_at = models.DateTimeField(_("inkommen"), default=timezone.now)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("anmäld av"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    decided_at = models.DateTimeField(_("beslutad"), null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("beslutad av"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )

    class Meta:
        verbose_name = _("intresseanmälan")
        verbose_name_plural = _("intresseanmälningar")
        ordering = ["term", "municipality__name"]
        constraints = [
            models.UniqueConstraint(
                fields=["term", "municipality"], name="one_application_per_municipality_and_term"
            ),
        ]

    def __str__(self):
        return _("Intresseanmälan från %(municipality)s %(year)s") % {
            "municipality": self.municipality,
            "year": self.term.year,
        }

    @property
    def role_label(self) -> str:
        if self.representative_role == RepresentativeRole.EQUIVALENT and self.role_description:
            return self.role_description
        return RepresentativeRole(self.representative_role).label


class Seat(models.TextChoices):
    CHAIR = "ordforande", _("ordförande")
    MUNICIPALITY = "kommun", _("kommunens representant")
    ADJUNCT = "adjungerad", _("adjungerad")


class Membership(models.Model):
    """A person's seat in the steering group of a term. The person may have no user account."""

    term = models.ForeignKey(
        Term, verbose_name=_("år"), on_delete=models.PROTECT, related_name="memberships"
    )
    seat = models.CharField(_("plats"), max_length=20, choices=Seat.choices)
    name = models.CharField(_("namn"), max_length=200)
    email = models.EmailField(_("e-post"))
    title = models.CharField(_("befattning"), max_length=200, blank=True)
    organisation = models.CharField(_("organisation"), max_length=200)
    municipality = models.ForeignKey(
        "municipalities.Municipality",
        verbose_name=_("kommun"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="steering_group_memberships",
    )
    application = models.OneToOneField(
        Application,
        verbose_name=_("intresseanmälan"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="membership",
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("användarkonto"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="steering_group_memberships",
    )
    rotation_override_reason = models.TextField(
        _("skäl att välja trots § 5"),
        blank=True,
        help_text=_(
            "Satt i styrgruppen förra året: § 5 byter representanten efter ett år, och "
            "projektledaren har valt personen ändå av detta skäl."
        ),
    )
    created_at = models.DateTimeField(_("vald"), auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("vald av"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )

    class Meta:
        verbose_name = _("ledamot")
        verbose_name_plural = _("ledamöter")
        ordering = ["term", "seat", "municipality__name", "name"]
        constraints = [
            # § 5: one representative per municipality.
            models.UniqueConstraint(
                fields=["term", "municipality"],
                condition=models.Q(municipality__isnull=False),
                name="one_member_per_municipality_and_term",
            ),
            models.UniqueConstraint(
                fields=["term"], condition=models.Q(seat="ordforande"), name="one_chair_per_term"
            ),
            models.UniqueConstraint(
                fields=["term"], condition=models.Q(seat="adjungerad"), name="one_adjunct_per_term"
            ),
            # A person holds one seat, so "ten people" is ten rows.
            models.UniqueConstraint("term", Lower("email"), name="one_seat_per_person_and_term"),
            models.CheckConstraint(
                condition=(
                    models.Q(seat="kommun", municipality__isnull=False)
                    | (~models.Q(seat="kommun") & models.Q(municipality__isnull=True))
                ),
                name="municipality_seat_has_municipality",
            ),
        ]

    def __str__(self):
        return f"{self.name} ({self.organisation})"

    @property
    def is_chair(self) -> bool:
        return self.seat == Seat.CHAIR


class Meeting(models.Model):
    term = models.ForeignKey(
        Term, verbose_name=_("år"), on_delete=models.PROTECT, related_name="meetings"
    )
    starts_at = models.DateTimeField(_("börjar"))
    ends_at = models.DateTimeField(_("slutar"))
    place = models.CharField(_("plats"), max_length=300, blank=True)
    video_link = models.URLField(_("videolänk"), max_length=500, blank=True)
    other_attendees = models.TextField(
        _("övriga närvarande"),
        blank=True,
        help_text=_("T.ex. sekreterare och föredragande, en per rad."),
    )
    invitation_sent_at = models.DateTimeField(_("kallelse skickad"), null=True, blank=True)
    # The SEQUENCE of the calendar invitation: raised each time it is sent again.
    invitation_sequence = models.PositiveIntegerField(_("kallelsens version"), default=0)
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
        verbose_name = _("möte")
        verbose_name_plural = _("möten")
        ordering = ["starts_at", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(ends_at__gt=models.F("starts_at")),
                name="meeting_ends_after_it_starts",
            ),
        ]

    def __str__(self):
        local = timezone.localtime(self.starts_at)
        return _("Styrgruppsmöte %(date)s") % {"date": local.strftime("%Y-%m-%d")}

    @property
    def is_locked(self) -> bool:
        """The minutes are approved: the meeting is a closed record."""
        minutes = getattr(self, "minutes", None)
        return minutes is not None and minutes.is_locked


class AgendaItem(models.Model):
    meeting = models.ForeignKey(
        Meeting, verbose_name=_("möte"), on_delete=models.CASCADE, related_name="agenda_items"
    )
    number = models.PositiveSmallIntegerField(_("punkt"))
    title = models.CharField(_("rubrik"), max_length=300)

    class Meta:
        verbose_name = _("punkt på dagordningen")
        verbose_name_plural = _("dagordning")
        ordering = ["meeting", "number"]
        constraints = [
            models.UniqueConstraint(fields=["meeting", "number"], name="one_agenda_item_per_number")
        ]

    def __str__(self):
        return f"{self.number}. {self.title}"


PAPER_EXTENSIONS = {
    "pdf": "application/pdf",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "pptx": "application/vnd.openxmlformats-officedocument.presentationml.presentation",
}
MAX_PAPER_BYTES = 20 * 1024 * 1024


def paper_path(instance, filename: str) -> str:
    """A random name: the original name is kept in the row, never trusted as a path."""
    extension = os.path.splitext(filename)[1].lower().lstrip(".")
    return f"steering_group/papers/{uuid.uuid4().hex}.{extension}"


class Paper(models.Model):
    """A meeting paper (mötes­handling). Served only through a view that checks access."""

    meeting = models.ForeignKey(
        Meeting, verbose_name=_("möte"), on_delete=models.PROTECT, related_name="papers"
    )
    title = models.CharField(_("rubrik"), max_length=300)
    file = models.FileField(_("fil"), upload_to=paper_path)
    original_name = models.CharField(_("filnamn"), max_length=255)
    size = models.PositiveBigIntegerField(_("storlek (byte)"))
    uploaded_at = models.DateTimeField(_("uppladdad"), auto_now_add=True)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("uppladdad av"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )

    class Meta:
        verbose_name = _("möteshandling")
        verbose_name_plural = _("möteshandlingar")
        ordering = ["meeting", "uploaded_at", "pk"]

    def __str__(self):
        return self.title

    @property
    def extension(self) -> str:
        return os.path.splitext(self.file.name)[1].lower().lstrip(".")

    @property
    def content_type(self) -> str:
        return PAPER_EXTENSIONS.get(self.extension, "application/octet-stream")


class Attendance(models.Model):
    meeting = models.ForeignKey(
        Meeting, verbose_name=_("möte"), on_delete=models.CASCADE, related_name="attendance"
    )
    membership = models.ForeignKey(
        Membership, verbose_name=_("ledamot"), on_delete=models.PROTECT, related_name="attendance"
    )
    present = models.BooleanField(_("närvarande"), default=False)

    class Meta:
        verbose_name = _("närvaro")
        verbose_name_plural = _("närvaro")
        constraints = [
            models.UniqueConstraint(
                fields=["meeting", "membership"], name="one_attendance_per_member_and_meeting"
            )
        ]

    def __str__(self):
        return f"{self.membership}: {self.present}"

    def save(self, *args, **kwargs):
        if Minutes.objects.filter(meeting_id=self.meeting_id, locked_at__isnull=False).exists():
            raise MinutesLocked()
        super().save(*args, **kwargs)


class Minutes(models.Model):
    """The protokoll of a meeting. Locked, with its PDF, once the chair and the adjuster approve."""

    meeting = models.OneToOneField(
        Meeting, verbose_name=_("möte"), on_delete=models.PROTECT, related_name="minutes"
    )
    adjuster = models.ForeignKey(
        Membership,
        verbose_name=_("justerare"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    chair_approved_at = models.DateTimeField(_("justerat av ordföranden"), null=True, blank=True)
    chair_approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("ordförande"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    chair_name = models.CharField(_("ordförandens namn"), max_length=200, blank=True)
    adjuster_approved_at = models.DateTimeField(_("justerat av justeraren"), null=True, blank=True)
    adjuster_approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("justerare (konto)"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    adjuster_name = models.CharField(_("justerarens namn"), max_length=200, blank=True)
    locked_at = models.DateTimeField(_("låst"), null=True, blank=True)
    pdf = models.FileField(_("PDF"), upload_to="steering_group/minutes/", blank=True)
    pdf_sha256 = models.CharField(_("PDF:ens SHA-256"), max_length=64, blank=True)
    published_at = models.DateTimeField(_("publicerat"), null=True, blank=True)
    created_at = models.DateTimeField(_("skapat"), auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("skapat av"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )

    class Meta:
        verbose_name = _("protokoll")
        verbose_name_plural = _("protokoll")
        ordering = ["meeting__starts_at"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(locked_at__isnull=True)
                | (
                    models.Q(chair_approved_at__isnull=False)
                    & models.Q(adjuster_approved_at__isnull=False)
                    & ~models.Q(pdf_sha256="")
                ),
                name="locked_minutes_are_approved_and_have_a_pdf",
            ),
        ]

    def __str__(self):
        return _("Protokoll från %(meeting)s") % {"meeting": self.meeting}

    def save(self, *args, **kwargs):
        if self.pk and Minutes.objects.filter(pk=self.pk, locked_at__isnull=False).exists():
            raise MinutesLocked()
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        if self.pk and Minutes.objects.filter(pk=self.pk, locked_at__isnull=False).exists():
            raise MinutesLocked()
        return super().delete(*args, **kwargs)

    @property
    def is_locked(self) -> bool:
        return self.locked_at is not None


class MinutesParagraph(models.Model):
    """§ 1, § 2 …: what was said and what was decided under one point."""

    minutes = models.ForeignKey(
        Minutes, verbose_name=_("protokoll"), on_delete=models.CASCADE, related_name="paragraphs"
    )
    number = models.PositiveSmallIntegerField(_("paragraf"))
    heading = models.CharField(_("rubrik"), max_length=300)
    text = models.TextField(_("text"), blank=True)
    decision = models.TextField(_("beslut"), blank=True)

    class Meta:
        verbose_name = _("paragraf")
        verbose_name_plural = _("paragrafer")
        ordering = ["minutes", "number"]
        constraints = [
            models.UniqueConstraint(fields=["minutes", "number"], name="one_paragraph_per_number")
        ]

    def __str__(self):
        return f"§ {self.number} {self.heading}"

    def save(self, *args, **kwargs):
        self._refuse_if_locked()
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        self._refuse_if_locked()
        return super().delete(*args, **kwargs)

    def _refuse_if_locked(self):
        if Minutes.objects.filter(pk=self.minutes_id, locked_at__isnull=False).exists():
            raise MinutesLocked()
