"""The registration rules: capacity (also under concurrency on PostgreSQL), the waiting list and
its automatic promotion, approval, withdrawal, cancellation, attendance, reminders and the
emails each one sends."""

import datetime
import threading

import pytest
from django.db import connection, connections
from django.utils import translation

from cooperatives.models import Person
from ocop_portal.errors import ApplicationError
from ocop_portal.models import OutboundEmail
from tests.factories import StaffUserFactory
from tests.factories.cooperatives import CooperativeFactory, PersonFactory
from tests.factories.trainings import CourseFactory, SessionFactory, in_days
from trainings import services
from trainings.models import Attendance, Course, Registration, TrainingLog

pytestmark = pytest.mark.django_db
S = Registration.Status


@pytest.fixture(autouse=True)
def _english():
    """The refusals in English (the emails are always written in Vietnamese)."""
    with translation.override("en"):
        yield


def _people(cooperative, n):
    return [PersonFactory(cooperative=cooperative, email=f"p{i}.{cooperative.pk}@example.vn") for i in range(n)]


def test_register_gives_seats_then_the_waiting_list():
    course = CourseFactory(capacity=2)
    cooperative = CooperativeFactory(email="htx@example.vn")
    people = _people(cooperative, 3)

    created = services.registration_create(course=course, cooperative=cooperative, people=people, by=None)

    assert [r.status for r in created] == [S.CONFIRMED, S.CONFIRMED, S.WAITING]
    assert created[2].waiting_position == 1
    subjects = sorted(OutboundEmail.objects.values_list("subject", flat=True))
    assert len(subjects) == 3 and sum("Trong danh sách chờ" in s for s in subjects) == 1
    assert "htx@example.vn" in OutboundEmail.objects.first().to


def test_register_with_approval_holds_a_seat_pending():
    course = CourseFactory(capacity=5, needs_approval=True)
    cooperative = CooperativeFactory()
    [registration] = services.registration_create(
        course=course, cooperative=cooperative, people=_people(cooperative, 1), by=None
    )
    assert registration.status == S.PENDING

    services.registration_approve(registration=registration, by=StaffUserFactory(), note="Mời anh đến đúng giờ")

    registration.refresh_from_db()
    assert registration.status == S.CONFIRMED and registration.staff_note == "Mời anh đến đúng giờ"
    assert OutboundEmail.objects.filter(subject__startswith="Đã xác nhận chỗ").count() == 1


def test_register_after_closing_is_refused_and_saves_nothing():
    course = CourseFactory(registration_opens_on=in_days(-10), registration_closes_on=in_days(-1))
    cooperative = CooperativeFactory()
    with pytest.raises(ApplicationError, match="Registration closed on"):
        services.registration_create(course=course, cooperative=cooperative, people=_people(cooperative, 1), by=None)
    assert not Registration.objects.exists() and not OutboundEmail.objects.exists()


def test_register_a_person_of_another_cooperative_is_refused():
    course = CourseFactory()
    ours, theirs = CooperativeFactory(), CooperativeFactory()
    with pytest.raises(ApplicationError, match="is not a person of"):
        services.registration_create(
            course=course, cooperative=ours, people=[*_people(ours, 1), *_people(theirs, 1)], by=None
        )
    assert not Registration.objects.exists()


def test_the_same_person_cannot_register_twice():
    course = CourseFactory()
    cooperative = CooperativeFactory()
    person = PersonFactory(cooperative=cooperative)
    services.registration_create(course=course, cooperative=cooperative, people=[person], by=None)
    with pytest.raises(ApplicationError, match="already registered"):
        services.registration_create(course=course, cooperative=cooperative, people=[person], by=None)
    assert Registration.objects.count() == 1


def test_withdrawing_a_seat_promotes_the_first_waiting_and_emails_them():
    course = CourseFactory(capacity=1)
    cooperative = CooperativeFactory()
    first, second, third = services.registration_create(
        course=course, cooperative=cooperative, people=_people(cooperative, 3), by=None
    )
    OutboundEmail.objects.all().delete()

    services.registration_withdraw(registration=first, by=None)

    second.refresh_from_db()
    third.refresh_from_db()
    assert second.status == S.CONFIRMED and second.waiting_position is None
    assert third.status == S.WAITING and third.waiting_position == 1
    [email] = OutboundEmail.objects.all()
    assert email.subject.startswith("Đã có chỗ cho bạn") and second.person.email in email.to
    assert TrainingLog.objects.filter(registration=second, action=TrainingLog.Action.PROMOTED).exists()


