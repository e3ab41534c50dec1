"""The pages: the cooperative's space (registering, scoping, bad input, materials), the staff's
pages (counts, actions, sheet, leaders), the public list, page and iCalendar; flat query counts."""

import datetime

import pytest
from django.core.files.base import ContentFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from icalendar import Calendar

from ocop_portal.models import OutboundEmail
from tests.factories import MembershipFactory
from tests.factories.cooperatives import CooperativeFactory, PersonFactory
from tests.factories.trainings import CourseFactory, RegistrationFactory, SessionFactory, TopicFactory, in_days
from trainings.models import Attendance, Course, Material, Registration

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


@pytest.fixture
def member_client(client):
    user = MembershipFactory().user
    client.force_login(user)
    client.user = user
    client.cooperative = user.membership.cooperative
    return client


def test_the_register_form_ticks_the_leader_and_registers_two_people(member_client):
    cooperative = member_client.cooperative
    leader = PersonFactory(cooperative=cooperative, full_name="Nguyễn Văn Trưởng", is_leader=True)
    member = PersonFactory(cooperative=cooperative, full_name="Lê Thị Viên")
    course = CourseFactory()
    url = reverse("trainings:space_course", args=[course.pk])

    page = member_client.get(url).content.decode()
    assert f'value="{leader.pk}" id="id_people_0" checked' in page or (
        f'value="{leader.pk}"' in page and "checked" in page
    )

    response = member_client.post(url, {"people": [leader.pk, member.pk]})

    assert response.status_code == 302
    assert set(Registration.objects.values_list("person__full_name", "status")) == {
        ("Nguyễn Văn Trưởng", "confirmed"),
        ("Lê Thị Viên", "confirmed"),
    }


def test_registering_a_new_person_by_name(member_client):
    course = CourseFactory()
    member_client.post(
        reverse("trainings:space_course", args=[course.pk]), {"new_name": "Phạm Văn Mới", "new_phone": "0912345678"}
    )
    registration = Registration.objects.get()
    assert (
        registration.person.full_name == "Phạm Văn Mới" and registration.person.cooperative == member_client.cooperative
    )


def test_registering_a_person_of_another_cooperative_is_refused(member_client):
    course = CourseFactory()
    stranger = PersonFactory(cooperative=CooperativeFactory())
    response = member_client.post(reverse("trainings:space_course", args=[course.pk]), {"people": [stranger.pk]})
    assert response.status_code == 400
    assert "lựa chọn hợp lệ" in response.content.decode()
    assert not Registration.objects.exists()


def test_registering_after_closing_shows_the_vietnamese_message(member_client):
    course = CourseFactory(registration_opens_on=in_days(-9), registration_closes_on=in_days(-1))
    person = PersonFactory(cooperative=member_client.cooperative)
    response = member_client.post(reverse("trainings:space_course", args=[course.pk]), {"people": [person.pk]})
    assert response.status_code == 400
    assert "Đã hết hạn đăng ký ngày" in response.content.decode()
    assert not Registration.objects.exists()


def test_another_cooperatives_registration_answers_404(member_client):
    theirs = RegistrationFactory()
    assert member_client.get(reverse("trainings:registration", args=[theirs.pk])).status_code == 404
    assert member_client.post(reverse("trainings:registration_withdraw", args=[theirs.pk])).status_code == 404
    theirs.refresh_from_db()
    assert theirs.status == Registration.Status.CONFIRMED


def test_anonymous_goes_to_the_login_page(client):
    response = client.get(reverse("trainings:space"))
    assert response.status_code == 302 and reverse("accounts:login") in response["Location"]


def test_withdraw_from_the_space_promotes_the_waiting(member_client):
    course = CourseFactory(capacity=1)
    mine = RegistrationFactory(course=course, cooperative=member_client.cooperative)
    waiting = RegistrationFactory(course=course, status="waiting", waiting_position=1)

    member_client.post(reverse("trainings:registration_withdraw", args=[mine.pk]))

    waiting.refresh_from_db()
    assert waiting.status == "confirmed"


def _material(course):
    material = Material(course=course, title="Bài giảng", original_name="bai-giang.pdf", size=len(PDF))
    material.file.save("x.pdf", ContentFile(PDF), save=False)
    material.save()
    return material


