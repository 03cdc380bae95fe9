# A steering-group term belongs to an offer: the year is unique per offer, not overall. Every
# existing term belongs to the installation's one offer (offers 0003 made it from today's values;
# a database with terms and no offer yet gets it here, the same way).

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
    Term = apps.get_model('steering_group', 'Term')
    if not Term.objects.filter(offer__isnull=True).exists():
        return
    Offer = apps.get_model('offers', 'Offer')
    offer = Offer.objects.order_by('pk').first()
    if offer is None:
        Municipality = apps.get_model('municipalities', 'Municipality')
        offer = Offer.objects.create(**TODAY_OFFER)
        offer.cost_base.set(Municipality.objects.filter(in_cost_base=True))
    Term.objects.filter(offer__isnull=True).update(offer=offer)


class Migration(migrations.Migration):

    dependencies = [
        ('offers', '0004_offer_required'),
        ('steering_group', '0002_membership_rotation_override_reason'),
    ]

    operations = [
        migrations.AddField(
            model_name='term',
            name='offer',
            field=models.ForeignKey(null=True, on_delete=django.db.models.deletion.PROTECT, related_name='steering_group_terms', to='offers.offer', verbose_name='erbjudande'),
        ),
        migrations.RunPython(attach_to_the_offer, migrations.RunPython.noop),
        migrations.AlterField(
            model_name='term',
            name='offer',
            field=models.ForeignKey(default=offers.models.default_offer_id, on_delete=django.db.models.deletion.PROTECT, related_name='steering_group_terms', to='offers.offer', verbose_name='erbjudande'),
        ),
        migrations.AlterField(
            model_name='term',
            name='year',
            field=models.PositiveSmallIntegerField(verbose_name='år'),
        ),
        migrations.AlterModelOptions(
            name='term',
            options={'ordering': ['-year', 'offer_id'], 'verbose_name': 'styrgruppsår', 'verbose_name_plural': 'styrgruppsår'},
        ),
        migrations.AddConstraint(
            model_name='term',
            constraint=models.UniqueConstraint(fields=('offer', 'year'), name='one_term_per_offer_and_year'),
        ),
    ]
