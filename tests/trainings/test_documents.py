"""Staff documents of a course: the sign-in sheet PDF, the Excel export of participants and
attendance, and the import of a participant list (preview with row-exact errors; a bad file
saves nothing; a good one saves every row in one go)."""

import datetime
import io

import pypdf
import pytest
from django.urls import reverse

from cooperatives.models import Person
from tests.factories import CooperativeFactory, MembershipFactory
from tests.factories.registry import xlsx_read, xlsx_upload
from tests.factories.trainings import AttendanceFactory, CourseFactory, RegistrationFactory, SessionFactory, in_days
from trainings.models import Attendance, Registration

pytestmark = pytest.mark.django_db


def _past_course():
    course = CourseFactory(sessions=False, title="Tập huấn năm 2024")
    first = SessionFactory(course=course, date=datetime.date(2024, 5, 6))
    second = SessionFactory(course=course, date=datetime.date(2024, 5, 7))
    return course, first, second


def test_the_signin_sheet_lists_the_confirmed_participants(staff_client):
    registration = RegistrationFactory(person__full_name="Bùi Thị Thu", cooperative__name="HTX Gia Thủy")
    RegistrationFactory(
        course=registration.course, person__full_name="Người Rút Tên", status=Registration.Status.WITHDRAWN
    )
    session = registration.course.sessions.get()

    response = staff_client.get(reverse("trainings:staff_signin_sheet", args=[session.pk]))

    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    text = pypdf.PdfReader(io.BytesIO(response.content)).pages[0].extract_text()
    assert "DANH SÁCH KÝ TÊN" in text and "Bùi Thị Thu" in text and "HTX Gia Thủy" in text
    assert "Người Rút Tên" not in text
    assert f"Buổi 1 — {session.date:%d/%m/%Y}" in text


def test_the_export_has_one_column_per_session_and_the_hours(staff_client):
    course, first, second = _past_course()
    registration = RegistrationFactory(course=course, person__full_name="Lý Văn Hùng")
    AttendanceFactory(registration=registration, session=second)

    response = staff_client.get(reverse("trainings:staff_export", args=[course.pk]))

    headers, rows, _sheet = xlsx_read(response.content)
    assert headers[:7] == [
        "Họ và tên",
        "Hợp tác xã",
        "Chức vụ",
        "Điện thoại",
        "Trạng thái",
        "Mã vé",
        "Buổi 1 (06/05/2024)",
    ]
    assert headers[7] == "Buổi 2 (07/05/2024)"
    assert rows[0][0] == "Lý Văn Hùng" and rows[0][6] is None and rows[0][7] == "x"
    assert rows[0][8] == 1 and rows[0][9] == 3.5


def test_staff_pages_of_documents_answer_404_to_a_cooperative(client):
    course, first, _second = _past_course()
    client.force_login(MembershipFactory().user)

    for url in (
        reverse("trainings:staff_signin_sheet", args=[first.pk]),
        reverse("trainings:staff_export", args=[course.pk]),
        reverse("trainings:staff_import", args=[course.pk]),
        reverse("trainings:staff_feedback", args=[course.pk]),
    ):
        assert client.get(url).status_code == 404, url


HEADERS = ["Họ và tên", "Hợp tác xã", "Chức vụ", "Điện thoại", "06/05/2024", "Buổi 2"]


