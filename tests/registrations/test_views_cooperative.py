import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from registrations.models import Document, DocumentType, Registration
from registrations.scoring import sheet_load
from registrations.services import workflow
from registrations.space_panels import panels
from tests.factories import ProductFactory
from tests.factories.registrations import (
    PDF_BYTES,
    CouncilUserFactory,
    advance,
    council_score_all,
    draft_make,
    member_of,
    owner,
    small_sheet,
)


def _urls(registration, document):
    pk = registration.pk
    return {
        "get": [
            f"/dossiers/{pk}/",
            f"/dossiers/{pk}/form/",
            f"/dossiers/{pk}/self-assessment/",
            f"/dossiers/{pk}/documents/",
            f"/dossiers/{pk}/withdraw/",
            f"/dossiers/documents/{document.pk}/",
        ],
        "post": [
            f"/dossiers/{pk}/form/",
            f"/dossiers/{pk}/self-assessment/",
            f"/dossiers/{pk}/documents/",
            f"/dossiers/{pk}/documents/{document.pk}/delete/",
            f"/dossiers/{pk}/submit/",
            f"/dossiers/{pk}/withdraw/",
        ],
    }


@pytest.mark.django_db
def test_dossier_pages_when_anonymous_redirect_to_login(client):
    registration = draft_make()
    document = registration.documents.first()
    urls = _urls(registration, document)

    for url in ["/dossiers/", "/dossiers/new/", *urls["get"]]:
        response = client.get(url)
        assert response.status_code == 302, url
        assert response["Location"].startswith("/accounts/login/?next="), url
    for url in urls["post"]:
        assert client.post(url)["Location"].startswith("/accounts/login/"), url


@pytest.mark.django_db
def test_dossier_pages_when_another_cooperative_answer_404_and_change_nothing(client):
    registration = draft_make()
    document = registration.documents.first()
    client.force_login(member_of())
    before = (Registration.objects.values().get(), Document.objects.count())

    for url in _urls(registration, document)["get"]:
        assert client.get(url).status_code == 404, url
    for url in _urls(registration, document)["post"]:
        assert client.post(url, {"contact_name": "X", "confirm": "on"}).status_code == 404, url

    assert (Registration.objects.values().get(), Document.objects.count()) == before


@pytest.mark.django_db
def test_dossier_list_when_user_has_no_cooperative_is_404(client):
    client.force_login(CouncilUserFactory())

    assert client.get("/dossiers/").status_code == 404


@pytest.mark.django_db
def test_start_when_product_chosen_creates_draft_on_active_sheet(client):
    user = member_of()
    product = ProductFactory(cooperative=user.membership.cooperative)
    sheet = small_sheet()
    client.force_login(user)

    response = client.post("/dossiers/new/", {"product": product.pk, "kind": "first"})

    registration = Registration.objects.get()
    assert response["Location"] == f"/dossiers/{registration.pk}/form/"
    assert (registration.product, registration.sheet, registration.state) == (product, sheet, "draft")
    assert registration.contact_email == user.email
    assert list(registration.events.values_list("to_state", flat=True)) == ["draft"]


@pytest.mark.django_db
def test_start_when_product_of_another_cooperative_shows_error_and_saves_nothing(client):
    user = member_of()
    stranger_product = ProductFactory()
    small_sheet()
    client.force_login(user)

    response = client.post("/dossiers/new/", {"product": stranger_product.pk, "kind": "first"})

    assert response.status_code == 200
    assert "Hãy chọn một lựa chọn hợp lệ" in response.content.decode()
    assert not Registration.objects.exists()


@pytest.mark.django_db
def test_start_when_product_already_certified_first_rating_is_refused_with_message(client):
    from tests.factories import CertificateFactory

    user = member_of()
    certificate = CertificateFactory(product=ProductFactory(cooperative=user.membership.cooperative))
    small_sheet()
    client.force_login(user)

    response = client.post("/dossiers/new/", {"product": certificate.product.pk, "kind": "first"})

    assert certificate.product_code in response.content.decode()
    assert not Registration.objects.exists()


@pytest.mark.django_db
def test_form_when_phone_invalid_shows_error_and_saves_nothing(client):
    registration = draft_make(complete=False)
    client.force_login(owner(registration))

    response = client.post(
        f"/dossiers/{registration.pk}/form/", {"contact_name": "Trần Văn Nam", "contact_phone": "12ab"}
    )

    assert response.status_code == 200
    assert 'id="error_1_id_contact_phone"' in response.content.decode()
    registration.refresh_from_db()
    assert (registration.contact_name, registration.contact_phone) == ("", "")


