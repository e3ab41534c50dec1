"""Every product that exists before the showcase gets its permanent QR code."""

import secrets

from django.db import migrations

ALPHABET = "0123456789abcdefghjkmnpqrstvwxyz"


def create_codes(apps, schema_editor):
    Product = apps.get_model("products", "Product")
    ProductCode = apps.get_model("showcase", "ProductCode")
    taken = set(ProductCode.objects.values_list("code", flat=True))
    missing = Product.objects.filter(qr_code__isnull=True).values_list("pk", flat=True)
    rows = []
    for product_id in missing.iterator():
        code = "".join(secrets.choice(ALPHABET) for _ in range(6))
        while code in taken:
            code = "".join(secrets.choice(ALPHABET) for _ in range(6))
        taken.add(code)
        rows.append(ProductCode(product_id=product_id, code=code))
    ProductCode.objects.bulk_create(rows, batch_size=1000)


class Migration(migrations.Migration):
    dependencies = [("showcase", "0001_initial")]

    operations = [migrations.RunPython(create_codes, migrations.RunPython.noop)]
