"""The supply–demand conference: public buyer registration (honeypot, rate limit, email
confirmation, staff approval), picks, the producer's answer, the schedule in the database,
moving a meeting, outcomes, timetables; a buyer reaches only their own page."""

import datetime
import re

import pytest
from django.urls import reverse
from django.utils import translation

from fairs.models import Buyer, Event, Meeting, MeetingRequest
from fairs.services import matchmaking
from ocop_portal.errors import ApplicationError
from ocop_portal.models import OutboundEmail
from tests.factories import MembershipFactory
from tests.factories.fairs import ApplicationFactory, BuyerFactory, EventFactory, in_days

pytestmark = pytest.mark.django_db


@pytest.fixture
def conference():
    day = in_days(30)
    return EventFactory(
        kind=Event.Kind.CONFERENCE,
        name="Hội nghị kết nối cung cầu",
        starts_on=day,
        ends_on=day,
        application_deadline=in_days(20),
        meeting_day=day,
        meeting_start=datetime.time(9, 0),
        meeting_end=datetime.time(10, 0),
        slot_minutes=20,
        table_count=2,
    )


def _form(**changes):
    data = {
        "company": "Siêu thị Xanh",
        "kind": "supermarket",
        "contact_name": "Lê Thị Hoa",
        "position": "Trưởng phòng thu mua",
        "email": "hoa@sieuthixanh.vn",
        "phone": "0912 345 678",
        "province": "Hà Nội",
        "wants": "Gạo đặc sản, miến",
        "volumes": "2 tấn/tháng",
        "website": "",
    }
    data.update(changes)
    return data


def _links(body):
    return re.findall(r"https?://\S+", body)


def test_buyer_registers_confirms_by_email_and_is_approved(client, conference, staff_user):
    response = client.post(reverse("fairs:buyer_register", args=[conference.slug]), _form())
    assert response.status_code == 302
    buyer = Buyer.objects.get()
    assert buyer.status == "unconfirmed" and buyer.phone == "0912345678"
    [confirm] = OutboundEmail.objects.filter(to=["hoa@sieuthixanh.vn"])

    confirm_path = _links(confirm.body)[0].split("://", 1)[1].split("/", 1)[1]
    assert client.get("/" + confirm_path).status_code == 200
    buyer.refresh_from_db()
    assert buyer.status == "confirmed"
    assert OutboundEmail.objects.filter(to=[staff_user.email]).exists()

    matchmaking.buyer_decide(buyer=buyer, approve=True, by=staff_user)
    approval = OutboundEmail.objects.filter(to=["hoa@sieuthixanh.vn"]).order_by("-pk").first()
    page = "/" + _links(approval.body)[0].split("://", 1)[1].split("/", 1)[1]
    assert "Siêu thị Xanh" in client.get(page).content.decode()


def test_buyer_form_bad_input_and_duplicate_email(client, conference):
    url = reverse("fairs:buyer_register", args=[conference.slug])
    bad = client.post(url, _form(email="khong-phai-email", phone="12"))
    assert bad.status_code == 400 and not Buyer.objects.exists()
    client.post(url, _form())
    again = client.post(url, _form(company="Công ty khác"))
    assert again.status_code == 400
    assert "đã đăng ký tham dự hội nghị" in again.content.decode()
    assert Buyer.objects.count() == 1


def test_the_honeypot_stores_nothing(client, conference):
    response = client.post(reverse("fairs:buyer_register", args=[conference.slug]), _form(website="http://spam"))
    assert response.status_code == 302 and not Buyer.objects.exists() and not OutboundEmail.objects.exists()


def test_registrations_are_rate_limited(client, conference, settings):
    settings.FAIRS_BUYER_RATE_LIMIT = 2
    url = reverse("fairs:buyer_register", args=[conference.slug])
    for n in range(2):
        assert client.post(url, _form(email=f"b{n}@example.vn")).status_code == 302
    limited = client.post(url, _form(email="b9@example.vn"))
    assert limited.status_code == 429 and Buyer.objects.count() == 2


def test_a_forged_or_foreign_buyer_link_answers_404(client, conference):
    approved = BuyerFactory(event=conference)
    waiting = BuyerFactory(event=conference, status="confirmed")
    assert client.get(reverse("fairs:buyer_page", args=["forged-token"])).status_code == 404
    assert client.get(reverse("fairs:buyer_page", args=[matchmaking.buyer_access_token(waiting)])).status_code == 404
    token = matchmaking.buyer_access_token(approved)
    tampered = token[:-2] + ("A" if token[-2] != "A" else "B") + token[-1]
    assert client.get(reverse("fairs:buyer_page", args=[tampered])).status_code == 404


def test_picks_are_limited_to_the_exhibitors_and_producers_answer_in_their_space(client, conference):
    buyer = BuyerFactory(event=conference)
    member = MembershipFactory().user
    exhibitor = ApplicationFactory(event=conference, status="accepted", cooperative=member.membership.cooperative)
    not_accepted = ApplicationFactory(event=conference)
    token = matchmaking.buyer_access_token(buyer)

    refused = client.post(reverse("fairs:buyer_page", args=[token]), {"exhibitors": [not_accepted.pk]})
    assert refused.status_code == 200 and not MeetingRequest.objects.exists()
    client.post(reverse("fairs:buyer_page", args=[token]), {"exhibitors": [exhibitor.pk]})
    request = MeetingRequest.objects.get()

    other = MembershipFactory().user
    client.force_login(other)
    assert client.post(reverse("fairs:request_answer", args=[request.pk, "accept"])).status_code == 404
    client.force_login(member)
    page = client.get(reverse("fairs:application", args=[exhibitor.pk])).content.decode()
    assert buyer.company in page and buyer.email not in page
    client.post(reverse("fairs:request_answer", args=[request.pk, "accept"]))
    request.refresh_from_db()
    assert request.status == "accepted"


