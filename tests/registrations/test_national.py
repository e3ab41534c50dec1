"""The 5-star path: forward to the national council, the national decision, the certificate
that follows it, the staff queue's waiting time."""

import datetime
import importlib
import io
import threading
from decimal import Decimal

import pytest
from django.apps import apps
from django.db import connection, connections
from django.test.utils import CaptureQueriesContext
from django.utils import timezone, translation
from openpyxl import load_workbook

from ocop_portal.dates import months_after
from ocop_portal.errors import ApplicationError
from ocop_portal.models import OutboundEmail
from products.models import Certificate
from registrations.models import NationalReview, Registration, RegistrationEvent
from registrations.services import national, workflow
from tests.factories.registrations import (
    MINISTRY,
    advance,
    draft_make,
    forwarded_make,
    member_of,
    owner,
    scored_make,
)

S = Registration.State
TODAY = timezone.localdate


def _decide(registration, by, **kwargs):
    values = {
        "decision_number": "781/QĐ-BNNMT",
        "decision_date": TODAY(),
        "ministry": MINISTRY,
        "stars": 5,
        **kwargs,
    }
    return national.registration_national_decide(registration=registration, by=by, **values)


def _snapshot(registration):
    return (
        Registration.objects.filter(pk=registration.pk).values().get(),
        list(NationalReview.objects.filter(registration=registration).values()),
        RegistrationEvent.objects.count(),
        OutboundEmail.objects.count(),
        Certificate.objects.count(),
    )


# --- Forwarding ---------------------------------------------------------------------------


@pytest.mark.django_db
def test_forward_when_five_stars_records_ministry_letter_event_and_tells_the_cooperative(
    staff, mailoutbox, django_capture_on_commit_callbacks
):
    registration = scored_make(staff=staff)
    assert (registration.average_score, registration.result_stars) == (Decimal("100.00"), 5)
    letter_date = TODAY() - datetime.timedelta(days=1)

    with django_capture_on_commit_callbacks(execute=True):
        national.registration_forward_national(
            registration=registration,
            by=staff,
            ministry="  Bộ Nông nghiệp và Môi trường ",
            dispatch_number="456/UBND-KT",
            dispatch_date=letter_date,
            note="Hồ sơ đã gửi Bộ.",
        )

    registration.refresh_from_db()
    review = registration.national_review
    assert registration.state == S.FORWARDED_NATIONAL
    assert (review.ministry, review.dispatch_number, review.dispatch_date, review.forwarded_by) == (
        MINISTRY,
        "456/UBND-KT",
        letter_date,
        staff,
    )
    assert not review.is_decided
    event = registration.events.get(to_state=S.FORWARDED_NATIONAL)
    assert (event.from_state, event.actor, event.note) == (S.SCORED, staff, "Hồ sơ đã gửi Bộ.")
    assert event.internal_note == f"Sent to {MINISTRY}, letter 456/UBND-KT of {letter_date:%d/%m/%Y}."
    sent = [m for m in mailoutbox if owner(registration).email in m.to]
    assert len(sent) == 1
    assert "Đã chuyển Hội đồng trung ương (5 sao)" in sent[0].subject
    assert "Hồ sơ đã gửi Bộ." in sent[0].body


@pytest.mark.django_db
def test_forward_when_exactly_ninety_points_is_allowed(staff):
    registration = scored_make(staff=staff, points=(20, 20, 25, 20, 5))
    assert (registration.average_score, registration.result_stars) == (Decimal("90.00"), 5)

    national.registration_forward_national(registration=registration, by=staff, ministry=MINISTRY)

    registration.refresh_from_db()
    assert registration.state == S.FORWARDED_NATIONAL


@pytest.mark.django_db
def test_forward_when_just_below_ninety_is_refused(staff):
    registration = scored_make(staff=staff, points=(20, 20, Decimal("24.99"), 20, 5))
    assert (registration.average_score, registration.result_stars) == (Decimal("89.99"), 4)
    before = _snapshot(registration)

    with pytest.raises(ApplicationError, match="Only a 5-star result"):
        national.registration_forward_national(registration=registration, by=staff, ministry=MINISTRY)

    assert _snapshot(registration) == before


