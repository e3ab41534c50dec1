import datetime
import io

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from openpyxl import load_workbook

from registrations.models import Registration
from registrations.services import workflow
from tests.factories import product_set
from tests.factories.registrations import (
    CouncilUserFactory,
    RoundFactory,
    advance,
    council_score_all,
    draft_make,
    member_of,
    round_with_council,
)


def _staff_urls(registration):
    pk = registration.pk
    return {
        "get": [
            "/dossiers/staff/",
            "/dossiers/staff/export.xlsx",
            f"/dossiers/staff/{pk}/",
            f"/dossiers/staff/{pk}/print/",
        ],
        "post": ["/dossiers/staff/assign/", f"/dossiers/staff/{pk}/return/", f"/dossiers/staff/{pk}/certify/"],
    }


@pytest.mark.django_db
def test_staff_pages_when_anonymous_redirect_to_login(client, staff):
    registration = advance(draft_make(), "submitted", staff=staff)

    for url in _staff_urls(registration)["get"] + _staff_urls(registration)["post"]:
        response = client.get(url) if url in _staff_urls(registration)["get"] else client.post(url)
        assert response["Location"].startswith("/accounts/login/?next="), url


@pytest.mark.django_db
@pytest.mark.parametrize("who", ["cooperative", "council"])
def test_staff_pages_when_not_staff_answer_404_and_change_nothing(client, staff, who):
    registration = advance(draft_make(), "submitted", staff=staff)
    client.force_login(member_of(registration.cooperative) if who == "cooperative" else CouncilUserFactory())

    for url in _staff_urls(registration)["get"]:
        assert client.get(url).status_code == 404, url
    for url in _staff_urls(registration)["post"]:
        assert client.post(url, {"note": "x"}).status_code == 404, url

    registration.refresh_from_db()
    assert registration.state == "submitted"


def _aged(registration, days):
    Registration.objects.filter(pk=registration.pk).update(
        state_changed_at=timezone.now() - datetime.timedelta(days=days)
    )


@pytest.mark.django_db
def test_queue_lists_what_waits_on_staff_oldest_first(client, staff):
    newer = advance(draft_make(), "submitted", staff=staff)
    older = advance(draft_make(), "resubmitted", staff=staff)
    checked = advance(draft_make(), "commune_checked", staff=staff)
    draft_make()  # a draft: the cooperative's turn
    advance(draft_make(), "returned", staff=staff)  # the cooperative's turn
    _aged(newer, 1)
    _aged(older, 5)
    _aged(checked, 3)
    client.force_login(staff)

    response = client.get("/dossiers/staff/")

    assert [r.pk for r in response.context["registrations"]] == [older.pk, checked.pk, newer.pk]
    page = response.content.decode()
    assert "Đã nộp bổ sung" in page and "Xã đã kiểm tra" in page
    assert f'name="registrations" value="{checked.pk}"' in page  # only the checked one can be ticked
    assert f'name="registrations" value="{newer.pk}"' not in page


@pytest.mark.django_db
def test_queue_filters_by_state_product_set_and_search(client, staff):
    rice = advance(draft_make(), "submitted", staff=staff)
    from tests.factories import ProductFactory

    user = member_of()
    honey = advance(
        draft_make(
            user=user,
            product=ProductFactory(
                cooperative=user.membership.cooperative, name="Mật ong bạc hà", product_set=product_set("04")
            ),
        ),
        "commune_checked",
        staff=staff,
    )
    client.force_login(staff)

    by_state = client.get("/dossiers/staff/", {"state": "commune_checked"}).context["registrations"]
    by_set = client.get("/dossiers/staff/", {"product_set": product_set("03").pk}).context["registrations"]
    by_search = client.get("/dossiers/staff/", {"q": "mat ong"}).context["registrations"]

    assert [r.pk for r in by_state] == [honey.pk]
    assert [r.pk for r in by_set] == [rice.pk]
    assert [r.pk for r in by_search] == [honey.pk]


@pytest.mark.django_db
def test_batch_assign_when_round_chosen_puts_dossiers_under_review(client, staff):
    first = advance(draft_make(), "commune_checked", staff=staff)
    second = advance(draft_make(), "commune_checked", staff=staff)
    round_ = round_with_council(3)
    client.force_login(staff)

    response = client.post(
        "/dossiers/staff/assign/", {"round": round_.pk, "registrations": [first.pk, second.pk]}, follow=True
    )

    assert set(Registration.objects.values_list("state", "round")) == {("under_review", round_.pk)}
    assert f"Đã đưa 2 hồ sơ vào {round_.name}." in response.content.decode()


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("back", "expected"),
    [
        ("/dossiers/staff/?state=all", "/dossiers/staff/?state=all"),
        ("https://evil.example/phish", "/dossiers/staff/"),
        ("//evil.example/phish", "/dossiers/staff/"),
        ("", "/dossiers/staff/"),
    ],
)
def test_batch_assign_goes_back_only_to_a_page_of_this_site(client, staff, back, expected):
    client.force_login(staff)

    response = client.post("/dossiers/staff/assign/", {"back": back})

    assert response.status_code == 302
    assert response["Location"] == expected


