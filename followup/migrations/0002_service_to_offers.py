# Service moves to the offers app: the usage figures' foreign key follows it (state only; the
# column and its constraint stay, the table they point at is renamed by offers 0002).

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('followup', '0001_initial'),
        ('offers', '0001_initial'),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.AlterField(
                    model_name='usagefigure',
                    name='service',
                    field=models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='usage_figures', to='offers.service', verbose_name='verksamhet'),
                ),
            ],
        ),
    ]
