"""Trainings in the browser. The journey of the issue: a cooperative registers two of its
people on a phone → staff approve them → at the session, one is checked in by typing the ticket
code and the other through the QR endpoint → after the course the cooperative downloads the
certificate PDF, whose QR address opens the public page saying it is genuine. And the check-in
page on a phone without network: the scans are kept and sent once the network returns, with
nothing counted twice (also when an answer is lost on the way back)."""

import datetime
import io
import re

import pypdf
from playwright.sync_api import expect

from tests.e2e.helpers import e2e_db
from tests.factories import MembershipFactory, StaffUserFactory, UserFactory
from tests.factories.cooperatives import PersonFactory
from tests.factories.trainings import CourseFactory, RegistrationFactory, SessionFactory
from trainings.models import Attendance, Certificate, Registration, ScanReceipt

PASSWORD = "Tap-huan-OCOP-2026"


def _login(page, email):
    page.goto("/accounts/login/")
    page.get_by_label("Email").fill(email)
    page.get_by_label("Mật khẩu").fill(PASSWORD)
    page.locator("main").get_by_role("button", name="Đăng nhập").click()
    page.wait_for_load_state()


def _type_code(page, code):
    page.locator("#checkin-code").fill(code)
    page.locator("#checkin-code-form").get_by_role("button", name="Điểm danh").click()


@e2e_db
def test_register_approve_check_in_and_download_a_genuine_certificate(phone_page, page):
    manager = UserFactory(email="thu@htxgiasinh.vn", full_name="Lê Thị Thu", password=PASSWORD)
    cooperative = MembershipFactory(user=manager, cooperative__name="HTX Nông nghiệp Gia Sinh").cooperative
    PersonFactory(cooperative=cooperative, full_name="Phạm Văn Lực", position="Giám đốc", is_leader=True)
    PersonFactory(cooperative=cooperative, full_name="Đinh Thị Nga", position="Kế toán")
    staff = StaffUserFactory(email="daotao@lienminh.vn", password=PASSWORD)
    course = CourseFactory(sessions=False, title="Tập huấn chu trình OCOP", needs_approval=True)
    session = SessionFactory(course=course, date=datetime.date.today())

    # 1. On a phone, the cooperative registers its leader (ticked already) and a member.
    _login(phone_page, manager.email)
    phone_page.goto(f"/space/trainings/courses/{course.pk}/")
    assert phone_page.get_by_label("Phạm Văn Lực").is_checked()
    phone_page.get_by_label("Đinh Thị Nga").check()
    phone_page.get_by_role("button", name="Đăng ký").click()
    assert set(Registration.objects.filter(course=course).values_list("status", flat=True)) == {"pending"}
    luc = Registration.objects.get(person__full_name="Phạm Văn Lực")
    nga = Registration.objects.get(person__full_name="Đinh Thị Nga")

    # 2. Staff approve both on the course page.
    _login(page, staff.email)
    for name in ("Phạm Văn Lực", "Đinh Thị Nga"):
        page.goto(f"/staff/trainings/{course.pk}/")
        page.locator("tr", has_text=name).get_by_role("button", name="Đồng ý").click()
        assert "xong" in page.locator(".alert-success").inner_text()
    assert set(Registration.objects.filter(course=course).values_list("status", flat=True)) == {"confirmed"}

    # 3. At the door: one ticket typed, the other sent to the QR endpoint as the camera does.
    page.goto(f"/staff/trainings/{course.pk}/")
    page.get_by_role("link", name="Điểm danh", exact=True).first.click()
    _type_code(page, luc.ticket_code)
    expect(page.locator("#checkin-count")).to_have_text("1")
    assert "Đã điểm danh: Phạm Văn Lực." in page.locator("#checkin-status").inner_text()
    answer = page.evaluate(
        """async (code) => {
            const config = JSON.parse(document.getElementById("checkin-config").textContent);
            const response = await fetch(config.endpoint, {method: "POST", headers: {"Content-Type": "application/json",
                "X-CSRFToken": config.csrf}, body: JSON.stringify({client_id: crypto.randomUUID(), code: code, method: "scan"})});
            return response.json();
        }""",
        nga.ticket_code,
    )
    assert answer["result"] == "checked_in" and answer["count"] == 2
    assert set(Attendance.objects.filter(session=session).values_list("method", flat=True)) == {"typed", "scan"}

    # 4. The course is over: the cooperative downloads the leader's certificate.
    phone_page.goto(f"/space/trainings/registrations/{luc.pk}/")
    with phone_page.expect_download() as download:
        phone_page.get_by_role("link", name="Tải giấy chứng nhận tham gia (PDF)").click()
    with open(download.value.path(), "rb") as pdf:
        text = pypdf.PdfReader(io.BytesIO(pdf.read())).pages[0].extract_text()
    certificate = Certificate.objects.get(registration=luc)
    assert "Phạm Văn Lực" in text and "HTX Nông nghiệp Gia Sinh" in text and certificate.number in text

    # 5. Its QR address opens the public page, which says it is genuine.
    page.goto(certificate.get_absolute_url())
    assert "Đây là giấy chứng nhận thật" in page.locator("main").inner_text()
    assert "Phạm Văn Lực" in page.locator("main").inner_text()


