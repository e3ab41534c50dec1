from django.db import migrations


def load(apps, schema_editor):
    from products.classification_data import classification_load

    classification_load(
        scheme_model=apps.get_model("products", "ClassificationScheme"),
        sector_model=apps.get_model("products", "Sector"),
        group_model=apps.get_model("products", "ProductGroup"),
        set_model=apps.get_model("products", "ProductSet"),
        standard_model=apps.get_model("products", "QualityStandard"),
    )


class Migration(migrations.Migration):
    dependencies = [("products", "0001_initial")]

    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