@pytest.mark.django_db
def test_batch_assign_when_no_round_shows_error_and_changes_nothing(client, staff):
    first = advance(draft_make(), "commune_checked", staff=staff)
    client.force_login(staff)

    response = client.post("/dossiers/staff/assign/", {"registrations": [first.pk]}, follow=True)

    assert "Trường này là bắt buộc." in response.content.decode()
    first.refresh_from_db()
    assert (first.state, first.round) == ("commune_checked", None)


@pytest.mark.django_db
def test_batch_assign_when_round_has_no_council_is_refused(client, staff):
    first = advance(draft_make(), "commune_checked", staff=staff)
    empty_round = RoundFactory()
    client.force_login(staff)

    response = client.post(
        "/dossiers/staff/assign/", {"round": empty_round.pk, "registrations": [first.pk]}, follow=True
    )

    assert "chưa có thành viên hội đồng" in response.content.decode()
    first.refresh_from_db()
    assert first.state == "commune_checked"


@pytest.mark.django_db
def test_queue_when_3_or_30_dossiers_uses_same_queries(client, staff):
    round_ = round_with_council(2)
    for _ in range(3):
        advance(draft_make(), "under_review", staff=staff, round_=round_)
    client.force_login(staff)
    client.get("/dossiers/staff/")

    with CaptureQueriesContext(connection) as three:
        assert len(client.get("/dossiers/staff/").context["registrations"]) == 3
    for _ in range(27):
        advance(draft_make(), "submitted", staff=staff)
    with CaptureQueriesContext(connection) as thirty:
        assert len(client.get("/dossiers/staff/").context["registrations"]) == 30

    assert len(thirty) == len(three)


@pytest.mark.django_db
def test_export_when_filtered_has_dossiers_and_scorecards(client, staff):
    registration = advance(draft_make(), "under_review", staff=staff)
    council_score_all(registration, points=(20, 10, 5, 30, 5))
    workflow.registration_finalize(registration=registration, by=staff)
    client.force_login(staff)

    response = client.get("/dossiers/staff/export.xlsx", {"state": "all"})

    assert response["Content-Type"] == "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    workbook = load_workbook(io.BytesIO(response.content))
    dossiers_ws, scores_ws = workbook.worksheets
    header, row = [list(r) for r in dossiers_ws.iter_rows(values_only=True)]
    assert header[:3] == ["Mã hồ sơ", "Chủ thể", "Xã/phường"]
    assert row[0] == registration.reference
    assert row[6] == "Đã chấm điểm"
    assert (row[10], row[11], row[12]) == (70, 70, 4)
    scores = list(scores_ws.iter_rows(values_only=True))[1:]
    assert sorted(s[2] for s in scores) == sorted(str(m.user) for m in registration.round.memberships.all())
    assert {s[3] for s in scores} == {70}


@pytest.mark.django_db
def test_export_shows_moments_with_their_local_time_and_dates_as_dates(client, staff):
    registration = advance(draft_make(), "submitted", staff=staff)
    client.force_login(staff)

    response = client.get("/dossiers/staff/export.xlsx", {"state": "all"})

    sheet = load_workbook(io.BytesIO(response.content)).worksheets[0]
    header = [cell.value for cell in sheet[1]]
    since = sheet.cell(row=2, column=header.index("Từ ngày") + 1)
    local = timezone.localtime(registration.state_changed_at).replace(tzinfo=None)
    assert abs(since.value - local) < datetime.timedelta(milliseconds=1)  # Excel keeps milliseconds
    assert since.number_format == "dd/mm/yyyy hh:mm"
    assert response["Content-Disposition"] == (
        f'attachment; filename="ho-so-ocop-{timezone.localdate().strftime("%Y%m%d")}.xlsx"'
    )


@pytest.mark.django_db
def test_export_when_3_or_30_dossiers_uses_same_queries(client, staff):
    round_ = round_with_council(2)
    for _ in range(3):
        registration = advance(draft_make(), "under_review", staff=staff, round_=round_)
        council_score_all(registration)
    client.force_login(staff)

    with CaptureQueriesContext(connection) as three:
        client.get("/dossiers/staff/export.xlsx", {"state": "all"})
    for _ in range(27):
        advance(draft_make(), "submitted", staff=staff)
    with CaptureQueriesContext(connection) as thirty:
        response = client.get("/dossiers/staff/export.xlsx", {"state": "all"})

    assert load_workbook(io.BytesIO(response.content)).worksheets[0].max_row == 31
    assert len(thirty) == len(three)


@pytest.mark.django_db
def test_detail_shows_scorecards_average_self_assessment_and_difference(client, staff):
    registration = advance(draft_make(points=(20, 10, 5, 30, 5)), "under_review", staff=staff)
    council_score_all(registration, points=(20, 10, 25, 30, 5))
    client.force_login(staff)

    response = client.get(f"/dossiers/staff/{registration.pk}/")

    page = response.content.decode()
    rows = {row["criterion"].title: row for row in response.context["rows"]}
    assert (rows["c) Kênh phân phối"]["self"], rows["c) Kênh phân phối"]["average"]) == (5, 25)
    assert rows["c) Kênh phân phối"]["difference"] == 20
    assert response.context["result"].score == 90
    for membership in registration.round.memberships.all():
        assert membership.user.full_name in page
    assert "Ghi nhận kết quả của hội đồng" in page


