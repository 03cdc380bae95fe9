# Templates and agreements belong to an offer: a place for it here, filled in by 0010 and made
# required by 0011 (data and schema changes in separate migrations, for PostgreSQL).

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('agreements', '0008_service_to_offers'),
        ('offers', '0004_offer_required'),
    ]

    operations = [
        migrations.AddField(
            model_name='agreementtemplate',
            name='offer',
            field=models.ForeignKey(null=True, on_delete=django.db.models.deletion.PROTECT, related_name='templates', to='offers.offer', verbose_name='erbjudande'),
        ),
        migrations.AddField(
            model_name='agreement',
            name='offer',
            field=models.ForeignKey(null=True, on_delete=django.db.models.deletion.PROTECT, related_name='agreements', to='offers.offer', verbose_name='erbjudande'),
        ),
    ]