@pytest.mark.django_db
def test_forward_when_ninety_points_but_a_five_star_requirement_unmet_is_refused_naming_it(staff):
    # b ticked at its **** option (10), not the ***** one: 20+10+25+30+5 = 90 points, 4 stars.
    registration = scored_make(staff=staff, points=(20, 10, 25, 30, 5))
    assert (registration.average_score, registration.result_stars) == (Decimal("90.00"), 4)
    before = _snapshot(registration)

    with pytest.raises(ApplicationError, match=r"Not met: b\) Liên kết chuỗi\."):
        national.registration_forward_national(registration=registration, by=staff, ministry=MINISTRY)

    assert _snapshot(registration) == before


@pytest.mark.django_db
def test_forward_when_stored_stars_were_changed_by_hand_checks_the_result_again(staff):
    registration = scored_make(staff=staff, points=(20, 10, 25, 30, 5))
    Registration.objects.filter(pk=registration.pk).update(result_stars=5)

    with pytest.raises(ApplicationError, match="Only a 5-star result"):
        national.registration_forward_national(registration=registration, by=staff, ministry=MINISTRY)

    registration.refresh_from_db()
    assert registration.state == S.SCORED
    assert not NationalReview.objects.exists()


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"ministry": "  "}, "Enter the ministry"),
        ({"ministry": MINISTRY, "dispatch_date": datetime.date(2100, 1, 1)}, "cannot be in the future"),
    ],
)
def test_forward_when_input_is_bad_is_refused_and_saves_nothing(staff, kwargs, message):
    registration = scored_make(staff=staff)
    before = _snapshot(registration)

    with pytest.raises(ApplicationError, match=message):
        national.registration_forward_national(registration=registration, by=staff, **kwargs)

    assert _snapshot(registration) == before


@pytest.mark.django_db
def test_national_steps_when_actor_is_not_staff_are_refused(staff):
    registration = scored_make(staff=staff)
    cooperative_user = owner(registration)

    with pytest.raises(ApplicationError, match="Only Alliance staff"):
        national.registration_forward_national(registration=registration, by=cooperative_user, ministry=MINISTRY)
    national.registration_forward_national(registration=registration, by=staff, ministry=MINISTRY)
    with pytest.raises(ApplicationError, match="Only Alliance staff"):
        _decide(registration, cooperative_user)

    registration.refresh_from_db()
    assert registration.state == S.FORWARDED_NATIONAL


# --- The national decision ------------------------------------------------------------------


@pytest.mark.django_db
def test_decision_with_five_stars_is_the_certificate(staff, mailoutbox, django_capture_on_commit_callbacks):
    registration = forwarded_make(staff=staff)
    decided_on = TODAY()

    with django_capture_on_commit_callbacks(execute=True):
        _decide(registration, staff, decision_date=decided_on, score=Decimal("93.5"), note="Chúc mừng HTX.")

    registration.refresh_from_db()
    review = registration.national_review
    certificate = registration.certificate
    assert registration.state == S.CERTIFIED
    assert (review.decision_number, review.decision_date, review.stars, review.score, review.decided_by) == (
        "781/QĐ-BNNMT",
        decided_on,
        5,
        Decimal("93.50"),
        staff,
    )
    assert (certificate.stars, certificate.issuer, certificate.issuer_name) == (5, "national", MINISTRY)
    assert (certificate.decision_number, certificate.decision_date, certificate.score) == (
        "781/QĐ-BNNMT",
        decided_on,
        Decimal("93.50"),
    )
    assert certificate.valid_until == months_after(decided_on, 36)
    assert registration.product.stars == 5
    event = registration.events.get(to_state=S.CERTIFIED)
    assert event.from_state == S.FORWARDED_NATIONAL
    assert event.note.startswith(f"Decision 781/QĐ-BNNMT of {decided_on:%d/%m/%Y}, {MINISTRY}: 5 stars.")
    assert event.note.endswith("Chúc mừng HTX.")
    assert any("Chúc mừng HTX." in m.body for m in mailoutbox if owner(registration).email in m.to)


@pytest.mark.django_db
def test_decision_with_five_stars_and_no_national_score_keeps_the_provincial_average(staff):
    registration = forwarded_make(staff=staff, points=(20, 20, 25, 20, 5))

    _decide(registration, staff)

    registration.refresh_from_db()
    assert registration.certificate.score == Decimal("90.00")


