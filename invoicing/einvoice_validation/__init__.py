"""Checks of an e-invoice: the official OASIS UBL 2.1 schemas, and the EN 16931, Peppol BIS
Billing 3.0 and Swedish (SE-R) rules that apply to the documents this product makes.

The official rules are Schematron compiled to XSLT 2, which lxml (XSLT 1) cannot run; so each
rule that applies to our documents is written here in Python under its official id, with the
official wording shortened (rules_document.py, rules_totals.py; base.py has what they share). Rules marked KOMMUNAVTAL-… are the product's own (stricter) ones.
Swedish rules that the Peppol artefacts flag as warnings are failures here: we never send a
document that any rule doubts.

:func:`validate` returns the failed rules (an empty list: the document passes). The schemas are
kept in invoicing/schemas/ubl-2.1 (see its README for their origin and licence) and resolved
there only, by schemas.py: nothing is ever fetched.
"""

from lxml import etree

from . import rules_document, rules_totals  # noqa: F401 (importing them registers their rules)
from .base import RULES, Document, Failure
from .schemas import MAINDOC, SCHEMA_DIR, _LocalSchemas, schema, xsd_failures

__all__ = [
    "MAINDOC",
    "SCHEMA_DIR",
    "Failure",
    "_LocalSchemas",
    "rule_failures",
    "schema",
    "validate",
    "xsd_failures",
]


def rule_failures(doc: etree._ElementTree) -> list[Failure]:
    """The failed rules, in the order the rule modules register them (document, then totals)."""
    document = Document(doc.getroot())
    return [failure for check in RULES for failure in check(document)]


def validate(xml: bytes) -> list[Failure]:
    """Every failed check of the document: the UBL 2.1 XSD and the rules. Empty: it passes."""
    try:
        doc = etree.ElementTree(
            etree.fromstring(xml, etree.XMLParser(no_network=True, resolve_entities=False))
        )
    except etree.XMLSyntaxError as exc:
        return [Failure("XML", str(exc))]
    return xsd_failures(doc) + rule_failures(doc)
