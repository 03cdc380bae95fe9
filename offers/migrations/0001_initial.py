# The offer app takes over Service (from agreements) and CostPool and SpecialAnnualAmount (from
# invoicing). This migration creates the Offer table and takes the three models into this app's
# state as they stand, on their old tables; 0002 renames the tables and gives them their offer.

import django.core.validators
import django.db.models.deletion
import django.utils.timezone
from decimal import Decimal
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):

    initial = True

    dependencies = [
        ('municipalities', '0002_municipal_orgnr'),
        ('agreements', '0007_billing_details_change'),
        ('invoicing', '0005_payment_reversal'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.CreateModel(
            name='Offer',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('name', models.CharField(max_length=200, unique=True, verbose_name='namn')),
                ('slug', models.SlugField(unique=True, verbose_name='kortnamn')),
                ('host_party', models.TextField(help_text='Värdstadens förvaltning och organisationsnummer, som i avtalets § 1.', verbose_name='värdens partsuppgifter')),
                ('indexation_percent', models.DecimalField(decimal_places=2, default=Decimal('2.00'), max_digits=5, validators=[django.core.validators.MinValueValidator(Decimal('0')), django.core.validators.MaxValueValidator(Decimal('100'))], verbose_name='årlig uppräkning (%)')),
                ('population_date', models.DateField(help_text='Den dag vars folkmängd kostnaden fördelas efter.', verbose_name='befolkningsnyckelns datum')),
                ('payment_term_days', models.PositiveSmallIntegerField(default=30, verbose_name='betalningsvillkor (dagar)')),
                ('first_year_rule', models.CharField(choices=[('twelfths', 'Återstående tolftedelar (senare hälften av månaden: nästa månad)'), ('full_year', 'Helt år'), ('days', 'Efter dagar')], default='twelfths', max_length=20, verbose_name='första årets faktura')),
                ('has_steering_group', models.BooleanField(default=True, verbose_name='har styrgrupp')),
                ('has_followup', models.BooleanField(default=True, verbose_name='har uppföljning')),
                ('has_training', models.BooleanField(default=True, verbose_name='har utbildning')),
                ('cost_base', models.ManyToManyField(blank=True, related_name='cost_base_offers', to='municipalities.municipality', verbose_name='kommuner i befolkningsnyckeln')),
            ],
            options={
                'verbose_name': 'erbjudande',
                'verbose_name_plural': 'erbjudanden',
                'ordering': ['name'],
            },
        ),
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name='Service',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('code', models.SlugField(unique=True, verbose_name='kod')),
                        ('name', models.CharField(max_length=100, verbose_name='namn')),
                        ('positions', models.PositiveSmallIntegerField(verbose_name='antal anställningar')),
                        ('description', models.TextField(verbose_name='beskrivning')),
                        ('order', models.PositiveSmallIntegerField(default=0, verbose_name='ordning')),
                    ],
                    options={
                        'verbose_name': 'verksamhet',
                        'verbose_name_plural': 'verksamheter',
                        'ordering': ['order'],
                        'db_table': 'agreements_service',
                    },
                ),
                migrations.CreateModel(
                    name='CostPool',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('year', models.PositiveSmallIntegerField(unique=True, verbose_name='år')),
                        ('amount', models.DecimalField(decimal_places=2, max_digits=14, validators=[django.core.validators.MinValueValidator(0)], verbose_name='belopp (kr)')),
                        ('note', models.TextField(blank=True, verbose_name='anteckning')),
                        ('confirmed_at', models.DateTimeField(default=django.utils.timezone.now, verbose_name='fastställd')),
                        ('confirmed_by', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='fastställd av')),
                    ],
                    options={
                        'verbose_name': 'kostnadsram',
                        'verbose_name_plural': 'kostnadsramar',
                        'ordering': ['-year'],
                        'constraints': [models.CheckConstraint(condition=models.Q(('amount__gte', 0)), name='cost_pool_not_negative')],
                        'db_table': 'invoicing_costpool',
                    },
                ),
                migrations.CreateModel(
                    name='SpecialAnnualAmount',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('year', models.PositiveSmallIntegerField(verbose_name='år')),
                        ('amount', models.DecimalField(decimal_places=2, max_digits=14, validators=[django.core.validators.MinValueValidator(0)], verbose_name='årsbelopp (kr)')),
                        ('note', models.TextField(blank=True, verbose_name='anteckning')),
                        ('set_at', models.DateTimeField(auto_now_add=True)),
                        ('municipality', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, to='municipalities.municipality', verbose_name='kommun')),
                        ('set_by', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='+', to=settings.AUTH_USER_MODEL)),
                    ],
                    options={
                        'verbose_name': 'särskilt årsbelopp',
                        'verbose_name_plural': 'särskilda årsbelopp',
                        'constraints': [models.UniqueConstraint(fields=('municipality', 'year'), name='one_special_amount')],
                        'db_table': 'invoicing_specialannualamount',
                    },
                ),
            ],
        ),
    ]