def test_a_bad_file_shows_every_bad_row_by_its_excel_line_and_saves_nothing(staff_client):
    course, _first, _second = _past_course()
    CooperativeFactory(name="HTX Khánh Thành")
    upload = xlsx_upload(
        HEADERS,
        [
            ["Trần Văn An", "HTX Khánh Thành", "Giám đốc", "0912345678", "x", "x"],
            ["", "HTX Khánh Thành", "", "", "x", ""],
            ["Phạm Thị Bình", "HTX Không Có", "", "", "x", ""],
            ["Trần Văn An", "htx khanh thanh", "", "", "", "có mặt"],
        ],
    )

    response = staff_client.post(reverse("trainings:staff_import", args=[course.pk]), {"file": upload})

    page = response.content.decode()
    assert response.status_code == 400
    assert "3 dòng có lỗi" in page
    assert "Thiếu họ và tên." in page
    assert "Không có hợp tác xã nào tên “HTX Không Có”" in page
    assert "Người này đã có ở dòng 2; hãy gộp hai dòng." in page
    assert "Cột “Buổi 2”: ghi “x” nếu có mặt, hoặc để trống." in page
    assert 'name="token"' not in page  # no confirmation offered
    assert not Registration.objects.exists() and not Person.objects.filter(full_name="Trần Văn An").exists()


def test_a_good_file_is_previewed_then_imported_in_one_go(staff_client):
    course, first, second = _past_course()
    cooperative = CooperativeFactory(name="HTX Khánh Thành", registration_number="2701000123")
    upload = xlsx_upload(
        HEADERS,
        [
            ["Trần Văn An", "HTX Khánh Thành", "Giám đốc", 912345678, "x", "x"],
            ["Vũ Thị Cúc", "2701000123", "Kế toán", "", "x", ""],
        ],
    )
    url = reverse("trainings:staff_import", args=[course.pk])

    preview = staff_client.post(url, {"file": upload})
    assert not Registration.objects.exists()
    token = preview.context["token"]
    assert token and "Nhập 2 học viên" in preview.content.decode()

    response = staff_client.post(url, {"token": token})

    assert response.status_code == 302
    registrations = Registration.objects.filter(course=course).select_related("person").order_by("person__full_name")
    assert [(r.person.full_name, r.cooperative_id, r.status) for r in registrations] == [
        ("Trần Văn An", cooperative.pk, Registration.Status.CONFIRMED),
        ("Vũ Thị Cúc", cooperative.pk, Registration.Status.CONFIRMED),
    ]
    assert registrations[0].person.phone == "0912345678"  # Excel dropped the zero
    assert set(Attendance.objects.values_list("registration__person__full_name", "session_id")) == {
        ("Trần Văn An", first.pk),
        ("Trần Văn An", second.pk),
        ("Vũ Thị Cúc", first.pk),
    }
    assert set(Attendance.objects.values_list("method", flat=True)) == {Attendance.Method.IMPORT}


def test_a_file_that_is_not_xlsx_is_refused(staff_client):
    course, _first, _second = _past_course()
    from django.core.files.uploadedfile import SimpleUploadedFile

    upload = SimpleUploadedFile("danh-sach.xlsx", b"Ho ten;HTX\nA;B\n", content_type="text/csv")

    response = staff_client.post(reverse("trainings:staff_import", args=[course.pk]), {"file": upload})

    assert response.status_code == 400
    assert "Đây không phải tệp Excel .xlsx" in response.content.decode()
    assert not Registration.objects.exists()


def test_the_sheet_query_count_does_not_grow_with_participants(staff_client, django_assert_max_num_queries):
    course = CourseFactory(sessions=False)
    SessionFactory(course=course, date=in_days(-1))
    for _ in range(3):
        RegistrationFactory(course=course)
    url = reverse("trainings:staff_export", args=[course.pk])
    with django_assert_max_num_queries(30) as few:
        staff_client.get(url)
    for _ in range(27):
        RegistrationFactory(course=course)
    with django_assert_max_num_queries(len(few.captured_queries)):
        staff_client.get(url)


def test_a_confirmation_with_an_unknown_or_forged_token_asks_to_upload_again(staff_client):
    course, _first, _second = _past_course()
    url = reverse("trainings:staff_import", args=[course.pk])

    for token in ("no-such-file", "../../etc/passwd"):
        response = staff_client.post(url, {"token": token}, follow=True)
        assert "Tệp đã tải lên không còn nữa." in response.content.decode()
    assert not Registration.objects.filter(course=course).exists()
