"""Check-in: a scan counts once (the same ticket twice, the same scan resent after a network
cut, two phones at once), a ticket for another course or without a seat is refused with a
clear message, and the JSON endpoint is staff-only and CSRF-protected."""

import json
import threading
import uuid

import pytest
from django.db import connection
from django.test import Client
from django.urls import reverse

from tests.factories import MembershipFactory, StaffUserFactory
from tests.factories.trainings import CourseFactory, RegistrationFactory
from trainings.models import Attendance, Registration, ScanReceipt
from trainings.services.checkin import checkin_scan, ticket_code_clean

pytestmark = pytest.mark.django_db


def _scan(session, user, code, client_id=None, **kwargs):
    return checkin_scan(session=session, by=user, client_id=client_id or uuid.uuid4().hex, code=code, **kwargs)


def test_a_ticket_scanned_twice_counts_once(staff_user):
    registration = RegistrationFactory(person__full_name="Lê Thị Hoa")
    session = registration.course.sessions.get()

    first = _scan(session, staff_user, registration.ticket_code)
    second = _scan(session, staff_user, registration.ticket_code)

    assert first["result"] == "checked_in" and first["count"] == 1
    assert first["message"] == "Đã điểm danh: Lê Thị Hoa."
    assert second["result"] == "already" and second["count"] == 1
    assert "Lê Thị Hoa đã điểm danh lúc" in second["message"] and "Chỉ tính một lần" in second["message"]
    assert Attendance.objects.filter(registration=registration, session=session).count() == 1


def test_a_scan_resent_after_a_network_cut_gets_its_first_answer(staff_user):
    registration = RegistrationFactory()
    session = registration.course.sessions.get()
    client_id = uuid.uuid4().hex

    first = _scan(session, staff_user, registration.ticket_code, client_id=client_id)
    resent = _scan(session, staff_user, registration.ticket_code, client_id=client_id)

    assert first["result"] == resent["result"] == "checked_in"
    assert resent["replayed"] is True and first["replayed"] is False
    assert ScanReceipt.objects.count() == 1 and Attendance.objects.count() == 1


def test_a_ticket_of_another_course_is_refused(staff_user):
    registration = RegistrationFactory(course__title="Liên kết chuỗi giá trị")
    other_session = CourseFactory().sessions.get()

    answer = _scan(other_session, staff_user, registration.ticket_code)

    assert answer["result"] == "refused"
    assert answer["message"] == ("Vé này thuộc khóa khác: “Liên kết chuỗi giá trị”. Vé không có giá trị cho buổi này.")
    assert not Attendance.objects.exists()


def test_a_ticket_without_a_confirmed_seat_is_refused(staff_user):
    registration = RegistrationFactory(status=Registration.Status.WITHDRAWN, person__full_name="Đỗ Văn Nam")

    answer = _scan(registration.course.sessions.get(), staff_user, registration.ticket_code)

    assert answer["result"] == "refused" and answer["message"].startswith("Đỗ Văn Nam chưa có chỗ được xác nhận")
    assert not Attendance.objects.exists()


def test_an_unknown_code_says_so(staff_user):
    session = CourseFactory().sessions.get()

    answer = _scan(session, staff_user, "zz-zz 9999")

    assert answer["result"] == "unknown" and answer["message"] == "Không có vé nào mang mã “ZZZZ9999”."


def test_a_code_typed_with_spaces_or_read_from_an_address_is_understood():
    assert ticket_code_clean(" k7qm 2rtx-9a ") == "K7QM2RTX9A"
    assert ticket_code_clean("https://ocop.example.vn/ve/K7QM2RTX9A/") == "K7QM2RTX9A"