def test_refusing_frees_the_seat_for_the_waiting_list():
    course = CourseFactory(capacity=1)
    cooperative = CooperativeFactory()
    first, second = services.registration_create(
        course=course, cooperative=cooperative, people=_people(cooperative, 2), by=None
    )
    services.registration_refuse(registration=first, by=StaffUserFactory(), note="Không đúng đối tượng")
    first.refresh_from_db()
    second.refresh_from_db()
    assert first.status == S.REFUSED and first.staff_note == "Không đúng đối tượng"
    assert second.status == S.CONFIRMED


def test_staff_move_between_the_waiting_list_and_the_seats():
    course = CourseFactory(capacity=1)
    cooperative = CooperativeFactory()
    staff = StaffUserFactory()
    seated, waiting = services.registration_create(
        course=course, cooperative=cooperative, people=_people(cooperative, 2), by=None
    )
    with pytest.raises(ApplicationError, match="The course is full"):
        services.registration_to_seat(registration=waiting, by=staff)

    services.registration_to_waiting(registration=seated, by=staff)

    seated.refresh_from_db()
    waiting.refresh_from_db()
    assert waiting.status == S.CONFIRMED
    assert seated.status == S.WAITING and seated.waiting_position == 1


def test_raising_the_capacity_gives_the_new_seats_to_the_waiting_list():
    course = CourseFactory(capacity=1)
    cooperative = CooperativeFactory()
    _, waiting = services.registration_create(
        course=course, cooperative=cooperative, people=_people(cooperative, 2), by=None
    )
    course.capacity = 2
    services.course_save(course=course, by=StaffUserFactory())
    waiting.refresh_from_db()
    assert waiting.status == S.CONFIRMED


def test_capacity_below_the_seats_taken_is_refused():
    course = CourseFactory(capacity=3)
    cooperative = CooperativeFactory()
    services.registration_create(course=course, cooperative=cooperative, people=_people(cooperative, 2), by=None)
    course.capacity = 1
    with pytest.raises(ApplicationError, match="cannot be below the 2 seats"):
        services.course_save(course=course, by=StaffUserFactory())
    course.refresh_from_db()
    assert course.capacity == 3


def test_a_session_that_ends_before_it_starts_is_refused():
    course = CourseFactory(sessions=False)
    session = SessionFactory.build(course=course, starts_at=datetime.time(14, 0), ends_at=datetime.time(8, 0))
    with pytest.raises(ApplicationError, match="must end after it starts"):
        services.session_save(session=session, by=StaffUserFactory())
    assert not course.sessions.exists()


def test_cancelling_the_course_notifies_everyone_registered():
    course = CourseFactory(capacity=1)
    cooperative = CooperativeFactory()
    services.registration_create(course=course, cooperative=cooperative, people=_people(cooperative, 2), by=None)
    OutboundEmail.objects.all().delete()

    services.course_cancel(course=course, by=StaffUserFactory(), message="Bão số 3")

    assert set(Registration.objects.values_list("status", flat=True)) == {S.CANCELLED}
    emails = list(OutboundEmail.objects.all())
    assert len(emails) == 2 and all(e.subject.startswith("Khóa học bị hủy") and "Bão số 3" in e.body for e in emails)
    assert Course.objects.get().status == Course.Status.CANCELLED


def test_course_change_notification_reaches_seated_and_waiting():
    course = CourseFactory(capacity=1)
    cooperative = CooperativeFactory()
    services.registration_create(course=course, cooperative=cooperative, people=_people(cooperative, 2), by=None)
    OutboundEmail.objects.all().delete()
    assert services.course_change_notify(course=course, by=StaffUserFactory(), message="Đổi sang hội trường B") == 2
    assert (
        OutboundEmail.objects.filter(subject__startswith="Khóa học thay đổi", body__contains="hội trường B").count()
        == 2
    )


