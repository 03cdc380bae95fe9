# A training session belongs to an offer. Every existing session belongs to the installation's
# one offer (offers 0003 made it from today's values; a database with sessions and no offer yet
# gets it here, the same way).

import datetime
from decimal import Decimal

import django.db.models.deletion
import offers.models
from django.db import migrations, models

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


def attach_to_the_offer(apps, schema_editor):
    TrainingSession = apps.get_model('training', 'TrainingSession')
    if not TrainingSession.objects.filter(offer__isnull=True).exists():
        return
    Offer = apps.get_model('offers', 'Offer')
    offer = Offer.objects.order_by('pk').first()
    if offer is None:
        Municipality = apps.get_model('municipalities', 'Municipality')
        offer = Offer.objects.create(**TODAY_OFFER)
        offer.cost_base.set(Municipality.objects.filter(in_cost_base=True))
    TrainingSession.objects.filter(offer__isnull=True).update(offer=offer)


class Migration(migrations.Migration):

    dependencies = [
        ('offers', '0004_offer_required'),
        ('training', '0001_initial'),
    ]

    operations = [
        migrations.AddField(
            model_name='trainingsession',
            name='offer',
            field=models.ForeignKey(null=True, on_delete=django.db.models.deletion.PROTECT, related_name='training_sessions', to='offers.offer', verbose_name='erbjudande'),
        ),
        migrations.RunPython(attach_to_the_offer, migrations.RunPython.noop),
        migrations.AlterField(
            model_name='trainingsession',
            name='offer',
            field=models.ForeignKey(default=offers.models.default_offer_id, on_delete=django.db.models.deletion.PROTECT, related_name='training_sessions', to='offers.offer', verbose_name='erbjudande'),
        ),
    ]
