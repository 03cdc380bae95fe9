"""The apps as floors: every import between apps runs downward.

Read from the source with ``ast`` (migrations and tests left out), imports inside functions
included: an import written inside a function to dodge a circle is still the same dependency.

- An app imports only from apps on a lower floor, or from one on its own floor, one way: two apps
  on one floor never use each other both ways.
- Inside an app the modules do not import each other in a circle.
"""

import ast
from collections import defaultdict
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
TOP = 99  # config and bench: they may use every app, and none uses them

# Every top-level package of the project has its floor; a new app is given one here (an import of
# a package on no floor fails).
FLOORS = {
    "core": 0,
    "municipalities": 1,
    "accounts": 1,
    "offers": 3,
    "agreements": 4,
    "invoicing": 5,
    "steering_group": 6,
    "followup": 6,
    "training": 6,
    "privacy": 7,
    "audit": 7,
    "config": TOP,
    "bench": TOP,
}


class Import:
    def __init__(self, path: str, line: int, target: str):
        self.path = path  # "agreements/views.py"
        self.line = line
        self.target = target  # the first-party module it reaches: "invoicing.costs"

    @property
    def app(self) -> str:
        return self.path.split("/", 1)[0]

    @property
    def target_app(self) -> str:
        return self.target.split(".", 1)[0]

    def __str__(self) -> str:
        return f"{self.path}:{self.line} imports {self.target}"


def module_name(path: str) -> str:
    name = path.removesuffix(".py").replace("/", ".")
    return name.removesuffix(".__init__")


def imports_in(path: str, source: str, known: set[str]) -> list[Import]:
    """The first-party imports of one file. ``known``: every first-party module's dotted name;
    ``from a import b`` reaches ``a.b`` when that is a module, else ``a``."""
    first_party = set(FLOORS) | {name.split(".")[0] for name in known}
    package = module_name(path)
    if not path.endswith("__init__.py"):
        package = package.rsplit(".", 1)[0]
    found = []
    for node in ast.walk(ast.parse(source, filename=path)):
        if isinstance(node, ast.Import):
            for alias in node.names:
                if alias.name.split(".")[0] in first_party:
                    found.append(Import(path, node.lineno, alias.name))
        elif isinstance(node, ast.ImportFrom):
            module = node.module or ""
            if node.level:  # relative: from the file's own package, up level - 1
                parts = package.split(".")
                module = ".".join(parts[: len(parts) - node.level + 1] + [module] * bool(module))
            if module.split(".")[0] not in first_party:
                continue
            for alias in node.names:
                sub = f"{module}.{alias.name}"
                found.append(Import(path, node.lineno, sub if sub in known else module))
    return found


def first_party_sources(root: Path = ROOT) -> dict[str, str]:
    """Every Python file of every app (a top-level package), migrations left out."""
    sources = {}
    for init in sorted(root.glob("*/__init__.py")):
        app = init.parent.name
        if app == "tests":
            continue
        for file in sorted(init.parent.rglob("*.py")):
            relative = file.relative_to(root).as_posix()
            if "/migrations/" in relative or "/tests/" in relative:
                continue
            sources[relative] = file.read_text(encoding="utf-8")
    return sources


def all_imports(sources: dict[str, str]) -> list[Import]:
    known = {module_name(path) for path in sources}
    found = {}
    for path, source in sources.items():
        for imp in imports_in(path, source, known):
            found.setdefault((imp.path, imp.line, imp.target), imp)  # `from a import b, c`: once
    return list(found.values())


def layer_problems(imports: list[Import], allowed=frozenset()) -> list[str]:
    """Imports that run upward or to an app on no floor, and pairs of apps on one floor that use
    each other both ways (every import of both directions named)."""
    problems = []
    sideways = defaultdict(list)
    for imp in imports:
        source, target = imp.app, imp.target_app
        if source == target:
            continue
        if source not in FLOORS or target not in FLOORS:
            problems.append(f"{imp}: {source if source not in FLOORS else target} is on no floor")
        elif FLOORS[target] > FLOORS[source]:
            if (imp.path, imp.target) not in allowed:
                problems.append(
                    f"{imp}: upward, floor {FLOORS[source]} ({source}) takes from floor "
                    f"{FLOORS[target]} ({target})"
                )
        elif FLOORS[target] == FLOORS[source] and FLOORS[source] != TOP:
            sideways[(source, target)].append(imp)
    for (source, target), imps in sorted(sideways.items()):
        if source < target and (target, source) in sideways:
            both = imps + sideways[(target, source)]
            problems.append(
                f"{source} and {target} (floor {FLOORS[source]}) use each other both ways: "
                + "; ".join(str(imp) for imp in both)
            )
    return problems


def cycles_inside_apps(imports: list[Import]) -> list[str]:
    """Circles of modules inside one app (each circle named once, by its files)."""
    graph = defaultdict(set)
    where = {}
    for imp in imports:
        if imp.app != imp.target_app:
            continue
        source = module_name(imp.path)
        if imp.target in (source, imp.app):  # the package itself: its __init__ is empty
            continue
        graph[source].add(imp.target)
        where.setdefault((source, imp.target), imp)
    circles, seen = [], set()

    def visit(node, trail):
        for nxt in sorted(graph[node]):
            if nxt in trail:
                circle = trail[trail.index(nxt) :]
                key = frozenset(circle)
                if key not in seen:
                    seen.add(key)
                    steps = [where[(a, b)] for a, b in zip(circle, circle[1:] + [nxt])]
                    circles.append(" -> ".join(str(step) for step in steps))
            elif len(trail) < 8:
                visit(nxt, trail + [nxt])

    for start in sorted(graph):
        visit(start, [start])
    return circles


@pytest.fixture(scope="module")
def imports():
    return all_imports(first_party_sources())


def test_every_import_between_apps_runs_downward(imports):
    problems = layer_problems(imports)
    assert not problems, "\n".join(problems)


def test_no_module_imports_itself_in_a_circle(imports):
    circles = cycles_inside_apps(imports)
    assert not circles, "\n".join(circles)


# The check itself: it must see a violation when there is one.

FAKE = {
    "core/__init__.py": "",
    "core/money.py": "def f():\n    from invoicing.models import Invoice\n",
    "accounts/__init__.py": "",
    "accounts/roles.py": "import municipalities.models\n",
    "municipalities/__init__.py": "",
    "municipalities/models.py": "from accounts import roles\n",
    "invoicing/__init__.py": "",
    "invoicing/models.py": "from core.money import f\n",
    "invoicing/a.py": "from . import b\n",
    "invoicing/b.py": "from .a import x\n",
    "invoicing/c.py": "from invoicing.models import Invoice\nimport shop.cart\n",
    "shop/__init__.py": "",
    "shop/cart.py": "",
}


def test_the_check_names_each_kind_of_violation():
    imports = all_imports(FAKE)
    problems = layer_problems(imports)
    assert problems[0] == (
        "core/money.py:2 imports invoicing.models: upward, floor 0 (core) takes from floor 5 "
        "(invoicing)"
    )
    assert "invoicing/c.py:2 imports shop.cart: shop is on no floor" in problems
    assert problems[-1] == (
        "accounts and municipalities (floor 1) use each other both ways: accounts/roles.py:1 "
        "imports municipalities.models; municipalities/models.py:1 imports accounts.roles"
    )
    assert len(problems) == 3
    allowed = {("core/money.py", "invoicing.models")}
    assert len(layer_problems(imports, allowed=allowed)) == 2
    assert cycles_inside_apps(imports) == [
        "invoicing/a.py:1 imports invoicing.b -> invoicing/b.py:1 imports invoicing.a"
    ]