def test_attendance_mark_is_idempotent_and_checks_the_course():
    course = CourseFactory()
    cooperative = CooperativeFactory()
    [registration] = services.registration_create(
        course=course, cooperative=cooperative, people=_people(cooperative, 1), by=None
    )
    session = course.sessions.get()
    staff = StaffUserFactory()

    first = services.attendance_mark(registration=registration, session=session, by=staff, method="scan")
    again = services.attendance_mark(registration=registration, session=session, by=staff, method="typed")

    assert first[1] is True and again[1] is False and first[0].pk == again[0].pk
    assert Attendance.objects.count() == 1
    other_session = CourseFactory().sessions.get()
    with pytest.raises(ApplicationError, match="another course"):
        services.attendance_mark(registration=registration, session=other_session, by=staff, method="scan")


def test_attendance_refused_without_a_confirmed_seat():
    course = CourseFactory(needs_approval=True)
    cooperative = CooperativeFactory()
    [registration] = services.registration_create(
        course=course, cooperative=cooperative, people=_people(cooperative, 1), by=None
    )
    with pytest.raises(ApplicationError, match="no confirmed seat"):
        services.attendance_mark(registration=registration, session=course.sessions.get(), by=None, method="sheet")


def test_the_sign_in_sheet_adds_and_removes_attendance():
    course = CourseFactory()
    cooperative = CooperativeFactory()
    one, two = services.registration_create(
        course=course, cooperative=cooperative, people=_people(cooperative, 2), by=None
    )
    session = course.sessions.get()
    staff = StaffUserFactory()
    services.attendance_mark(registration=one, session=session, by=staff, method="scan")

    result = services.attendance_sheet_save(session=session, present=[two], by=staff)

    assert result == {"added": 1, "removed": 1}
    assert list(Attendance.objects.values_list("registration", "method")) == [(two.pk, "sheet")]


def test_reminders_go_the_day_before_once():
    course = CourseFactory(sessions=False)
    session = SessionFactory(course=course, date=in_days(1))
    SessionFactory(course=course, date=in_days(2))
    cooperative = CooperativeFactory()
    services.registration_create(course=course, cooperative=cooperative, people=_people(cooperative, 2), by=None)
    OutboundEmail.objects.all().delete()

    assert services.reminders_send() == [session]
    assert services.reminders_send() == []
    assert OutboundEmail.objects.filter(subject__startswith="Nhắc lịch").count() == 2


def test_leaders_invite_emails_each_cooperative_and_its_leader():
    course = CourseFactory()
    cooperative = CooperativeFactory(email="htx@example.vn")
    PersonFactory(cooperative=cooperative, is_leader=True, email="giamdoc@example.vn")
    assert services.leaders_invite(course=course, cooperatives=[cooperative], by=StaffUserFactory()) == 1
    [email] = OutboundEmail.objects.all()
    assert set(email.to) == {"htx@example.vn", "giamdoc@example.vn"} and course.title in email.subject


@pytest.mark.skipif(connection.vendor != "postgresql", reason="needs PostgreSQL row locks")
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_capacity_is_never_exceeded_when_many_register_at_once():
    course = CourseFactory(capacity=3)
    cooperatives = [CooperativeFactory() for _ in range(6)]
    people = [PersonFactory(cooperative=c) for c in cooperatives]
    barrier = threading.Barrier(len(people))
    errors = []

    def register(cooperative, person):
        try:
            barrier.wait()
            services.registration_create(course=course, cooperative=cooperative, people=[person], by=None)
        except Exception as error:  # noqa: BLE001
            errors.append(error)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=register, args=pair) for pair in zip(cooperatives, people, strict=True)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)

    assert errors == []
    statuses = sorted(Registration.objects.filter(course=course).values_list("status", flat=True))
    assert statuses.count(S.CONFIRMED) == 3 and statuses.count(S.WAITING) == 3
    positions = sorted(Registration.objects.filter(status=S.WAITING).values_list("waiting_position", flat=True))
    assert positions == [1, 2, 3]
    assert Person.objects.count() == 6
