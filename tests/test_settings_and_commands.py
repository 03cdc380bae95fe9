import os
import subprocess
import sys

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from accounts.models import User


def run_python(code: str, **env):
    environment = {k: v for k, v in os.environ.items() if k not in ("SECRET_KEY", "DEBUG")}
    environment.update(env, DJANGO_SETTINGS_MODULE="config.settings")
    return subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, env=environment, cwd="."
    )


def test_production_refuses_to_start_without_a_secret_key(tmp_path):
    result = run_python("import django; django.setup()", DEBUG="false", SECRET_KEY="")
    assert result.returncode != 0
    assert "SECRET_KEY must be set" in result.stderr


def test_database_url_switches_the_engine():
    code = "from django.conf import settings as s; print(s.DATABASES['default']['ENGINE'])"
    pg = run_python(code, DEBUG="true", DATABASE_URL="postgres://u:p@localhost:5432/x")
    assert pg.stdout.strip() == "django.db.backends.postgresql"
    default = run_python(code, DEBUG="true", DATABASE_URL="")
    assert default.stdout.strip() == "django.db.backends.sqlite3"


def test_the_gunicorn_config_is_valid_and_freezes_the_loaded_worker():
    """gunicorn reads config/gunicorn.conf.py (README's production command and make bench's load
    step); its worker hook leaves what Django loaded out of later garbage collections."""
    check = subprocess.run(
        [
            sys.executable,
            "-m",
            "gunicorn",
            "--check-config",
            "-c",
            "config/gunicorn.conf.py",
            "config.wsgi",
        ],
        capture_output=True,
        text=True,
        env={**os.environ, "DEBUG": "true"},
    )
    assert check.returncode == 0, check.stderr
    code = (
        "import gc, runpy; hook = runpy.run_path('config/gunicorn.conf.py')['post_worker_init'];"
        " hook(None); print(gc.get_freeze_count() > 0)"
    )
    assert run_python(code, DEBUG="true").stdout.strip() == "True"


def test_language_time_zone_and_translation_settings(settings):
    assert settings.LANGUAGE_CODE == "sv"
    assert settings.TIME_ZONE == "Europe/Stockholm"
    assert settings.USE_TZ is True
    assert ("en", "English") in [(c, str(n)) for c, n in settings.LANGUAGES]


@pytest.mark.django_db
def test_demo_data_refuses_when_debug_is_off(reference_data, settings):
    settings.DEBUG = False
    with pytest.raises(CommandError, match="refuses to run when DEBUG is off"):
        call_command("load_demo_data")
    assert not User.objects.exists()