@e2e_db
def test_scans_made_offline_are_sent_when_the_network_returns_and_count_once(phone_page):
    staff = StaffUserFactory(email="diemdanh@lienminh.vn", password=PASSWORD)
    course = CourseFactory(sessions=False, title="Liên kết chuỗi giá trị")
    session = SessionFactory(course=course, date=datetime.date.today())
    first = RegistrationFactory(course=course, person__full_name="Đặng Thị Huyền")
    second = RegistrationFactory(course=course, person__full_name="Ngô Văn Thắng")
    _login(phone_page, staff.email)
    phone_page.goto(f"/staff/trainings/sessions/{session.pk}/checkin/")

    # The network drops: two scans of the first ticket and one of the second are kept.
    phone_page.context.set_offline(True)
    _type_code(phone_page, first.ticket_code)
    _type_code(phone_page, first.ticket_code.lower())
    _type_code(phone_page, second.ticket_code)
    expect(phone_page.locator("#checkin-pending")).to_have_text(re.compile(r"^3 "))
    assert "Mất mạng" in phone_page.locator("#checkin-status").inner_text()
    assert not Attendance.objects.exists()

    # The tab is reloaded while still offline-minded: the queue survives in localStorage.
    phone_page.route("**/checkin/scan/", lambda route: route.abort())  # still unreachable
    phone_page.context.set_offline(False)
    phone_page.reload()
    expect(phone_page.locator("#checkin-pending")).to_have_text(re.compile(r"^3 "))
    phone_page.unroute("**/checkin/scan/")

    # The network returns: the queue is sent; the ticket scanned twice counts once.
    phone_page.evaluate("window.dispatchEvent(new Event('online'))")
    expect(phone_page.locator("#checkin-pending")).to_be_hidden()
    expect(phone_page.locator("#checkin-count")).to_have_text("2")
    assert Attendance.objects.filter(session=session).count() == 2
    assert ScanReceipt.objects.filter(session=session).count() == 3
    names = phone_page.locator("#checkin-list").inner_text()
    assert "Đặng Thị Huyền" in names and "Ngô Văn Thắng" in names


@e2e_db
def test_a_scan_whose_answer_was_lost_is_resent_and_counted_once(phone_page):
    staff = StaffUserFactory(email="diemdanh2@lienminh.vn", password=PASSWORD)
    course = CourseFactory(sessions=False)
    session = SessionFactory(course=course, date=datetime.date.today())
    registration = RegistrationFactory(course=course, person__full_name="Tạ Thị Yến")
    _login(phone_page, staff.email)
    phone_page.goto(f"/staff/trainings/sessions/{session.pk}/checkin/")

    # The server gets the scan, but its answer never reaches the phone.
    def lose_the_answer(route):
        route.fetch()
        route.abort()

    phone_page.route("**/checkin/scan/", lose_the_answer)
    _type_code(phone_page, registration.ticket_code)
    expect(phone_page.locator("#checkin-status")).to_contain_text("Mất mạng")
    assert phone_page.locator("#checkin-pending").inner_text().startswith("1 ")
    assert Attendance.objects.count() == 1
    phone_page.unroute("**/checkin/scan/")

    # The phone sends the same scan again (same id): the first answer comes back.
    phone_page.evaluate("window.dispatchEvent(new Event('online'))")
    expect(phone_page.locator("#checkin-pending")).to_be_hidden()
    assert "Đã điểm danh: Tạ Thị Yến." in phone_page.locator("#checkin-status").inner_text()
    assert phone_page.locator("#checkin-count").inner_text() == "1"
    assert Attendance.objects.count() == 1 and ScanReceipt.objects.count() == 1