@pytest.mark.django_db
@pytest.mark.parametrize("stars", [4, 3])
def test_decision_lower_comes_back_and_the_province_certifies_at_those_stars(staff, stars):
    registration = forwarded_make(staff=staff)

    _decide(registration, staff, stars=stars, decision_number="55/TB-BNNMT")

    registration.refresh_from_db()
    assert registration.state == S.NATIONAL_LOWER
    assert registration.certificate is None
    assert registration.product.stars is None
    note = registration.events.get(to_state=S.NATIONAL_LOWER).note
    assert f"{stars} stars." in note
    assert f"The province will issue the certificate at {stars} stars." in note

    workflow.registration_certify(
        registration=registration, by=staff, decision_number="120/QĐ-UBND", decision_date=TODAY()
    )

    registration.refresh_from_db()
    certificate = registration.certificate
    assert registration.state == S.CERTIFIED
    assert (certificate.stars, certificate.issuer, certificate.decision_number) == (stars, "province", "120/QĐ-UBND")
    assert registration.product.stars == stars
    assert registration.result_stars == 5  # the province's own result stays on record


@pytest.mark.django_db
@pytest.mark.parametrize("stars", [2, 1])
def test_decision_below_three_stars_closes_without_certificate(staff, stars):
    registration = forwarded_make(staff=staff)

    _decide(registration, staff, stars=stars)

    registration.refresh_from_db()
    assert registration.state == S.NOT_CERTIFIED
    assert registration.certificate is None
    assert not Certificate.objects.exists()
    assert "Below 3 stars there is no OCOP certificate." in registration.events.last().note


@pytest.mark.django_db
def test_national_lower_can_be_closed_without_certificate(staff):
    registration = forwarded_make(staff=staff)
    _decide(registration, staff, stars=4)

    workflow.registration_not_certify(registration=registration, by=staff, note="HTX không đồng ý.")

    registration.refresh_from_db()
    assert registration.state == S.NOT_CERTIFIED


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"decision_number": " "}, "Enter the number of the national decision"),
        ({"decision_date": None}, "Enter the date of the national decision"),
        ({"decision_date": datetime.date(2100, 1, 1)}, "cannot be in the future"),
        ({"decision_date": datetime.date(2020, 1, 1)}, "cannot be dated before the dossier was sent"),
        ({"ministry": ""}, "Enter the ministry that issued the decision"),
        ({"stars": 0}, r"1 to 5"),
        ({"stars": 6}, r"1 to 5"),
        ({"score": Decimal("100.01")}, "between 0 and 100"),
        ({"score": Decimal("89.99"), "stars": 5}, "gives at most 4 stars, not 5"),
        ({"score": Decimal("69.99"), "stars": 4}, "gives at most 3 stars, not 4"),
    ],
)
def test_decision_when_input_is_bad_is_refused_and_saves_nothing(staff, kwargs, message):
    registration = forwarded_make(staff=staff)
    before = _snapshot(registration)

    with pytest.raises(ApplicationError, match=message):
        _decide(registration, staff, **kwargs)

    assert _snapshot(registration) == before


@pytest.mark.django_db
def test_decision_at_the_band_edge_is_accepted(staff):
    registration = forwarded_make(staff=staff)

    _decide(registration, staff, score=Decimal("90.00"), stars=5)

    registration.refresh_from_db()
    assert registration.state == S.CERTIFIED


@pytest.mark.django_db
def test_decision_when_dated_on_the_day_of_the_letter_before_the_forward_is_accepted(staff):
    registration = scored_make(staff=staff)
    letter = TODAY() - datetime.timedelta(days=3)
    national.registration_forward_national(
        registration=registration, by=staff, ministry=MINISTRY, dispatch_number="9/UBND", dispatch_date=letter
    )

    _decide(registration, staff, decision_date=letter)

    registration.refresh_from_db()
    assert registration.certificate.decision_date == letter


@pytest.mark.django_db
@pytest.mark.parametrize("state", [S.SCORED, S.NATIONAL_LOWER, S.CERTIFIED])
def test_decision_when_not_waiting_for_it_is_refused(staff, state):
    registration = forwarded_make(staff=staff)
    if state == S.NATIONAL_LOWER:
        _decide(registration, staff, stars=4)
    elif state == S.CERTIFIED:
        _decide(registration, staff)
    else:
        registration = scored_make(staff=staff)
    before = _snapshot(registration)

    with pytest.raises(ApplicationError, match="nothing was changed"):
        _decide(registration, staff, decision_number="999/QĐ")

    assert _snapshot(registration) == before


@pytest.mark.django_db
def test_certify_from_forwarded_is_refused_the_decision_comes_first(staff):
    registration = forwarded_make(staff=staff)

    with pytest.raises(ApplicationError, match="nothing was changed"):
        workflow.registration_certify(
            registration=registration, by=staff, decision_number="1/QĐ-UBND", decision_date=TODAY()
        )


