"""Stockholm city's contact persons move out of the free text of § 1 into TemplateContact rows.

Each line "Kontaktperson…: …" of a version's city_party becomes a contact with that role. A
placeholder such as "enhetschef (namn, titel, telefon, e-post)" leaves the contact empty, for the
project leader to fill in; other text is kept as the name when it cannot be read as "namn, titel,
telefon, e-post", so nothing is lost and the version shows what is missing. Signed agreements keep
the text they were signed with (Agreement.signed_body), and paper agreements their scan.
"""

import re

from django.db import migrations

CONTACT_LINE = re.compile(r"^\s*(Kontaktperson[^:\n]*):\s*(.*?)\s*$")
PLACEHOLDER = re.compile(
    r"\((?:namn|titel|telefon|e-post)(?:\s*,\s*(?:namn|titel|telefon|e-post))+\)"
)


def split_contacts(apps, schema_editor):
    AgreementTemplate = apps.get_model("agreements", "AgreementTemplate")
    TemplateContact = apps.get_model("agreements", "TemplateContact")
    for template in AgreementTemplate.objects.all():
        kept, contacts = [], []
        for line in (template.city_party or "").splitlines():
            match = CONTACT_LINE.match(line)
            if not match:
                kept.append(line)
                continue
            role, rest = match.groups()
            fields = {"name": "", "title": "", "phone": "", "email": ""}
            if rest and not PLACEHOLDER.search(rest):
                parts = [p.strip() for p in rest.split(",")]
                if len(parts) == 4 and "@" in parts[3]:
                    fields = dict(zip(fields, parts, strict=True))
                else:
                    fields["name"] = rest[:150]
            contacts.append(TemplateContact(template=template, role=role[:200], **fields))
        if not contacts:
            continue
        for order, contact in enumerate(contacts, start=1):
            contact.order = order
        TemplateContact.objects.bulk_create(contacts)
        template.city_party = "\n".join(kept).strip()
        template.save(update_fields=["city_party"])


class Migration(migrations.Migration):
    dependencies = [("agreements", "0005_template_contacts")]

    operations = [migrations.RunPython(split_contacts, migrations.RunPython.noop)]
