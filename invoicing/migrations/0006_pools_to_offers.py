# CostPool and SpecialAnnualAmount move to the offers app: only Django's state changes here; the
# tables are renamed by offers 0002.

from django.db import migrations


class Migration(migrations.Migration):

    dependencies = [
        ('invoicing', '0005_payment_reversal'),
        ('offers', '0001_initial'),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.DeleteModel(name='CostPool'),
                migrations.DeleteModel(name='SpecialAnnualAmount'),
            ],
        ),
    ]
