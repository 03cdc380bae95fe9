"""Argument types shared by the management commands."""

import datetime

from django.core.management.base import CommandError


def iso_date(text: str) -> datetime.date:
    """``--date YYYY-MM-DD`` (as ``type=iso_date``): a clear error for anything else."""
    try:
        return datetime.date.fromisoformat(text)
    except ValueError as exc:
        raise CommandError(f"--date must be YYYY-MM-DD, not {text!r}") from exc
