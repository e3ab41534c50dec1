"""Certificates' validity counted as the Civil Code counts months (ocop_portal.dates): a
certificate decided on 25/03/2026 is valid until 25/03/2029, not 24/03/2029.

Rows whose end date is the old default (36 months from the start, less one day) get the new
one; dates typed by hand are left alone. Each change is recorded in the certificate's history.
A certificate the nightly task had already marked expired whose new end date has not passed is
valid again, and its product shows its stars again."""

import datetime

from dateutil.relativedelta import relativedelta
from django.db import migrations, models
from django.utils import timezone

# Every criteria version carries 36 months when this runs (the field has just been added).
MONTHS = 36


def _old_default(start):
    return start + relativedelta(months=MONTHS) - datetime.timedelta(days=1)


def _new_default(start):
    return start + relativedelta(months=MONTHS)


def forwards(apps, schema_editor):
    Certificate = apps.get_model("products", "Certificate")
    Historical = apps.get_model("products", "HistoricalCertificate")
    Product = apps.get_model("products", "Product")
    today = timezone.localdate()
    now = timezone.now()
    copied = [f for f in Historical._meta.fields if not f.name.startswith("history_")]
    restored_products = set()
    history = []
    for certificate in Certificate.objects.exclude(valid_from=None).exclude(valid_until=None).iterator():
        if certificate.valid_until != _old_default(certificate.valid_from):
            continue
        certificate.valid_until = _new_default(certificate.valid_from)
        if certificate.status == "expired" and certificate.valid_until >= today:
            certificate.status = "valid"
            restored_products.add(certificate.product_id)
        certificate.updated_at = now
        # update(), not save(): the same rows and no signals whichever registry runs this.
        Certificate.objects.filter(pk=certificate.pk).update(
            valid_until=certificate.valid_until, status=certificate.status, updated_at=now
        )
        row = Historical(history_date=now, history_type="~", history_user=None)
        for field in copied:
            setattr(row, field.attname, getattr(certificate, field.attname, None))
        history.append(row)
    Historical.objects.bulk_create(history)
    for product_id in restored_products:
        current = (
            Certificate.objects.filter(
                product_id=product_id, status="valid", valid_from__lte=today, valid_until__gte=today
            )
            .order_by("-decision_date", "-pk")
            .first()
        )
        if current is not None:
            Product.objects.filter(pk=product_id).update(
                stars=current.stars, certified_at=current.decision_date, updated_at=now
            )


class Migration(migrations.Migration):
    dependencies = [
        ("products", "0003_product_code_format"),
    ]

    operations = [
        migrations.AlterField(
            model_name="certificate",
            name="valid_until",
            field=models.DateField(
                blank=True,
                help_text="Empty: the validity of the criteria in force (36 months), to the same day.",
                verbose_name="valid until",
            ),
        ),
        migrations.AlterField(
            model_name="historicalcertificate",
            name="valid_until",
            field=models.DateField(
                blank=True,
                help_text="Empty: the validity of the criteria in force (36 months), to the same day.",
                verbose_name="valid until",
            ),
        ),
        migrations.RunPython(forwards, migrations.RunPython.noop),
    ]
