# Every existing template and agreement belongs to the installation's one offer (created by
# offers 0003 from today's values).

from django.db import migrations


def attach_to_the_offer(apps, schema_editor):
    Offer = apps.get_model('offers', 'Offer')
    offer = Offer.objects.order_by('pk').first()
    if offer is None:
        return  # an empty database: no templates, no agreements
    for name in ('AgreementTemplate', 'Agreement'):
        apps.get_model('agreements', name).objects.filter(offer__isnull=True).update(offer=offer)


class Migration(migrations.Migration):

    dependencies = [
        ('agreements', '0009_offer_fields'),
    ]

    operations = [
        migrations.RunPython(attach_to_the_offer, migrations.RunPython.noop),
    ]
