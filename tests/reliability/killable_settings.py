"""The test settings plus the kill hook (tests/reliability/kill_hook.py), for the subprocesses
of tests/reliability/test_interrupted_invoice_run.py."""

from config.test_settings import *  # noqa: F403

INSTALLED_APPS = [*INSTALLED_APPS, "tests.reliability.kill_hook.KillHookConfig"]  # noqa: F405
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