def _agreed(conference, buyers=3, producers=3):
    buyer_list = [BuyerFactory(event=conference) for _ in range(buyers)]
    exhibitors = [ApplicationFactory(event=conference, status="accepted") for _ in range(producers)]
    for buyer in buyer_list:
        for exhibitor in exhibitors:
            MeetingRequest.objects.create(buyer=buyer, application=exhibitor, status="accepted")
    return buyer_list, exhibitors


def test_generate_the_schedule_without_double_booking(conference, staff_user):
    _agreed(conference)

    result = matchmaking.schedule_generate(event=conference, by=staff_user)

    meetings = list(Meeting.objects.filter(event=conference))
    assert len(meetings) == len(result.placed) == 6  # 3 slots × 2 tables
    assert len(result.unplaced) == 3
    for key in ("buyer_id", "application_id", "table_number"):
        seen = [(m.starts_at, getattr(m, key)) for m in meetings]
        assert len(seen) == len(set(seen))
    assert {m.starts_at.astimezone(datetime.UTC).minute for m in meetings} <= {0, 20, 40}


def test_moving_a_meeting_onto_an_overlapping_one_is_refused(conference, staff_user):
    _agreed(conference, buyers=2, producers=1)
    matchmaking.schedule_generate(event=conference, by=staff_user)
    first, second = Meeting.objects.order_by("starts_at")
    with translation.override("en"):
        with pytest.raises(ApplicationError, match="overlaps"):
            matchmaking.meeting_move(
                meeting=second, table_number=2, starts_at=first.starts_at.astimezone().time(), by=staff_user
            )
        with pytest.raises(ApplicationError, match="slots"):
            matchmaking.meeting_move(meeting=second, table_number=1, starts_at=datetime.time(9, 5), by=staff_user)
    matchmaking.meeting_move(meeting=second, table_number=2, starts_at=datetime.time(9, 40), by=staff_user)
    second.refresh_from_db()
    assert second.table_number == 2


def test_meeting_outcomes_and_no_regeneration_afterwards(conference, staff_user):
    _agreed(conference, buyers=1, producers=1)
    matchmaking.schedule_generate(event=conference, by=staff_user)
    meeting = Meeting.objects.get()
    with pytest.raises(ApplicationError, match="Hãy nhập giá trị hợp đồng đã ký"):
        matchmaking.meeting_outcome_record(
            meeting=meeting, outcome="contract", contract_value_vnd=None, note="", by=staff_user
        )
    matchmaking.meeting_outcome_record(
        meeting=meeting, outcome="contract", contract_value_vnd=150_000_000, note="Gạo nếp", by=staff_user
    )
    with pytest.raises(ApplicationError, match="không thể xếp lại lịch"):
        matchmaking.schedule_generate(event=conference, by=staff_user)
    assert Meeting.objects.get().contract_value_vnd == 150_000_000


def test_timetables_are_emailed_and_printable(client, conference, staff_user):
    buyers, exhibitors = _agreed(conference, buyers=2, producers=2)
    exhibitors[0].cooperative.email = "htx@example.vn"
    exhibitors[0].cooperative.save()
    matchmaking.schedule_generate(event=conference, by=staff_user)

    sent = matchmaking.timetables_send(event=conference, by=staff_user)

    assert sent == {"buyers": 2, "exhibitors": 2}
    buyer_email = OutboundEmail.objects.filter(to=[buyers[0].email]).get()
    assert exhibitors[0].cooperative.name in buyer_email.body and "09:" in buyer_email.body
    assert buyers[1].company not in buyer_email.body  # only their own meetings
    token = matchmaking.buyer_access_token(buyers[0])
    printable = client.get(reverse("fairs:buyer_timetable", args=[token])).content.decode()
    assert exhibitors[0].cooperative.name in printable
    ics = client.get(reverse("fairs:buyer_timetable", args=[token]) + "?format=ics")
    assert ics["Content-Type"].startswith("text/calendar") and b"BEGIN:VEVENT" in ics.content


def test_staff_matchmaking_pages(staff_client, conference):
    _agreed(conference, buyers=2, producers=2)
    page = staff_client.get(reverse("fairs:staff_matchmaking", args=[conference.pk]))
    assert page.status_code == 200
    staff_client.post(reverse("fairs:staff_schedule_generate", args=[conference.pk]))
    assert Meeting.objects.count() == 4
    printed = staff_client.get(reverse("fairs:staff_schedule_print", args=[conference.pk])).content.decode()
    assert "Bàn 2" in printed


def test_session_settings_bad_input(staff_user, conference):
    with pytest.raises(ApplicationError, match="Giờ kết thúc phải sau giờ bắt đầu"):
        matchmaking.schedule_settings_save(
            event=conference,
            values={
                "meeting_day": conference.meeting_day,
                "meeting_start": datetime.time(11, 0),
                "meeting_end": datetime.time(10, 0),
                "slot_minutes": 20,
                "table_count": 2,
            },
            by=staff_user,
        )
    conference.refresh_from_db()
    assert conference.meeting_start == datetime.time(9, 0)