@pytest.mark.skipif(connection.vendor != "postgresql", reason="needs PostgreSQL row locks")
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_decision_when_two_staff_record_at_once_one_succeeds_other_told(staff):
    registration = forwarded_make(staff=staff)
    other = type(staff).objects.get(pk=staff.pk)
    barrier = threading.Barrier(2)
    outcomes = []

    def decide(user, number):
        try:
            translation.activate("en")
            barrier.wait()
            _decide(registration, user, decision_number=number)
            outcomes.append("ok")
        except ApplicationError as error:
            outcomes.append(error.message)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=decide, args=(u, n)) for u, n in [(staff, "1/QĐ-BNNMT"), (other, "2/QĐ-BNNMT")]]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)

    number = NationalReview.objects.get().decision_number
    assert sorted(outcomes) == sorted(
        ["ok", f"The national decision {number} has just been recorded by someone else; nothing was changed."]
    )
    assert Certificate.objects.count() == 1
    assert RegistrationEvent.objects.filter(registration=registration, to_state=S.CERTIFIED).count() == 1


# --- Pages ----------------------------------------------------------------------------------


def _aged_review(registration, days):
    NationalReview.objects.filter(registration=registration).update(
        forwarded_at=timezone.now() - datetime.timedelta(days=days)
    )


@pytest.mark.django_db
def test_queue_shows_what_waits_for_the_national_decision_and_for_how_long(client, staff):
    older = forwarded_make(staff=staff)
    newer = forwarded_make(staff=staff, ministry="Bộ Văn hóa, Thể thao và Du lịch")
    decided = forwarded_make(staff=staff)
    _decide(decided, staff, stars=4)
    _aged_review(older, 45)
    _aged_review(newer, 3)
    client.force_login(staff)

    response = client.get("/dossiers/staff/")

    waiting = response.context["waiting_national"]
    assert [r.registration_id for r in waiting] == [older.pk, newer.pk]
    assert [r.days for r in waiting] == [45, 3]
    html = response.content.decode()
    assert "Chờ quyết định cấp trung ương: 2 hồ sơ" in html
    assert "45 ngày" in html
    assert "Bộ Văn hóa, Thể thao và Du lịch" in html


@pytest.mark.django_db
def test_queue_when_3_or_30_wait_for_the_national_decision_uses_same_queries(client, staff):
    for _ in range(3):
        forwarded_make(staff=staff)
    client.force_login(staff)
    client.get("/dossiers/staff/")

    with CaptureQueriesContext(connection) as three:
        assert len(client.get("/dossiers/staff/").context["waiting_national"]) == 3
    template = NationalReview.objects.first()
    for _ in range(27):
        registration = advance(draft_make(), "submitted", staff=staff)
        Registration.objects.filter(pk=registration.pk).update(state=S.FORWARDED_NATIONAL)
        NationalReview.objects.create(registration=registration, ministry=template.ministry)
    with CaptureQueriesContext(connection) as thirty:
        assert len(client.get("/dossiers/staff/").context["waiting_national"]) == 30

    assert len(thirty.captured_queries) == len(three.captured_queries)


@pytest.mark.django_db
def test_staff_page_forward_then_decision_through_the_forms(client, staff):
    registration = scored_make(staff=staff)
    client.force_login(staff)
    page = client.get(f"/dossiers/staff/{registration.pk}/").content.decode()
    assert "Chuyển Hội đồng trung ương" in page
    assert '<option value="Bộ Nông nghiệp và Môi trường">' in page

    client.post(
        f"/dossiers/staff/{registration.pk}/forward/",
        {"ministry": MINISTRY, "dispatch_number": "456/UBND-KT", "dispatch_date": TODAY().isoformat()},
    )
    page = client.get(f"/dossiers/staff/{registration.pk}/").content.decode()
    assert "Ghi nhận quyết định cấp trung ương" in page
    assert "đang chờ quyết định cấp trung ương 0 ngày" in page

    response = client.post(
        f"/dossiers/staff/{registration.pk}/national-decision/",
        {
            "decision_number": "781/QĐ-BNNMT",
            "decision_date": TODAY().strftime("%d/%m/%Y"),
            "ministry": MINISTRY,
            "stars": "5",
            "score": "93,5",
        },
        follow=True,
    )

    registration.refresh_from_db()
    assert registration.state == S.CERTIFIED
    assert registration.national_review.score == Decimal("93.50")
    assert f"Đã cấp giấy chứng nhận: mã sản phẩm {registration.certificate.product_code}." in response.content.decode()


