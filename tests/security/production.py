"""Settings as production loads them: config.settings itself in a fresh interpreter, with DEBUG
off and a secret, not the test settings (which turn the HTTPS redirect off, among others)."""

import json
import os
import subprocess
import sys


def production_settings(*names: str) -> dict:
    code = (
        "import json; from django.conf import settings as s; "
        f"print(json.dumps({{n: getattr(s, n) for n in {list(names)!r}}}, default=str))"
    )
    environment = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith(("SECURE_", "MEDIA_", "DJANGO_")) and k != "DATABASE_URL"
    }
    environment.update(DJANGO_SETTINGS_MODULE="config.settings", DEBUG="false", SECRET_KEY="x" * 50)
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, env=environment, check=True
    )
    return json.loads(result.stdout)
