import datetime

import pytest
from django.db import IntegrityError, transaction

from cooperatives.models import Person
from tests.factories.cooperatives import CooperativeFactory, PersonFactory
from tests.factories.trainings import AttendanceFactory, CourseFactory, RegistrationFactory, SessionFactory
from trainings.models import Registration

pytestmark = pytest.mark.django_db


def test_session_end_before_start_refused_by_the_database():
    with pytest.raises(IntegrityError, match="session_ends_after_start"), transaction.atomic():
        SessionFactory(starts_at=datetime.time(10, 0), ends_at=datetime.time(9, 0))


def test_one_standing_registration_per_person_and_course():
    registration = RegistrationFactory()
    with pytest.raises(IntegrityError, match="registration_once_per_person_and_course"), transaction.atomic():
        RegistrationFactory(
            course=registration.course, cooperative=registration.cooperative, person=registration.person
        )
    registration.status = Registration.Status.WITHDRAWN
    registration.save()
    again = RegistrationFactory(
        course=registration.course, cooperative=registration.cooperative, person=registration.person
    )
    assert again.ticket_code != registration.ticket_code and len(again.ticket_code) == 10


def test_attendance_once_per_session():
    attendance = AttendanceFactory()
    with pytest.raises(IntegrityError, match="attendance_once_per_session"), transaction.atomic():
        AttendanceFactory(registration=attendance.registration, session=attendance.session)


def test_one_current_leader_per_cooperative():
    cooperative = CooperativeFactory()
    PersonFactory(cooperative=cooperative, is_leader=True)
    PersonFactory(cooperative=cooperative, is_leader=True, is_active=False)
    with pytest.raises(IntegrityError, match="person_one_current_leader"), transaction.atomic():
        PersonFactory(cooperative=cooperative, is_leader=True)
    assert Person.objects.leaders().filter(cooperative=cooperative).count() == 1


def test_course_certificate_rule_needs_n():
    with pytest.raises(IntegrityError, match="course_certificate_rule_consistent"), transaction.atomic():
        CourseFactory(certificate_rule="at_least", certificate_min_sessions=None)