@pytest.mark.django_db
def test_staff_page_decision_with_bad_input_shows_the_message_and_saves_nothing(client, staff):
    registration = forwarded_make(staff=staff)
    client.force_login(staff)
    before = _snapshot(registration)

    response = client.post(
        f"/dossiers/staff/{registration.pk}/national-decision/",
        {"decision_number": "781/QĐ-BNNMT", "decision_date": TODAY().isoformat(), "ministry": MINISTRY, "stars": "9"},
        follow=True,
    )
    assert "Số sao theo quyết định trung ương" in response.content.decode()
    response = client.post(
        f"/dossiers/staff/{registration.pk}/national-decision/",
        {
            "decision_number": "781/QĐ-BNNMT",
            "decision_date": TODAY().isoformat(),
            "ministry": MINISTRY,
            "stars": "5",
            "score": "85",
        },
        follow=True,
    )

    assert "Điểm 85,00 chỉ đạt tối đa 4 sao, không phải 5 sao." in response.content.decode()
    assert _snapshot(registration) == before


@pytest.mark.django_db
@pytest.mark.parametrize("who", ["cooperative", "anonymous"])
def test_national_actions_when_not_staff_change_nothing(client, staff, who):
    registration = forwarded_make(staff=staff)
    if who == "cooperative":
        client.force_login(member_of(registration.cooperative))
    before = _snapshot(registration)

    response = client.post(
        f"/dossiers/staff/{registration.pk}/national-decision/",
        {"decision_number": "1/QĐ", "decision_date": TODAY().isoformat(), "ministry": MINISTRY, "stars": "5"},
    )

    assert response.status_code == 404 if who == "cooperative" else response["Location"].startswith("/accounts/")
    assert _snapshot(registration) == before


@pytest.mark.django_db
def test_cooperative_page_follows_the_national_path(client, staff):
    registration = forwarded_make(staff=staff)
    client.force_login(owner(registration))

    page = client.get(f"/dossiers/{registration.pk}/").content.decode()
    assert "Đã chuyển Hội đồng trung ương (5 sao)" in page
    assert f"Đã gửi {MINISTRY} ngày {timezone.localdate():%d/%m/%Y}" in page

    _decide(registration, staff, stars=4, decision_number="55/TB-BNNMT")
    page = client.get(f"/dossiers/{registration.pk}/").content.decode()
    assert "Hội đồng cấp trung ương đánh giá sản phẩm đạt 4 sao" in page
    assert "55/TB-BNNMT" in page
    assert staff.email not in page


@pytest.mark.django_db
def test_export_has_the_national_columns(client, staff):
    registration = forwarded_make(staff=staff)
    _decide(registration, staff, decision_number="781/QĐ-BNNMT")
    client.force_login(staff)

    response = client.get("/dossiers/staff/export.xlsx", {"state": "all"})

    rows = list(load_workbook(io.BytesIO(response.content)).worksheets[0].values)
    header, row = rows[0], rows[1]
    values = dict(zip(header, row, strict=True))
    assert values["Bộ"] == MINISTRY
    assert values["Quyết định cấp trung ương"] == "781/QĐ-BNNMT"
    assert values["Số sao cấp trung ương"] == 5
    assert values["Ngày quyết định cấp trung ương"].date() == TODAY()


@pytest.mark.django_db
def test_admin_shows_the_national_review(admin_client, staff):
    registration = forwarded_make(staff=staff)

    response = admin_client.get(f"/admin/registrations/registration/{registration.pk}/change/")

    assert response.status_code == 200
    assert MINISTRY in response.content.decode()


@pytest.mark.django_db
def test_migration_gives_dossiers_forwarded_before_it_their_review(staff):
    registration = forwarded_make(staff=staff)
    forwarded_at = registration.events.get(to_state=S.FORWARDED_NATIONAL).created_at
    NationalReview.objects.all().delete()
    migration = importlib.import_module("registrations.migrations.0005_national_review")

    migration.reviews_for_forwarded(apps, None)

    review = NationalReview.objects.get(registration=registration)
    assert (review.forwarded_at, review.forwarded_by_id, review.ministry) == (forwarded_at, staff.pk, "")
    _decide(registration, staff)
    registration.refresh_from_db()
    assert registration.state == S.CERTIFIED
