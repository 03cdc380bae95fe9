"""The official OASIS UBL 2.1 schemas, kept in invoicing/schemas/ubl-2.1 and resolved there only."""

import functools
from pathlib import Path

from lxml import etree

from ..einvoice import NS
from .base import Failure

SCHEMA_DIR = Path(__file__).resolve().parent.parent / "schemas" / "ubl-2.1"
MAINDOC = {
    NS["inv"]: SCHEMA_DIR / "maindoc" / "UBL-Invoice-2.1.xsd",
    NS["cn"]: SCHEMA_DIR / "maindoc" / "UBL-CreditNote-2.1.xsd",
}
# The two ETSI XAdES schemas of the OASIS package are not kept (their licence does not clearly
# allow redistribution). They describe signatures inside UBL extensions, which our documents never
# have; they resolve to empty schemas of their namespaces, so such content would be checked laxly.
OMITTED_SCHEMAS = {
    "UBL-XAdESv132-2.1.xsd": "http://uri.etsi.org/01903/v1.3.2#",
    "UBL-XAdESv141-2.1.xsd": "http://uri.etsi.org/01903/v1.4.1#",
}


class _LocalSchemas(etree.Resolver):
    """Resolve schema imports inside SCHEMA_DIR only; refuse anything else."""

    def resolve(self, url, pubid, context):
        name = Path(url).name
        if name in OMITTED_SCHEMAS:
            stub = (
                '<xsd:schema xmlns:xsd="http://www.w3.org/2001/XMLSchema" '
                f'targetNamespace="{OMITTED_SCHEMAS[name]}"/>'
            )
            return self.resolve_string(stub, context)
        path = Path(url.removeprefix("file://")).resolve()
        if path.is_file() and SCHEMA_DIR in path.parents:
            return self.resolve_filename(str(path), context)
        raise OSError(f"schema {url} is not kept in {SCHEMA_DIR}; nothing is fetched")


@functools.cache
def schema(namespace: str) -> etree.XMLSchema:
    """The compiled XSD of the Invoice or CreditNote document (once per process)."""
    parser = etree.XMLParser(no_network=True, resolve_entities=False)
    parser.resolvers.add(_LocalSchemas())
    document = etree.parse(str(MAINDOC[namespace]), parser)
    return etree.XMLSchema(document)


def xsd_failures(doc: etree._ElementTree) -> list[Failure]:
    namespace = etree.QName(doc.getroot()).namespace
    if namespace not in MAINDOC:
        return [Failure("UBL-XSD", f"not a UBL 2.1 Invoice or CreditNote ({namespace})")]
    xsd = schema(namespace)
    if xsd.validate(doc):
        return []
    return [Failure("UBL-XSD", f"line {e.line}: {e.message}") for e in xsd.error_log]
