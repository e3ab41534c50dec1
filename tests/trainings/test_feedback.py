"""The feedback form after a course (scores 1–5, free text; bad input saves nothing) and the
staff summary."""

import pytest
from django.urls import reverse

from tests.factories import MembershipFactory
from tests.factories.trainings import AttendanceFactory, CourseFactory, RegistrationFactory, SessionFactory, in_days
from trainings.models import Feedback

pytestmark = pytest.mark.django_db

GOOD = {
    "content": 5,
    "trainers": 4,
    "materials": 4,
    "organisation": 3,
    "overall": 5,
    "liked": "Rất thực tế",
    "suggestions": "",
}


def _attended_registration(**kwargs):
    course = CourseFactory(sessions=False)
    session = SessionFactory(course=course, date=in_days(-1))
    registration = RegistrationFactory(course=course, **kwargs)
    AttendanceFactory(registration=registration, session=session)
    return registration


def _member(client, registration):
    client.force_login(MembershipFactory(cooperative=registration.cooperative).user)
    return client


def test_a_participant_gives_feedback(client):
    registration = _attended_registration()

    response = _member(client, registration).post(reverse("trainings:space_feedback", args=[registration.pk]), GOOD)

    assert response.status_code == 302
    feedback = Feedback.objects.get(registration=registration)
    assert (feedback.content, feedback.overall, feedback.liked) == (5, 5, "Rất thực tế")


def test_a_score_outside_1_to_5_saves_nothing(client):
    registration = _attended_registration()

    response = _member(client, registration).post(
        reverse("trainings:space_feedback", args=[registration.pk]), {**GOOD, "overall": 9, "trainers": ""}
    )

    assert response.status_code == 400
    assert "Hãy chọn điểm từ 1 đến 5." in response.content.decode()
    assert not Feedback.objects.exists()


def test_the_form_is_closed_before_the_participant_attended(client):
    course = CourseFactory()
    registration = RegistrationFactory(course=course)

    _member(client, registration).post(reverse("trainings:space_feedback", args=[registration.pk]), GOOD)

    assert not Feedback.objects.exists()


def test_another_cooperatives_feedback_form_answers_404(client):
    registration = _attended_registration()
    client.force_login(MembershipFactory().user)

    assert client.get(reverse("trainings:space_feedback", args=[registration.pk])).status_code == 404


def test_staff_see_the_averages_and_comments(staff_client):
    registration = _attended_registration(person__full_name="Cao Thị Mận")
    other = RegistrationFactory(course=registration.course)
    AttendanceFactory(registration=other, session=registration.course.sessions.get())
    Feedback.objects.create(
        registration=registration, content=5, trainers=4, materials=4, organisation=3, overall=5, liked="Rất thực tế"
    )
    Feedback.objects.create(registration=other, content=3, trainers=4, materials=2, organisation=3, overall=4)

    page = staff_client.get(reverse("trainings:staff_feedback", args=[registration.course_id])).content.decode()

    assert "2 phiếu trả lời trên 2 học viên đã tham gia." in page
    assert "4,5" in page or "4.5" in page  # overall average
    assert "Rất thực tế" in page and "Cao Thị Mận" in page