@pytest.mark.django_db
def test_form_when_valid_saves_and_goes_to_self_assessment(client):
    registration = draft_make(complete=False)
    client.force_login(owner(registration))

    response = client.post(
        f"/dossiers/{registration.pk}/form/",
        {"contact_name": "Trần Văn Nam", "contact_phone": "0987654321", "annual_output": "20 tấn", "next_step": "1"},
    )

    assert response["Location"] == f"/dossiers/{registration.pk}/self-assessment/"
    registration.refresh_from_db()
    assert (registration.contact_name, registration.annual_output) == ("Trần Văn Nam", "20 tấn")


@pytest.mark.django_db
def test_self_assessment_when_saved_shows_server_total_and_stars(client):
    registration = draft_make(complete=False)
    view = sheet_load(registration.sheet)
    a, b, c, d, e = view.criteria
    best = {crit: max(crit.options.all(), key=lambda o: o.points) for crit in view.criteria}
    client.force_login(owner(registration))

    response = client.post(
        f"/dossiers/{registration.pk}/self-assessment/",
        {f"c{a.pk}": best[a].pk, f"c{b.pk}": best[b].pk, f"c{c.pk}": best[c].pk, f"c{d.pk}": "none"},
        follow=True,
    )

    card = registration.scorecards.get(kind="self")
    assert card.total == 65
    assert card.answers.count() == 4
    page = response.content.decode()
    assert "Đã lưu bản tự đánh giá." in page
    assert "data-total>65<" in page
    assert "data-answered>4<" in page


@pytest.mark.django_db
def test_self_assessment_when_option_of_another_criterion_shows_error_and_saves_nothing(client):
    registration = draft_make(complete=False)
    a, b, *_rest = sheet_load(registration.sheet).criteria
    client.force_login(owner(registration))

    response = client.post(f"/dossiers/{registration.pk}/self-assessment/", {f"c{a.pk}": b.options.first().pk})

    assert response.status_code == 200
    assert "border-danger" in response.content.decode()
    assert registration.scorecards.get(kind="self").answers.count() == 0


@pytest.mark.django_db
def test_document_upload_when_pdf_stores_privately_and_owner_downloads_it(client, settings):
    registration = draft_make(complete=False)
    doc_type = DocumentType.objects.get(code="label")
    client.force_login(owner(registration))

    response = client.post(
        f"/dossiers/{registration.pk}/documents/",
        {"doc_type": doc_type.pk, "file": SimpleUploadedFile("nhãn sản phẩm.pdf", PDF_BYTES)},
    )

    document = Document.objects.get()
    assert response["Location"] == f"/dossiers/{registration.pk}/documents/"
    assert (document.doc_type, document.original_name, document.size) == (doc_type, "nhãn sản phẩm.pdf", len(PDF_BYTES))
    assert document.file.storage.location != settings.MEDIA_ROOT
    assert not document.file.name.startswith(str(settings.MEDIA_ROOT))
    download = client.get(f"/dossiers/documents/{document.pk}/")
    assert download.status_code == 200
    assert b"".join(download.streaming_content) == PDF_BYTES
    assert download["Cache-Control"] == "private, no-store"


@pytest.mark.django_db
def test_document_upload_when_not_a_document_shows_error_and_saves_nothing(client):
    registration = draft_make(complete=False)
    client.force_login(owner(registration))

    response = client.post(
        f"/dossiers/{registration.pk}/documents/",
        {
            "doc_type": DocumentType.objects.get(code="label").pk,
            "file": SimpleUploadedFile("x.pdf", b"<html>hi</html>"),
        },
    )

    assert response.status_code == 200
    assert "Chỉ nhận tệp PDF" in response.content.decode() or "Only PDF files" in response.content.decode()
    assert not Document.objects.exists()


@pytest.mark.django_db
def test_document_download_when_staff_or_round_council_allowed_others_not(client, staff):
    registration = advance(draft_make(), "under_review", staff=staff)
    document = registration.documents.first()
    url = f"/dossiers/documents/{document.pk}/"
    on_round = registration.round.memberships.first().user

    client.force_login(staff)
    assert client.get(url).status_code == 200
    client.force_login(on_round)
    assert client.get(url).status_code == 200
    client.force_login(CouncilUserFactory())
    assert client.get(url).status_code == 404
    client.force_login(member_of())
    assert client.get(url).status_code == 404