@pytest.mark.django_db
def test_return_action_when_note_missing_shows_error_and_changes_nothing(client, staff):
    registration = advance(draft_make(), "submitted", staff=staff)
    client.force_login(staff)

    response = client.post(f"/dossiers/staff/{registration.pk}/return/", {"note": ""}, follow=True)

    assert "Vui lòng viết lời nhắn gửi hợp tác xã." in response.content.decode()
    registration.refresh_from_db()
    assert (registration.state, registration.events.count()) == ("submitted", 2)


@pytest.mark.django_db
def test_return_action_when_note_given_returns_dossier(client, staff):
    registration = advance(draft_make(), "submitted", staff=staff)
    client.force_login(staff)

    client.post(
        f"/dossiers/staff/{registration.pk}/return/", {"note": "Bổ sung nhãn.", "internal_note": "Gọi điện trước"}
    )

    registration.refresh_from_db()
    event = registration.events.last()
    assert registration.state == "returned"
    assert (event.note, event.internal_note, event.actor) == ("Bổ sung nhãn.", "Gọi điện trước", staff)


@pytest.mark.django_db
def test_certify_action_when_form_valid_issues_certificate(client, staff):
    registration = advance(draft_make(), "under_review", staff=staff)
    council_score_all(registration, points=(20, 10, 5, 30, 5))
    workflow.registration_finalize(registration=registration, by=staff)
    client.force_login(staff)
    today = timezone.localdate()

    response = client.post(
        f"/dossiers/staff/{registration.pk}/certify/",
        {"decision_number": "2468/QĐ-UBND", "decision_date": today.strftime("%d/%m/%Y")},
        follow=True,
    )

    registration.refresh_from_db()
    assert registration.state == "certified"
    assert registration.certificate.decision_number == "2468/QĐ-UBND"
    assert f"mã sản phẩm {registration.certificate.product_code}" in response.content.decode()


@pytest.mark.django_db
def test_certify_action_when_date_missing_shows_error_and_issues_nothing(client, staff):
    registration = advance(draft_make(), "under_review", staff=staff)
    council_score_all(registration)
    workflow.registration_finalize(registration=registration, by=staff)
    client.force_login(staff)

    response = client.post(f"/dossiers/staff/{registration.pk}/certify/", {"decision_number": "1/QĐ"}, follow=True)

    assert "Ngày quyết định: Trường này là bắt buộc." in response.content.decode()
    registration.refresh_from_db()
    assert (registration.state, registration.certificate) == ("scored", None)


@pytest.mark.django_db
def test_revoke_action_when_ground_given_revokes(client, staff):
    registration = advance(draft_make(), "under_review", staff=staff)
    council_score_all(registration)
    workflow.registration_finalize(registration=registration, by=staff)
    workflow.registration_certify(
        registration=registration, by=staff, decision_number="5/QĐ", decision_date=timezone.localdate()
    )
    client.force_login(staff)

    client.post(f"/dossiers/staff/{registration.pk}/revoke/", {"ground": "mark_misuse", "note": "Dùng nhãn OCOP sai."})

    registration.refresh_from_db()
    assert (registration.certificate.status, registration.certificate.revocation_ground) == ("revoked", "mark_misuse")


@pytest.mark.django_db
def test_print_sheet_lists_criteria_with_self_and_council_points(client, staff):
    registration = advance(draft_make(points=(20, 10, 5, 30, 5)), "under_review", staff=staff)
    council_score_all(registration, points=(20, 10, 25, 30, 5))
    client.force_login(staff)

    response = client.get(f"/dossiers/staff/{registration.pk}/print/")

    page = response.content.decode()
    assert "Phiếu đánh giá, chấm điểm sản phẩm OCOP" in page
    assert "c) Kênh phân phối" in page
    assert "☑ Trong huyện" in page  # the cooperative's own answer, ticked
    assert "registrations/print.js" in page
    assert response.context["result"].score == 90
    assert "Chủ tịch Hội đồng" in page


@pytest.mark.django_db
def test_revoke_action_when_ground_unknown_shows_error_and_keeps_certificate(client, staff):
    registration = advance(draft_make(), "under_review", staff=staff)
    council_score_all(registration)
    workflow.registration_finalize(registration=registration, by=staff)
    workflow.registration_certify(
        registration=registration, by=staff, decision_number="6/QĐ", decision_date=timezone.localdate()
    )
    client.force_login(staff)

    response = client.post(f"/dossiers/staff/{registration.pk}/revoke/", {"ground": "not-a-ground"}, follow=True)

    assert "Hãy chọn một căn cứ pháp lý để thu hồi." in response.content.decode()
    registration.refresh_from_db()
    assert registration.certificate.status == "valid"
    assert registration.product.stars == 4
