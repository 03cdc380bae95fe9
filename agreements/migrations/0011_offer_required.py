# An agreement and its template always belong to an offer; a version label is unique per offer,
# and a municipality has at most one open agreement per offer.

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('agreements', '0010_todays_offer'),
    ]

    operations = [
        migrations.AlterField(
            model_name='agreementtemplate',
            name='offer',
            field=models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='templates', to='offers.offer', verbose_name='erbjudande'),
        ),
        migrations.AlterField(
            model_name='agreement',
            name='offer',
            field=models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='agreements', to='offers.offer', verbose_name='erbjudande'),
        ),
        migrations.AlterField(
            model_name='agreementtemplate',
            name='version',
            field=models.CharField(max_length=50, verbose_name='version'),
        ),
        migrations.AddConstraint(
            model_name='agreementtemplate',
            constraint=models.UniqueConstraint(fields=('offer', 'version'), name='one_version_per_offer'),
        ),
        migrations.RemoveConstraint(
            model_name='agreement',
            name='one_open_agreement_per_municipality',
        ),
        migrations.AddConstraint(
            model_name='agreement',
            constraint=models.UniqueConstraint(condition=models.Q(('status__in', ['utkast', 'skickat', 'undertecknat_kommun', 'gallande', 'uppsagt'])), fields=('municipality', 'offer'), name='one_open_agreement_per_municipality_and_offer'),
        ),
    ]
