from django.db import migrations, models


def fill(apps, schema_editor):
    from products.classification_data import classification_english_fill

    classification_english_fill(
        sector_model=apps.get_model("products", "Sector"),
        group_model=apps.get_model("products", "ProductGroup"),
        set_model=apps.get_model("products", "ProductSet"),
    )


class Migration(migrations.Migration):
    dependencies = [("products", "0004_certificate_validity")]

    operations = [
        migrations.AddField(
            model_name="sector",
            name="name_en",
            field=models.CharField(blank=True, max_length=200, verbose_name="name in English"),
        ),
        migrations.AddField(
            model_name="productgroup",
            name="name_en",
            field=models.CharField(blank=True, max_length=200, verbose_name="name in English"),
        ),
        migrations.AddField(
            model_name="productset",
            name="name_en",
            field=models.CharField(blank=True, max_length=200, verbose_name="name in English"),
        ),
        migrations.RunPython(fill, migrations.RunPython.noop),
    ]
