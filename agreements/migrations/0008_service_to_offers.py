# Service moves to the offers app: only Django's state changes here; the table is renamed by
# offers 0002.

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('agreements', '0007_billing_details_change'),
        ('followup', '0002_service_to_offers'),
        ('offers', '0001_initial'),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.AlterField(
                    model_name='residentsmet',
                    name='service',
                    field=models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, to='offers.service', verbose_name='verksamhet'),
                ),
                migrations.DeleteModel(
                    name='Service',
                ),
            ],
        ),
    ]
