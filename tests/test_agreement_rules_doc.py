"""docs/agreement-rules.md maps each § of the agreement to the code: every function and test file
it names must exist, so the page cannot drift from the code it describes."""

import importlib
import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
DOC = ROOT / "docs" / "agreement-rules.md"
APPS = (
    "core",
    "municipalities",
    "offers",
    "agreements",
    "invoicing",
    "steering_group",
    "followup",
    "training",
)


def named_code(text: str) -> list[str]:
    """The dotted names in backticks that start with an app: `offers.rules.annual_amount`."""
    names = re.findall(r"`([a-z_]+(?:\.[A-Za-z_]+)+)(?:\([^`]*\))?`", text)
    return sorted({n for n in names if n.split(".")[0] in APPS})


def resolve(dotted: str):
    """The object a dotted name means: the longest importable module, then attributes."""
    parts = dotted.split(".")
    for cut in range(len(parts), 0, -1):
        try:
            obj = importlib.import_module(".".join(parts[:cut]))
        except ModuleNotFoundError:
            continue
        for attribute in parts[cut:]:
            obj = getattr(obj, attribute)
        return obj
    raise ModuleNotFoundError(dotted)


def test_the_page_names_functions_for_every_paragraph():
    text = DOC.read_text(encoding="utf-8")
    for paragraph in ("§ 1", "§ 3", "§ 4", "§ 5", "§ 6", "§ 10", "§ 11"):
        assert paragraph in text
    assert len(named_code(text)) >= 30


@pytest.mark.parametrize("dotted", named_code(DOC.read_text(encoding="utf-8")))
def test_every_function_it_names_exists(dotted):
    assert resolve(dotted) is not None


def test_every_test_file_it_names_exists():
    text = DOC.read_text(encoding="utf-8")
    paths = re.findall(r"`(tests/[^`]+)`", text)
    assert paths
    for path in paths:
        assert list(ROOT.glob(path)), f"{path} named in docs/agreement-rules.md does not exist"


def test_a_misspelt_name_is_caught():
    with pytest.raises(AttributeError):
        resolve("offers.rules.annual_amount_that_does_not_exist")
