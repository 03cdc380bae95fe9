"""A test-only hook that stops `manage.py invoice_run` at a chosen invoice, so that a test can
SIGKILL it at exactly that point (no sleeps, no races).

Installed as an app by tests/reliability/killable_settings.py. With these variables set:

- KOMMUNAVTAL_KILL_AT_INVOICE=N: when the invoice with series number N is saved,
- KOMMUNAVTAL_KILL_WHERE=in_transaction (default): right there, inside the transaction that
  issues it (its number is taken and its row written but not committed), or
  KOMMUNAVTAL_KILL_WHERE=after_commit: just after that transaction commits (before its e-mail),
- KOMMUNAVTAL_KILL_SIGNAL_FD=fd: the hook writes one byte to that pipe and waits for the kill.

Without them it does nothing.
"""

import os
import signal

from django.apps import AppConfig
from django.db import transaction
from django.db.models.signals import post_save


def _stop_here():
    os.write(int(os.environ["KOMMUNAVTAL_KILL_SIGNAL_FD"]), b"k")
    while True:
        signal.pause()  # until the SIGKILL


def _on_invoice_saved(sender, instance, created, **kwargs):
    at = os.environ.get("KOMMUNAVTAL_KILL_AT_INVOICE")
    if not created or not at or instance.series_number != int(at):
        return
    if os.environ.get("KOMMUNAVTAL_KILL_WHERE", "in_transaction") == "after_commit":
        transaction.on_commit(_stop_here)
    else:
        _stop_here()


class KillHookConfig(AppConfig):
    name = "tests.reliability"
    label = "reliability_kill_hook"

    def ready(self):
        post_save.connect(_on_invoice_saved, sender="invoicing.Invoice", weak=False)
