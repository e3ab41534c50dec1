from django.db import migrations


def load(apps, schema_editor):
    from places.services import admin_units_load

    admin_units_load(
        province_model=apps.get_model("places", "Province"), commune_model=apps.get_model("places", "Commune")
    )


class Migration(migrations.Migration):
    dependencies = [("places", "0001_initial")]

    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
