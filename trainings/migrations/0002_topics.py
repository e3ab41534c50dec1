"""The topics of the seed plan's courses (staff edit the list afterwards)."""

from django.db import migrations

TOPICS = [
    ("Chu trình OCOP", True),
    ("Chuỗi giá trị và liên kết", False),
    ("Xúc tiến thương mại", False),
    ("Quản trị sản xuất, kinh doanh", True),
    ("An toàn thực phẩm", False),
    ("Thương mại điện tử", False),
]


def forwards(apps, schema_editor):
    Topic = apps.get_model("trainings", "Topic")
    for position, (name, counts) in enumerate(TOPICS):
        Topic.objects.get_or_create(
            name=name, defaults={"counts_toward_leaders_target": counts, "position": position * 10}
        )


class Migration(migrations.Migration):
    dependencies = [("trainings", "0001_initial")]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
