"""The training metrics against the real trainings.selectors (skipped until trainings has them)."""

import datetime

import pytest
from django.urls import reverse

from plans.metrics import Scope, registry
from plans.models import Plan, Target
from tests.factories import CertificateFactory, CooperativeFactory
from tests.factories.cooperatives import PersonFactory

from .helpers import END, START

pytest.importorskip("trainings.selectors")
if not hasattr(__import__("trainings.selectors").selectors, "leader_coverage"):
    pytest.skip("trainings.selectors has no leader_coverage yet", allow_module_level=True)

from tests.factories.trainings import AttendanceFactory, CourseFactory, RegistrationFactory, TopicFactory  # noqa: E402

pytestmark = pytest.mark.django_db


def _participating(name):
    cooperative = CooperativeFactory(name=name)
    CertificateFactory(product__cooperative=cooperative, decision_date=datetime.date(2025, 6, 1))
    return cooperative, PersonFactory(cooperative=cooperative, is_leader=True, position="Giám đốc")


def _attended(person, day):
    topic = TopicFactory(name="Chu trình OCOP", counts_toward_leaders_target=True)
    course = CourseFactory(sessions=False, topics=[topic], status="held")
    session = course.sessions.create(date=day, starts_at=datetime.time(8), ends_at=datetime.time(11))
    registration = RegistrationFactory(course=course, cooperative=person.cooperative, person=person)
    AttendanceFactory(registration=registration, session=session)
    return course


def test_leaders_trained_courses_and_participants_from_the_trainings_records(staff_client):
    _first, trained_leader = _participating("HTX Sinh Dược")
    _participating("HTX gốm Bồ Bát")  # its leader was not trained
    _attended(trained_leader, datetime.date(2026, 3, 10))
    _attended(PersonFactory(cooperative=trained_leader.cooperative), START - datetime.timedelta(days=1))

    def value(code, scope=None):
        return registry.get(code).value(start=START, end=END, scope=scope or Scope())

    assert value("leaders_trained_percent") == 50.0
    assert value("courses_held") == 1
    assert value("training_participants") == 1
    assert value("leaders_trained_percent", Scope(commune=trained_leader.cooperative.commune_id)) == 50.0

    plan = Plan.objects.create(name="Kế hoạch 2026", starts_on=START, ends_on=END, status="in_force")
    Target.objects.create(plan=plan, metric="leaders_trained_percent", target_value=100)
    body = staff_client.get(reverse("plans:dashboard"), {"plan": plan.pk}).content.decode()
    assert 'data-figure="leaders_trained_percent">50,0 %<' in body
    records = staff_client.get(
        reverse("plans:metric", kwargs={"code": "leaders_trained_percent"}), {"plan": plan.pk}
    ).content.decode()
    assert "HTX Sinh Dược" in records and "HTX gốm Bồ Bát" in records
