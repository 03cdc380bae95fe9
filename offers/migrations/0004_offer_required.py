# Every service, pool and special amount belongs to an offer; codes and years are unique per offer.

import django.db.models.deletion
import offers.models
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('offers', '0003_todays_offer'),
    ]

    operations = [
        migrations.AlterField(
            model_name='service',
            name='offer',
            field=models.ForeignKey(default=offers.models.default_offer_id, on_delete=django.db.models.deletion.PROTECT, related_name='services', to='offers.offer', verbose_name='erbjudande'),
        ),
        migrations.AlterField(
            model_name='costpool',
            name='offer',
            field=models.ForeignKey(default=offers.models.default_offer_id, on_delete=django.db.models.deletion.PROTECT, related_name='cost_pools', to='offers.offer', verbose_name='erbjudande'),
        ),
        migrations.AlterField(
            model_name='specialannualamount',
            name='offer',
            field=models.ForeignKey(default=offers.models.default_offer_id, on_delete=django.db.models.deletion.PROTECT, related_name='special_annual_amounts', to='offers.offer', verbose_name='erbjudande'),
        ),
        migrations.AlterField(
            model_name='service',
            name='code',
            field=models.SlugField(verbose_name='kod'),
        ),
        migrations.AlterField(
            model_name='costpool',
            name='year',
            field=models.PositiveSmallIntegerField(verbose_name='år'),
        ),
        migrations.RemoveConstraint(
            model_name='specialannualamount',
            name='one_special_amount',
        ),
        migrations.AddConstraint(
            model_name='service',
            constraint=models.UniqueConstraint(fields=('offer', 'code'), name='one_service_code_per_offer'),
        ),
        migrations.AddConstraint(
            model_name='costpool',
            constraint=models.UniqueConstraint(fields=('offer', 'year'), name='one_cost_pool_per_offer_year'),
        ),
        migrations.AddConstraint(
            model_name='specialannualamount',
            constraint=models.UniqueConstraint(fields=('offer', 'municipality', 'year'), name='one_special_amount'),
        ),
    ]
