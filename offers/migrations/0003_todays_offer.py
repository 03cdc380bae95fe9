# An installation with data gets the one offer it runs today, with today's values (the
# agreement's name and host, 2 % indexation, the population of 31 December 2018, the
# municipalities then in the cost base, 30 days' payment, the first year in remaining twelfths),
# and every existing service, pool and special amount is attached to it (agreements 0010 attaches
# the templates and agreements). An empty database gets its offer from the reference data instead.

import datetime
from decimal import Decimal

from django.db import migrations

TODAY_OFFER = {
    'name': 'Mikamottagningen, KAST och regionkoordinatorer',
    'slug': 'mikamottagningen-kast-regionkoordinatorer',
    'host_party': 'Socialförvaltningen i Stockholms stad, org.nr 212000-0142',
    'indexation_percent': Decimal('2.00'),
    'population_date': datetime.date(2018, 12, 31),
    'payment_term_days': 30,
    'first_year_rule': 'twelfths',
    'has_steering_group': True,
    'has_followup': True,
    'has_training': True,
}


def create_todays_offer(apps, schema_editor):
    Offer = apps.get_model('offers', 'Offer')
    Service = apps.get_model('offers', 'Service')
    CostPool = apps.get_model('offers', 'CostPool')
    SpecialAnnualAmount = apps.get_model('offers', 'SpecialAnnualAmount')
    Municipality = apps.get_model('municipalities', 'Municipality')
    rows = (Service.objects, CostPool.objects, SpecialAnnualAmount.objects)
    templates = apps.get_model('agreements', 'AgreementTemplate').objects
    if not any(manager.exists() for manager in (*rows, templates)):
        return
    offer = Offer.objects.order_by('pk').first()
    if offer is None:
        offer = Offer.objects.create(**TODAY_OFFER)
        offer.cost_base.set(Municipality.objects.filter(in_cost_base=True))
    for manager in rows:
        manager.filter(offer__isnull=True).update(offer=offer)


class Migration(migrations.Migration):

    dependencies = [
        ('offers', '0002_offer_fields'),
    ]

    operations = [
        migrations.RunPython(create_todays_offer, migrations.RunPython.noop),
    ]
