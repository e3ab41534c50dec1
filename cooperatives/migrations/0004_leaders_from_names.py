"""Each cooperative whose profile names a leader gets that leader as a Person (is_leader)."""

from django.db import migrations


def forwards(apps, schema_editor):
    Cooperative = apps.get_model("cooperatives", "Cooperative")
    Person = apps.get_model("cooperatives", "Person")
    for cooperative in Cooperative.objects.exclude(leader_name="").only("pk", "leader_name"):
        if not Person.objects.filter(cooperative=cooperative, is_leader=True, is_active=True).exists():
            Person.objects.create(
                cooperative=cooperative,
                full_name=" ".join(cooperative.leader_name.split()),
                position="Giám đốc",
                is_leader=True,
            )


class Migration(migrations.Migration):
    dependencies = [("cooperatives", "0003_people")]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
