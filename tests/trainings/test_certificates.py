"""Certificates: the course's rule (every session, or at least N), issuing once with a number,
the PDF read back, the cooperative's download (another cooperative → 404) and the public
verification page, which shows only what the certificate states."""

import datetime
import io

import pypdf
import pytest
from django.urls import reverse

from ocop_portal.errors import ApplicationError
from tests.factories import MembershipFactory
from tests.factories.trainings import AttendanceFactory, CourseFactory, RegistrationFactory, SessionFactory, in_days
from trainings.models import Certificate, Course
from trainings.services.certificates import certificate_eligibility, certificate_issue, certificate_render

pytestmark = pytest.mark.django_db


def _course_of_three(**kwargs):
    course = CourseFactory(sessions=False, **kwargs)
    for days in (-3, -2, -1):
        SessionFactory(course=course, date=in_days(days), starts_at=datetime.time(8), ends_at=datetime.time(11, 30))
    return course


def _attend(registration, count):
    for session in registration.course.sessions.order_by("date")[:count]:
        AttendanceFactory(registration=registration, session=session)


def test_the_rule_all_sessions_needs_every_session():
    registration = RegistrationFactory(course=_course_of_three())
    _attend(registration, 2)

    eligibility = certificate_eligibility(registration)

    assert not eligibility.eligible and eligibility.required == 3
    assert eligibility.reason == "Đã tham gia 2 trên 3 buổi bắt buộc."
    with pytest.raises(
        ApplicationError, match="Chưa cấp được giấy chứng nhận cho .+: Đã tham gia 2 trên 3 buổi bắt buộc"
    ):
        certificate_issue(registration=registration)
    assert not Certificate.objects.exists()


def test_the_rule_at_least_n_accepts_n_sessions():
    course = _course_of_three(certificate_rule=Course.CertificateRule.AT_LEAST, certificate_min_sessions=2)
    registration = RegistrationFactory(course=course)
    _attend(registration, 2)

    certificate = certificate_issue(registration=registration)

    assert certificate.sessions_attended == 2 and certificate.sessions_total == 3
    assert certificate.hours == 7  # two sessions of 3 h 30
    assert certificate.number == f"GCN-{datetime.date.today().year}-{certificate.pk:05d}"


def test_a_certificate_is_issued_once():
    registration = RegistrationFactory(course=_course_of_three())
    _attend(registration, 3)

    first = certificate_issue(registration=registration)
    second = certificate_issue(registration=registration)

    assert first == second and Certificate.objects.count() == 1


def test_the_pdf_states_the_name_course_hours_and_verification_address(settings):
    settings.TRAININGS_CERTIFICATE = {**settings.TRAININGS_CERTIFICATE, "SIGNATORY_NAME": "Phạm Văn Minh"}
    registration = RegistrationFactory(
        course=_course_of_three(title="Tập huấn chu trình OCOP"),
        person__full_name="Đinh Thị Ngọc",
        cooperative__name="HTX Nông nghiệp Yên Mô",
    )
    _attend(registration, 3)
    certificate = certificate_issue(registration=registration)

    text = pypdf.PdfReader(io.BytesIO(certificate_render(certificate))).pages[0].extract_text()

    for expected in ("Đinh Thị Ngọc", "HTX Nông nghiệp Yên Mô", "Tập huấn chu trình OCOP", certificate.number, "10,5"):
        assert expected in text
    assert "Phạm Văn Minh" in text
    assert certificate.verification_code in text.replace("\n", "")


def test_the_cooperative_downloads_its_participants_certificate(client):
    registration = RegistrationFactory(course=_course_of_three())
    _attend(registration, 3)
    client.force_login(MembershipFactory(cooperative=registration.cooperative).user)

    response = client.get(reverse("trainings:space_certificate", args=[registration.pk]))

    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    certificate = Certificate.objects.get(registration=registration)
    assert certificate.number in pypdf.PdfReader(io.BytesIO(response.content)).pages[0].extract_text()


def test_another_cooperatives_certificate_answers_404(client):
    registration = RegistrationFactory(course=_course_of_three())
    _attend(registration, 3)
    client.force_login(MembershipFactory().user)

    response = client.get(reverse("trainings:space_certificate", args=[registration.pk]))

    assert response.status_code == 404
    assert not Certificate.objects.exists()


def test_no_certificate_before_the_rule_is_met(client):
    registration = RegistrationFactory(course=_course_of_three())
    _attend(registration, 1)
    client.force_login(MembershipFactory(cooperative=registration.cooperative).user)

    response = client.get(reverse("trainings:space_certificate", args=[registration.pk]), follow=True)

    assert "Đã tham gia 1 trên 3 buổi bắt buộc." in response.content.decode()
    assert not Certificate.objects.exists()


def test_the_verification_page_shows_only_what_the_certificate_states(client):
    registration = RegistrationFactory(
        course=_course_of_three(),
        person__full_name="Mai Văn Sơn",
        person__phone="0912345678",
        person__email="son@example.vn",
    )
    _attend(registration, 3)
    certificate = certificate_issue(registration=registration)

    page = client.get(reverse("trainings:certificate_verify", args=[certificate.verification_code])).content.decode()

    assert "Đây là giấy chứng nhận thật" in page
    assert "Mai Văn Sơn" in page and certificate.number in page
    assert "0912345678" not in page and "son@example.vn" not in page


def test_the_verification_page_answers_404_for_an_unknown_code(client):
    response = client.get(reverse("trainings:certificate_verify", args=["khongcoma2345678"]))

    assert response.status_code == 404
    assert "Không có giấy chứng nhận nào" in response.content.decode()
