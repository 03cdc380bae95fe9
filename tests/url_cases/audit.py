"""The audit history: the project leader's alone (city staff and everyone else get 403)."""

from . import PROJECT_LEADER

CASES = {
    "audit:history": ("/historik/", PROJECT_LEADER, None),
}
