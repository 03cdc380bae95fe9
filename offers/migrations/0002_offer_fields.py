# The moved tables get their new names and a place for their offer (filled in by 0003, made
# required by 0004: on PostgreSQL rows updated under a deferred foreign key cannot be altered in
# the same transaction, so data and schema changes are separate migrations).

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('offers', '0001_initial'),
        ('agreements', '0008_service_to_offers'),
        ('followup', '0002_service_to_offers'),
        ('invoicing', '0006_pools_to_offers'),
        ('municipalities', '0002_municipal_orgnr'),
    ]

    operations = [
        migrations.AlterModelTable(name='service', table=None),
        migrations.AlterModelTable(name='costpool', table=None),
        migrations.AlterModelTable(name='specialannualamount', table=None),
        migrations.AddField(
            model_name='service',
            name='offer',
            field=models.ForeignKey(null=True, on_delete=django.db.models.deletion.PROTECT, related_name='services', to='offers.offer', verbose_name='erbjudande'),
        ),
        migrations.AddField(
            model_name='costpool',
            name='offer',
            field=models.ForeignKey(null=True, on_delete=django.db.models.deletion.PROTECT, related_name='cost_pools', to='offers.offer', verbose_name='erbjudande'),
        ),
        migrations.AddField(
            model_name='specialannualamount',
            name='offer',
            field=models.ForeignKey(null=True, on_delete=django.db.models.deletion.PROTECT, related_name='special_annual_amounts', to='offers.offer', verbose_name='erbjudande'),
        ),
    ]