def test_materials_only_for_cooperatives_with_a_seat(member_client):
    course = CourseFactory()
    material = _material(course)
    url = reverse("trainings:material", args=[material.pk])
    assert member_client.get(url).status_code == 404
    RegistrationFactory(course=course, cooperative=member_client.cooperative)
    response = member_client.get(url)
    assert response.status_code == 200 and b"".join(response.streaming_content) == PDF
    assert "attachment" in response["Content-Disposition"]


def test_staff_course_page_shows_counts_and_approves(staff_client):
    course = CourseFactory(capacity=2, needs_approval=True)
    pending = RegistrationFactory(course=course, status="pending", person__email="hv@example.vn")
    RegistrationFactory(course=course, status="waiting", waiting_position=1)
    page = staff_client.get(reverse("trainings:staff_course", args=[course.pk])).content.decode()
    assert pending.person.full_name in page and pending.ticket_code in page

    staff_client.post(reverse("trainings:staff_decide", args=[pending.pk]), {"action": "approve", "note": "OK"})

    pending.refresh_from_db()
    assert pending.status == "confirmed"
    assert OutboundEmail.objects.filter(subject__contains=pending.person.full_name).exists()


def test_staff_session_form_refuses_an_end_before_the_start(staff_client):
    course = CourseFactory(sessions=False)
    response = staff_client.post(
        reverse("trainings:staff_session_new", args=[course.pk]),
        {"date": in_days(5).isoformat(), "starts_at": "14:00", "ends_at": "08:00"},
    )
    assert response.status_code == 400
    assert "Giờ kết thúc của buổi học phải sau giờ bắt đầu." in response.content.decode()
    assert not course.sessions.exists()


def test_staff_course_form_refuses_capacity_below_seats_taken(staff_client):
    course = CourseFactory(capacity=3)
    RegistrationFactory.create_batch(2, course=course)
    data = {
        "title": course.title,
        "kind": course.kind,
        "organiser": course.organiser,
        "audience": course.audience,
        "capacity": 1,
        "registration_opens_on": course.registration_opens_on.isoformat(),
        "registration_closes_on": course.registration_closes_on.isoformat(),
        "status": course.status,
        "certificate_rule": "all",
        "venue_address": course.venue_address,
    }
    response = staff_client.post(reverse("trainings:staff_course_edit", args=[course.pk]), data)
    assert response.status_code == 400
    assert "Số chỗ không thể nhỏ hơn 2 chỗ đã có người" in response.content.decode()
    course.refresh_from_db()
    assert course.capacity == 3


def test_staff_material_of_the_wrong_type_is_refused(staff_client):
    course = CourseFactory()
    upload = ContentFile(b"MZ\x90\x00 not a pdf", name="virus.pdf")
    staff_client.post(reverse("trainings:staff_material_add", args=[course.pk]), {"file": upload, "title": "x"})
    assert not Material.objects.exists()


def test_staff_sheet_marks_attendance(staff_client):
    course = CourseFactory()
    one, two = RegistrationFactory.create_batch(2, course=course)
    session = course.sessions.get()
    staff_client.post(reverse("trainings:staff_sheet", args=[session.pk]), {"present": [one.pk, two.pk]})
    assert Attendance.objects.filter(session=session, method="sheet").count() == 2


def test_staff_pages_are_404_for_a_cooperative_user(member_client):
    course = CourseFactory()
    assert member_client.get(reverse("trainings:staff_course", args=[course.pk])).status_code == 404
    assert member_client.get(reverse("trainings:staff_leaders")).status_code == 404


def test_the_public_list_shows_upcoming_and_hides_drafts(client):
    CourseFactory(title="Khóa công khai")
    CourseFactory(title="Khóa nháp", status=Course.Status.DRAFT)
    page = client.get(reverse("trainings:courses")).content.decode()
    assert "Khóa công khai" in page and "Khóa nháp" not in page


def test_the_public_course_page_and_its_calendar(client):
    course = CourseFactory(title="Chuỗi giá trị")
    SessionFactory(course=course, date=in_days(15))
    assert "Chuỗi giá trị" in client.get(course.get_absolute_url()).content.decode()
    calendar = Calendar.from_ical(client.get(reverse("trainings:course_ics", args=[course.slug])).content)
    events = list(calendar.walk("VEVENT"))
    assert len(events) == 2 and all(str(e["summary"]).startswith("Chuỗi giá trị") for e in events)
    feed = Calendar.from_ical(client.get(reverse("trainings:courses_feed")).content)
    assert len(list(feed.walk("VEVENT"))) == 2


