"""Helpers of the steering-group tests that are not fixtures."""

from django.core.files.base import ContentFile
from django.utils import timezone

from core.pdf import sha256_hex
from steering_group.models import Minutes, MinutesParagraph

FAKE_PDF = b"%PDF-1.7\n% test minutes\n"


def lock_without_rendering(meeting, *, chair_name="Stina Styrgren", adjuster=None) -> Minutes:
    """Locked minutes for a meeting, written straight to the rows: for tests that count minuted
    meetings and need no real PDF (the real path is tested in test_minutes.py)."""
    minutes = Minutes.objects.create(meeting=meeting, adjuster=adjuster)
    MinutesParagraph.objects.create(minutes=minutes, number=1, heading="Mötets öppnande")
    now = timezone.now()
    minutes.chair_approved_at = minutes.adjuster_approved_at = now
    minutes.chair_name, minutes.adjuster_name = chair_name, "Justerare"
    minutes.locked_at = minutes.published_at = now
    minutes.pdf.save(f"test-{meeting.pk}.pdf", ContentFile(FAKE_PDF), save=False)
    minutes.pdf_sha256 = sha256_hex(FAKE_PDF)
    minutes.save()
    return minutes