@pytest.mark.django_db
def test_submit_when_document_missing_keeps_draft_and_lists_it(client):
    registration = draft_make()
    registration.documents.filter(doc_type__code="food-safety").delete()
    client.force_login(owner(registration))

    response = client.post(f"/dossiers/{registration.pk}/submit/", follow=True)

    registration.refresh_from_db()
    assert registration.state == "draft"
    page = response.content.decode()
    assert "Hồ sơ chưa được gửi" in page
    assert "Giấy chứng nhận cơ sở đủ điều kiện ATTP / điều kiện sản xuất" in page


@pytest.mark.django_db
def test_submit_when_complete_sends_and_locks_editing(client):
    registration = draft_make()
    client.force_login(owner(registration))

    client.post(f"/dossiers/{registration.pk}/submit/")
    form_page = client.get(f"/dossiers/{registration.pk}/form/")
    refused = client.post(f"/dossiers/{registration.pk}/form/", {"contact_name": "Đổi tên"})

    registration.refresh_from_db()
    assert registration.state == "submitted"
    assert form_page["Location"] == f"/dossiers/{registration.pk}/"
    assert refused.status_code == 302
    assert registration.contact_name == "Nguyễn Thị Hoa"


@pytest.mark.django_db
def test_returned_dossier_when_answered_is_resubmitted_with_note(client, staff):
    registration = advance(draft_make(), "returned", staff=staff)
    client.force_login(owner(registration))

    page = client.get(f"/dossiers/{registration.pk}/").content.decode()
    client.post(f"/dossiers/{registration.pk}/submit/", {"note": "Đã bổ sung phiếu kiểm nghiệm."})

    assert "Bổ sung phiếu kiểm nghiệm." in page
    registration.refresh_from_db()
    assert registration.state == "resubmitted"
    assert registration.events.last().note == "Đã bổ sung phiếu kiểm nghiệm."


@pytest.mark.django_db
def test_withdraw_when_confirmed_closes_dossier(client):
    registration = draft_make()
    client.force_login(owner(registration))

    unconfirmed = client.post(f"/dossiers/{registration.pk}/withdraw/", {})
    registration.refresh_from_db()
    assert (unconfirmed.status_code, registration.state) == (200, "draft")
    response = client.post(f"/dossiers/{registration.pk}/withdraw/", {"confirm": "on", "note": "Chưa đủ sản lượng"})

    registration.refresh_from_db()
    assert response["Location"] == "/dossiers/"
    assert registration.state == "withdrawn"


@pytest.mark.django_db
def test_timeline_when_certified_shows_result_but_no_council_names_or_scores(client, staff):
    registration = advance(draft_make(), "under_review", staff=staff)
    council_score_all(registration, points=(20, 10, 5, 30, 5))
    workflow.registration_finalize(registration=registration, by=staff, note="Hội đồng họp ngày 20/11.")
    workflow.registration_certify(
        registration=registration, by=staff, decision_number="77/QĐ-UBND", decision_date=timezone.localdate()
    )
    members = [m.user for m in registration.round.memberships.all()]
    client.force_login(owner(registration))

    page = client.get(f"/dossiers/{registration.pk}/").content.decode()

    registration.refresh_from_db()
    assert "Kết quả: đạt chứng nhận" in page
    assert registration.certificate.product_code in page
    assert "70,00" in page  # the council's average, the result
    for member in members:
        assert member.full_name not in page
        assert member.email not in page
    assert staff.full_name not in page
    assert "Hội đồng họp ngày 20/11." not in page  # an internal note
    assert "Đang được Hội đồng đánh giá" in page  # the cooperative's label of under_review


@pytest.mark.django_db
def test_dossier_list_when_3_or_30_dossiers_uses_same_queries(client):
    user = member_of()
    small_sheet()
    for _ in range(3):
        draft_make(user=user, complete=False)
    client.force_login(user)
    client.get("/dossiers/")  # warm up session and caches

    with CaptureQueriesContext(connection) as three:
        response = client.get("/dossiers/")
    assert response.content.decode().count('class="card mb-2"') == 3
    for _ in range(27):
        draft_make(user=user, complete=False)
    with CaptureQueriesContext(connection) as thirty:
        response = client.get("/dossiers/")

    assert response.content.decode().count('class="card mb-2"') == 30
    assert len(thirty) == len(three)


@pytest.mark.django_db
def test_space_panel_lists_drafts_and_returned_only(staff):
    user = member_of()
    cooperative = user.membership.cooperative
    draft = draft_make(user=user)
    returned = advance(draft_make(user=user), "returned", staff=staff)
    advance(draft_make(user=user), "submitted", staff=staff)
    draft_make()  # another cooperative's

    (panel,) = panels(cooperative=cooperative, user=user)

    assert panel["template"] == "registrations/space_panel.html"
    assert [r.pk for r in panel["context"]["registrations"]] == [draft.pk, returned.pk]
