"""The contract selectors the plans app reads (CONTRACTS.md): the leaders' target (also when a
cooperative changes its leader), courses held, participants attended, the home page's events."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from cooperatives.people import person_make_leader
from tests.factories import CertificateFactory
from tests.factories.cooperatives import CooperativeFactory, PersonFactory
from tests.factories.trainings import (
    AttendanceFactory,
    CourseFactory,
    RegistrationFactory,
    SessionFactory,
    TopicFactory,
)
from trainings import selectors
from trainings.models import Course

pytestmark = pytest.mark.django_db


def _year():
    today = datetime.date.today()
    return datetime.date(today.year, 1, 1), datetime.date(today.year, 12, 31)


def _participating(name):
    return CertificateFactory(product__cooperative=CooperativeFactory(name=name)).product.cooperative


def _counting_course(day):
    course = CourseFactory(
        sessions=False, topics=[TopicFactory(name="Chu trình OCOP", counts_toward_leaders_target=True)]
    )
    SessionFactory(course=course, date=day)
    return course


def _attend(course, person):
    registration = RegistrationFactory(course=course, cooperative=person.cooperative, person=person)
    return AttendanceFactory(registration=registration, session=course.sessions.first())


def test_leader_coverage_counts_current_leaders_who_attended_a_counting_course():
    start, end = _year()
    trained = _participating("HTX A")
    untrained = _participating("HTX B")
    CooperativeFactory(name="HTX không tham gia OCOP")
    leader_a = PersonFactory(cooperative=trained, is_leader=True)
    PersonFactory(cooperative=untrained, is_leader=True)
    course = _counting_course(start + datetime.timedelta(days=40))
    _attend(course, leader_a)
    # Attending a course whose topic does not count changes nothing.
    other = CourseFactory(sessions=False)
    SessionFactory(course=other, date=start + datetime.timedelta(days=50))

    coverage = selectors.leader_coverage(start=start, end=end)

    assert [(r["cooperative"].name, r["trained"]) for r in coverage["rows"]] == [("HTX A", True), ("HTX B", False)]
    assert coverage["rows"][0]["course"] == course and coverage["rows"][0]["leader"] == leader_a
    assert (coverage["participating"], coverage["trained"], coverage["percent"]) == (2, 1, 50.0)


def test_a_new_leader_counts_as_untrained_until_trained():
    start, end = _year()
    cooperative = _participating("HTX đổi giám đốc")
    old = PersonFactory(cooperative=cooperative, is_leader=True)
    course = _counting_course(start + datetime.timedelta(days=10))
    _attend(course, old)
    assert selectors.leader_coverage(start=start, end=end)["trained"] == 1

    new = PersonFactory(cooperative=cooperative)
    person_make_leader(person=new, by=None)

    coverage = selectors.leader_coverage(start=start, end=end)
    assert coverage["rows"][0]["leader"] == new and coverage["trained"] == 0 and coverage["percent"] == 0.0
    _attend(course, new)
    assert selectors.leader_coverage(start=start, end=end)["trained"] == 1


def test_a_course_outside_the_period_or_cancelled_does_not_count():
    start, end = _year()
    cooperative = _participating("HTX cũ")
    leader = PersonFactory(cooperative=cooperative, is_leader=True)
    _attend(_counting_course(start - datetime.timedelta(days=5)), leader)
    cancelled = _counting_course(start + datetime.timedelta(days=5))
    _attend(cancelled, leader)
    Course.objects.filter(pk=cancelled.pk).update(status="cancelled")
    assert selectors.leader_coverage(start=start, end=end)["trained"] == 0


def test_leader_coverage_with_nobody_participating_has_no_percent():
    start, end = _year()
    assert selectors.leader_coverage(start=start, end=end) == {
        "rows": [],
        "participating": 0,
        "trained": 0,
        "percent": None,
    }


def test_leader_coverage_filters_by_cooperatives_and_runs_flat_queries():
    start, end = _year()
    kept = _participating("HTX giữ")
    _participating("HTX bỏ")
    coverage = selectors.leader_coverage(start=start, end=end, cooperatives=type(kept).objects.filter(pk=kept.pk))
    assert [r["cooperative"] for r in coverage["rows"]] == [kept]

    for i in range(5):
        PersonFactory(cooperative=_participating(f"HTX {i}"), is_leader=True)
    with CaptureQueriesContext(connection) as few:
        selectors.leader_coverage(start=start, end=end)
    for i in range(10):
        PersonFactory(cooperative=_participating(f"HTX thêm {i}"), is_leader=True)
    with CaptureQueriesContext(connection) as many:
        selectors.leader_coverage(start=start, end=end)
    assert len(few.captured_queries) == len(many.captured_queries) <= 4


def test_courses_held_and_participants_attended():
    start, end = _year()
    held = CourseFactory(sessions=False, status="held")
    SessionFactory(course=held, date=start + datetime.timedelta(days=3))
    draft = CourseFactory(sessions=False, status="draft")
    SessionFactory(course=draft, date=start + datetime.timedelta(days=3))
    previous = CourseFactory(sessions=False, status="held")
    SessionFactory(course=previous, date=start - datetime.timedelta(days=3))
    attended = RegistrationFactory(course=held)
    AttendanceFactory(registration=attended, session=held.sessions.get())
    RegistrationFactory(course=held)

    assert list(selectors.courses_held(start=start, end=end)) == [held]
    assert list(selectors.participants_attended(start=start, end=end)) == [attended]
    assert list(selectors.participants_attended(start=start, end=end, cooperatives=[attended.cooperative])) == [
        attended
    ]


def test_upcoming_public_events_has_the_home_page_keys():
    CourseFactory(title="Khóa sắp tới")
    CourseFactory(title="Khóa nháp", status="draft")
    [event] = selectors.upcoming_public_events(limit=5)
    assert set(event) == {"title", "starts_on", "place", "url", "kind"}
    assert event["title"] == "Khóa sắp tới" and isinstance(event["starts_on"], datetime.date)
