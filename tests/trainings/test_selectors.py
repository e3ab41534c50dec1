"""The contract selectors the plans app reads: the leaders' target (also when a cooperative
changes its leader; its counts-only and month-by-month forms agree with it), courses held,
participants attended, the home page's events."""

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


def _coverage(start, end, **kwargs):
    """leader_coverage, after checking that the one-query forms the dashboard reads agree."""
    coverage = selectors.leader_coverage(start=start, end=end, **kwargs)
    counts = selectors.leader_coverage_counts(start=start, end=end, **kwargs)
    assert counts == {key: coverage[key] for key in ("participating", "trained", "percent")}
    assert selectors.leader_coverage_monthly(start=start, end=end, **kwargs)[-1][1] == coverage["percent"]
    return coverage


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

    coverage = _coverage(start, end)

    assert [(r["cooperative"].name, r["trained"]) for r in coverage["rows"]] == [("HTX A", True), ("HTX B", False)]
    assert coverage["rows"][0]["course"] == course and coverage["rows"][0]["leader"] == leader_a
    assert (coverage["participating"], coverage["trained"], coverage["percent"]) == (2, 1, 50.0)


def test_a_new_leader_counts_as_untrained_until_trained():
    start, end = _year()
    cooperative = _participating("HTX đổi giám đốc")
    old = PersonFactory(cooperative=cooperative, is_leader=True)
    course = _counting_course(start + datetime.timedelta(days=10))
    _attend(course, old)
    assert _coverage(start, end)["trained"] == 1

    new = PersonFactory(cooperative=cooperative)
    person_make_leader(person=new, by=None)

    coverage = _coverage(start, end)
    assert coverage["rows"][0]["leader"] == new and coverage["trained"] == 0 and coverage["percent"] == 0.0
    _attend(course, new)
    assert _coverage(start, end)["trained"] == 1


def test_a_course_outside_the_period_or_cancelled_does_not_count():
    start, end = _year()
    cooperative = _participating("HTX cũ")
    leader = PersonFactory(cooperative=cooperative, is_leader=True)
    _attend(_counting_course(start - datetime.timedelta(days=5)), leader)
    cancelled = _counting_course(start + datetime.timedelta(days=5))
    _attend(cancelled, leader)
    Course.objects.filter(pk=cancelled.pk).update(status="cancelled")
    assert _coverage(start, end)["trained"] == 0


def test_leader_coverage_with_nobody_participating_has_no_percent():
    start, end = _year()
    assert _coverage(start, end) == {
        "rows": [],
        "participating": 0,
        "trained": 0,
        "percent": None,
    }


def test_leader_coverage_filters_by_cooperatives_and_runs_flat_queries():
    start, end = _year()
    kept = _participating("HTX giữ")
    _participating("HTX bỏ")
    coverage = _coverage(start, end, cooperatives=type(kept).objects.filter(pk=kept.pk))
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
    for function in (selectors.leader_coverage_counts, selectors.leader_coverage_monthly):
        with CaptureQueriesContext(connection) as counts:
            function(start=start, end=end)
        assert len(counts.captured_queries) == 4


def test_leader_coverage_month_by_month_follows_when_each_cooperative_joined_and_was_trained():
    year = datetime.date.today().year - 1
    start, end = datetime.date(year, 1, 1), datetime.date(year, 12, 31)
    march = CertificateFactory(
        product__cooperative=CooperativeFactory(name="HTX từ tháng 3"),
        valid_from=datetime.date(year, 3, 10),
        valid_until=datetime.date(year + 2, 3, 9),
    ).product.cooperative
    january = CertificateFactory(
        product__cooperative=CooperativeFactory(name="HTX từ trước"),
        valid_from=datetime.date(year - 1, 6, 1),
        valid_until=datetime.date(year + 1, 5, 31),
    ).product.cooperative
    PersonFactory(cooperative=january, is_leader=True)
    _attend(_counting_course(datetime.date(year, 6, 15)), PersonFactory(cooperative=march, is_leader=True))

    monthly = dict(selectors.leader_coverage_monthly(start=start, end=end))

    assert monthly[datetime.date(year, 1, 1)] == monthly[datetime.date(year, 2, 1)] == 0.0  # one, untrained
    assert monthly[datetime.date(year, 3, 1)] == monthly[datetime.date(year, 5, 1)] == 0.0  # two, untrained
    assert monthly[datetime.date(year, 6, 1)] == monthly[datetime.date(year, 12, 1)] == 50.0
    assert len(monthly) == 12
    for month_end in (datetime.date(year, 2, 28), datetime.date(year, 5, 31), datetime.date(year, 6, 30)):
        assert monthly[month_end.replace(day=1)] == _coverage(start, month_end)["percent"]
    assert selectors.leader_coverage_monthly(start=start, end=datetime.date(year, 1, 31)) == [
        (datetime.date(year, 1, 1), 0.0)
    ]
    assert _coverage(datetime.date(year + 5, 1, 1), datetime.date(year + 5, 3, 31))["percent"] is None


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


def test_public_course_cards_are_plain_values_read_in_two_queries(django_assert_num_queries):
    from django.utils import translation

    second, first = TopicFactory(name="An toàn thực phẩm", position=2), TopicFactory(name="Chu trình OCOP", position=1)
    course = CourseFactory(title="Tập huấn thẻ", topics=[second, first], capacity=5)
    RegistrationFactory(course=course, status="confirmed")
    RegistrationFactory(course=course, status="cancelled")
    CourseFactory(status=Course.Status.DRAFT)

    with django_assert_num_queries(2):
        cards = selectors.public_course_cards(upcoming=True)

    assert [card.title for card in cards] == ["Tập huấn thẻ"]
    card = cards[0]
    assert card.topic_names == ("Chu trình OCOP", "An toàn thực phẩm")  # the topics' display order
    assert (card.seats, card.capacity, card.past_card) == (1, 5, False)
    assert card.get_absolute_url() == course.get_absolute_url() and card.venue == course.venue
    with translation.override("en"):
        assert card.get_kind_display() == "Training course"
    hash(card)  # a card is the key of its cached HTML
    with django_assert_num_queries(1):
        assert selectors.public_course_cards(upcoming=False) == []
