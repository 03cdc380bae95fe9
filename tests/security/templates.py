"""The project's own HTML templates, found by walking the template folders (not a list), so that
templates other apps add later are checked too."""

from pathlib import Path

from django.conf import settings


def template_dirs() -> list[Path]:
    """settings.TEMPLATES' DIRS and every project app's templates/ folder (not the venv's)."""
    base = Path(settings.BASE_DIR).resolve()
    dirs = [Path(d).resolve() for t in settings.TEMPLATES for d in t.get("DIRS", [])]
    from django.apps import apps

    for config in apps.get_app_configs():
        folder = Path(config.path).resolve() / "templates"
        if folder.is_dir() and folder.is_relative_to(base) and ".venv" not in folder.parts:
            dirs.append(folder)
    return sorted(set(dirs))


def html_templates() -> list[Path]:
    return sorted(path for folder in template_dirs() for path in folder.rglob("*.html"))


def name(path: Path) -> str:
    for folder in template_dirs():
        if path.is_relative_to(folder):
            return str(path.relative_to(folder))
    return str(path)
