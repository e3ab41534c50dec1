"""The trainings demo: the seed plan's courses, one full with a waiting list, attendance that
makes the leaders' percentage true of the data; idempotent."""

import datetime
import io

import pytest
from django.core.management import call_command

from trainings.models import Attendance, Course, Registration
from trainings.selectors import leader_coverage

pytestmark = pytest.mark.django_db


def test_the_demo_loads_courses_registrations_and_attendance_once(monkeypatch):
    monkeypatch.setenv("DEMO_PASSWORD", "Demo-lan-dau-2026")
    call_command("load_demo", stdout=io.StringIO())
    counts = (Course.objects.count(), Registration.objects.count(), Attendance.objects.count())
    call_command("load_demo", stdout=io.StringIO())
    assert (Course.objects.count(), Registration.objects.count(), Attendance.objects.count()) == counts

    assert set(Course.objects.values_list("kind", flat=True)) == set(Course.Kind.values)
    full = Course.objects.get(slug="tham-quan-hoc-tap-ha-noi-2027")
    assert full.registrations.filter(status="confirmed").count() == full.capacity
    assert list(full.registrations.waiting().values_list("waiting_position", flat=True)) == [1, 2, 3]

    coverage = leader_coverage(start=datetime.date(2026, 1, 1), end=datetime.date(2026, 12, 31))
    assert coverage["participating"] > 0 and 0 < coverage["trained"] < coverage["participating"]