@pytest.mark.skipif(connection.vendor != "postgresql", reason="needs PostgreSQL row locks")
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_two_phones_scanning_the_same_ticket_at_once_count_once():
    staff_user = StaffUserFactory()
    registration = RegistrationFactory()
    session = registration.course.sessions.get()
    barrier = threading.Barrier(4)
    answers = []

    def phone():
        barrier.wait()
        try:
            answers.append(_scan(session, staff_user, registration.ticket_code)["result"])
        finally:
            connection.close()

    threads = [threading.Thread(target=phone) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert sorted(answers) == ["already", "already", "already", "checked_in"]
    assert Attendance.objects.count() == 1


# --- The page and the JSON endpoint -----------------------------------------------------------


def _post(client, session, payload):
    return client.post(
        reverse("trainings:checkin_scan", args=[session.pk]), json.dumps(payload), content_type="application/json"
    )


def test_the_endpoint_checks_in_and_answers_json(staff_client):
    registration = RegistrationFactory(person__full_name="Vũ Thị Lan")
    session = registration.course.sessions.get()

    response = _post(staff_client, session, {"client_id": uuid.uuid4().hex, "code": registration.ticket_code})

    assert response.status_code == 200
    answer = response.json()
    assert answer["result"] == "checked_in" and answer["count"] == 1
    assert answer["attendee"]["name"] == "Vũ Thị Lan"
    assert Attendance.objects.get().method == Attendance.Method.SCAN


def test_the_endpoint_refuses_a_scan_without_an_id(staff_client):
    registration = RegistrationFactory()

    response = _post(staff_client, registration.course.sessions.get(), {"code": registration.ticket_code})

    assert response.status_code == 400
    assert response.json()["message"] == "Lượt quét này không có mã định danh hợp lệ; hãy tải lại trang điểm danh."
    assert not Attendance.objects.exists()


def test_the_endpoint_needs_the_csrf_token(staff_user):
    client = Client(enforce_csrf_checks=True)
    client.force_login(staff_user)
    registration = RegistrationFactory()

    response = _post(
        client, registration.course.sessions.get(), {"client_id": uuid.uuid4().hex, "code": registration.ticket_code}
    )

    assert response.status_code == 403
    assert not Attendance.objects.exists()


def test_the_check_in_pages_are_for_staff_only(client):
    registration = RegistrationFactory()
    session = registration.course.sessions.get()
    client.force_login(MembershipFactory(cooperative=registration.cooperative).user)

    assert client.get(reverse("trainings:checkin", args=[session.pk])).status_code == 404
    assert _post(client, session, {"client_id": uuid.uuid4().hex, "code": registration.ticket_code}).status_code == 404
    assert client.get(reverse("trainings:checkin_search", args=[session.pk]), {"q": "a"}).status_code == 404
    assert not Attendance.objects.exists()


def test_anonymous_visitors_go_to_the_login_page(client):
    session = CourseFactory().sessions.get()

    response = client.get(reverse("trainings:checkin", args=[session.pk]))

    assert response.status_code == 302 and "login" in response["Location"]


def test_the_page_lists_who_checked_in_with_the_count(staff_client, staff_user):
    registration = RegistrationFactory(person__full_name="Hoàng Văn Tú")
    RegistrationFactory(course=registration.course)
    session = registration.course.sessions.get()
    _scan(session, staff_user, registration.ticket_code)

    page = staff_client.get(reverse("trainings:checkin", args=[session.pk])).content.decode()

    assert "Hoàng Văn Tú" in page
    assert 'id="checkin-count">1<' in page
    assert "trên 2 chỗ đã xác nhận" in page
    assert "vendor/jsqr/jsQR.js" in page  # the shipped decoder, no CDN
    assert "https://cdn" not in page


def test_the_name_search_ignores_accents(staff_client):
    registration = RegistrationFactory(person__full_name="Nguyễn Thị Hằng")
    RegistrationFactory(course=registration.course, person__full_name="Trần Văn Bình")
    session = registration.course.sessions.get()

    results = staff_client.get(reverse("trainings:checkin_search", args=[session.pk]), {"q": "nguyen hang"}).json()

    assert [row["name"] for row in results["results"]] == ["Nguyễn Thị Hằng"]
    assert results["results"][0]["code"] == registration.ticket_code