def test_the_home_page_lists_the_next_course(client):
    CourseFactory(title="Tập huấn trên trang chủ")
    assert "Tập huấn trên trang chủ" in client.get("/").content.decode()


def _queries(client, url) -> int:
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(url).status_code == 200
    return len(ctx.captured_queries)


def test_public_course_list_runs_a_flat_number_of_queries(client):
    topic = TopicFactory()
    for _ in range(3):
        CourseFactory(topics=[topic])
    few = _queries(client, reverse("trainings:courses") + "?a=1")
    for _ in range(27):
        CourseFactory(topics=[topic])
    many = _queries(client, reverse("trainings:courses") + "?a=2")
    assert few == many


def test_staff_participants_run_a_flat_number_of_queries(staff_client):
    course = CourseFactory(capacity=100)
    SessionFactory(course=course)
    RegistrationFactory.create_batch(3, course=course)
    url = reverse("trainings:staff_course", args=[course.pk])
    few = _queries(staff_client, url)
    RegistrationFactory.create_batch(27, course=course)
    many = _queries(staff_client, url)
    assert few == many


def test_leaders_page_and_invite(staff_client):
    from tests.factories import CertificateFactory

    certificate = CertificateFactory()
    cooperative = certificate.product.cooperative
    cooperative.email = "htx@example.vn"
    cooperative.save()
    PersonFactory(cooperative=cooperative, is_leader=True, full_name="Giám Đốc Chưa Học")
    course = CourseFactory()
    year = datetime.date.today().year
    page = staff_client.get(reverse("trainings:staff_leaders"), {"start": f"{year}-01-01", "end": f"{year}-12-31"})
    assert "Giám Đốc Chưa Học" in page.content.decode()

    staff_client.post(
        reverse("trainings:staff_leaders_invite"), {"course": course.pk, "cooperatives": [cooperative.pk]}
    )

    assert OutboundEmail.objects.filter(to__contains=["htx@example.vn"], subject__contains=course.title).exists()


def test_the_staff_home_shows_the_leaders_panel(staff_client):
    page = staff_client.get(reverse("admin:index")).content.decode()
    assert "staff-panel-trainings" in page


def test_staff_register_on_behalf_takes_only_the_chosen_cooperatives_people(staff_client):
    course = CourseFactory()
    ours = PersonFactory(full_name="Người của HTX")
    theirs = PersonFactory()
    page = staff_client.get(reverse("trainings:staff_course", args=[course.pk]), {"cooperative": ours.cooperative_id})
    assert "Người của HTX" in page.content.decode() and theirs.full_name not in page.content.decode()

    url = reverse("trainings:staff_register", args=[course.pk])
    staff_client.post(url, {"cooperative": ours.cooperative_id, "people": [theirs.pk]})
    assert not Registration.objects.exists()
    staff_client.post(url, {"cooperative": ours.cooperative_id, "people": [ours.pk]})
    assert list(Registration.objects.values_list("person", "status")) == [(ours.pk, "confirmed")]


def test_the_public_course_cards_follow_every_change_even_without_invalidation(client, settings):
    """The cards are kept per worker; what they show is in their key, so a bulk .update(), an
    admin rename of a topic or a new registration shows on the next visit."""
    settings.PUBLIC_PAGE_CACHE_SECONDS = 0
    topic = TopicFactory(name="Chủ đề thử nghiệm thẻ")
    course = CourseFactory(title="Khóa có thẻ", topics=[topic], capacity=2)
    url = reverse("trainings:courses")
    page = client.get(url).content.decode()
    assert "0/2" in page and "Chủ đề thử nghiệm thẻ" in page and "Đang nhận đăng ký" in page

    RegistrationFactory(course=course, status=Registration.Status.CONFIRMED)
    assert "1/2" in client.get(url).content.decode()

    type(topic).objects.filter(pk=topic.pk).update(name="Chuỗi giá trị nông sản")
    assert "Chuỗi giá trị nông sản" in client.get(url).content.decode()

    Course.objects.filter(pk=course.pk).update(status=Course.Status.CLOSED)
    page = client.get(url).content.decode()
    assert "Đang nhận đăng ký" not in page and "1/2" not in page
