"""Support requests: the cooperative asks (kinds of the plan, amount for loans, private
attachments); staff work them in the admin (assignee, new → in progress → done / declined,
notes the cooperative reads)."""

import pytest
from django.core import mail
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from cooperatives.models import SupportAttachment, SupportNote, SupportRequest
from cooperatives.services import support_note_add, support_request_transition
from ocop_portal.errors import ApplicationError
from tests.cooperatives.files import pdf_upload
from tests.factories import MembershipFactory, ProductFactory, StaffUserFactory
from tests.factories.space import SupportRequestFactory


def test_support_request_with_documents_goes_to_private_storage_and_notifies_staff(
    member_client, cooperative, manager, django_capture_on_commit_callbacks
):
    staff = StaffUserFactory()
    product = ProductFactory(cooperative=cooperative)

    with django_capture_on_commit_callbacks(execute=True):
        response = member_client.post(
            reverse("cooperatives:support_create"),
            {
                "kind": "loan",
                "subject": "Vay vốn mở rộng xưởng",
                "description": "Cần vay để mua máy sấy.",
                "amount": "200000000",
                "product": product.pk,
                "attachments": [pdf_upload("phuong-an-kinh-doanh.pdf")],
            },
        )

    support = SupportRequest.objects.get()
    assert response["Location"] == reverse("cooperatives:support_detail", kwargs={"pk": support.pk})
    assert (support.kind, support.amount, support.product, support.status, support.created_by) == (
        "loan",
        200_000_000,
        product,
        SupportRequest.Status.NEW,
        manager.user,
    )
    attachment = support.attachments.get()
    assert attachment.original_name == "phuong-an-kinh-doanh.pdf"
    assert attachment.file.storage.__class__.__name__ == "PrivateFileSystemStorage"
    assert "phuong-an" not in attachment.file.name
    with pytest.raises(ValueError, match="Private files have no URL"):
        attachment.file.url  # noqa: B018 — private files have no public URL
    assert [m.to for m in mail.outbox] == [[staff.email]]
    detail = member_client.get(response["Location"])
    assert "200.000.000\u00a0₫" in detail.content.decode()


def test_loan_request_without_amount_shows_the_message_and_saves_nothing(member_client):
    response = member_client.post(
        reverse("cooperatives:support_create"), {"kind": "loan", "subject": "Vay vốn", "description": "Cần vay."}
    )

    assert response.status_code == 200
    assert response.context["form"].errors["amount"] == ["Vui lòng nhập số tiền đề nghị vay."]
    assert not SupportRequest.objects.exists()


def test_support_request_with_a_fake_pdf_saves_nothing(member_client):
    from django.core.files.uploadedfile import SimpleUploadedFile

    response = member_client.post(
        reverse("cooperatives:support_create"),
        {
            "kind": "barcode",
            "subject": "Mã vạch",
            "description": "Cần mã vạch.",
            "attachments": [SimpleUploadedFile("hoa-don.pdf", b"MZ\x90\x00 an exe")],
        },
    )

    assert "hoa-don.pdf: Chỉ nhận tệp PDF hoặc ảnh JPEG, PNG." in response.context["form"].errors["attachments"]
    assert not SupportRequest.objects.exists()
    assert not SupportAttachment.objects.exists()


def test_amount_is_dropped_for_a_request_that_is_not_a_loan(member_client):
    member_client.post(
        reverse("cooperatives:support_create"),
        {"kind": "trademark", "subject": "Nhãn hiệu", "description": "Đăng ký nhãn hiệu.", "amount": "5000000"},
    )

    assert SupportRequest.objects.get().amount is None


def test_staff_move_a_request_on_and_the_cooperative_reads_the_notes(
    member_client, cooperative, manager, django_capture_on_commit_callbacks
):
    staff = StaffUserFactory(full_name="Cán bộ Hòa")
    support = SupportRequestFactory(cooperative=cooperative, created_by=manager.user)

    with django_capture_on_commit_callbacks(execute=True):
        support_request_transition(request=support, by=staff, status="in_progress", note="Đã nhận hồ sơ.")
        support_note_add(request=support, by=staff, text="Cần bổ sung giấy phép kinh doanh.")
        support_request_transition(request=support, by=staff, status="done", note="Đã cấp mã vạch.")

    support.refresh_from_db()
    assert (support.status, support.assigned_to) == ("done", staff)
    assert support.closed_at is not None
    assert list(support.notes.values_list("text", "status_to")) == [
        ("Đã nhận hồ sơ.", "in_progress"),
        ("Cần bổ sung giấy phép kinh doanh.", ""),
        ("Đã cấp mã vạch.", "done"),
    ]
    assert len(mail.outbox) == 3 and all(m.to == [manager.user.email] for m in mail.outbox)
    page = member_client.get(reverse("cooperatives:support_detail", kwargs={"pk": support.pk})).content.decode()
    assert "Cần bổ sung giấy phép kinh doanh." in page and "Đã xong" in page


def test_a_request_cannot_skip_or_reopen(cooperative):
    staff = StaffUserFactory()
    support = SupportRequestFactory(cooperative=cooperative)

    with pytest.raises(ApplicationError, match="không thể chuyển sang"):
        support_request_transition(request=support, by=staff, status="done")
    with pytest.raises(ApplicationError, match="lý do"):
        support_request_transition(request=support, by=staff, status="declined", note="")
    support_request_transition(request=support, by=staff, status="declined", note="Ngoài phạm vi hỗ trợ.")
    with pytest.raises(ApplicationError, match="không thể chuyển sang"):
        support_request_transition(request=support, by=staff, status="in_progress")

    support.refresh_from_db()
    assert support.status == "declined"


def test_documents_cannot_be_added_to_a_closed_request(member_client, cooperative):
    support = SupportRequestFactory(cooperative=cooperative, status="done")

    response = member_client.post(
        reverse("cooperatives:support_attachments_add", kwargs={"pk": support.pk}), {"attachments": [pdf_upload()]}
    )

    assert response.status_code == 200
    assert "đã đóng" in response.content.decode()
    assert not support.attachments.exists()


def test_staff_download_an_attachment_and_others_get_404(client, cooperative):
    from ocop_portal.uploads import document_clean

    support = SupportRequestFactory(cooperative=cooperative)
    attachment = SupportAttachment.objects.create(
        request=support, file=document_clean(pdf_upload()), original_name="a.pdf"
    )
    url = reverse("cooperatives:support_attachment", kwargs={"pk": attachment.pk})

    client.force_login(StaffUserFactory())
    staff_response = client.get(url)
    client.force_login(MembershipFactory().user)
    other_response = client.get(url)

    assert staff_response.status_code == 200
    assert staff_response["Content-Disposition"] == 'attachment; filename="a.pdf"'
    assert staff_response["Cache-Control"] == "private, no-store"
    assert other_response.status_code == 404


def test_support_admin_decline_with_a_note_and_add_a_note_inline(
    staff_client, staff_user, cooperative, django_capture_on_commit_callbacks
):
    support = SupportRequestFactory(cooperative=cooperative)
    changelist = reverse("admin:cooperatives_supportrequest_changelist")

    assert staff_client.get(changelist).status_code == 200
    refused = staff_client.post(
        changelist, {"action": "decide_decline", "_selected_action": [support.pk], "apply_decision": "1", "note": ""}
    )
    assert refused.status_code == 200 and refused.context["form"].errors["note"]
    staff_client.post(
        changelist, {"action": "decide_start", "_selected_action": [support.pk], "apply_decision": "1", "note": ""}
    )
    change = reverse("admin:cooperatives_supportrequest_change", args=[support.pk])
    page = staff_client.get(change)
    assert page.status_code == 200
    assert "assigned_to" in page.context["adminform"].form.fields
    start_note = support.notes.get()  # written by the "start" decision: an initial, read-only row
    data = {
        "assigned_to": staff_user.pk,
        "notes-TOTAL_FORMS": "2",
        "notes-INITIAL_FORMS": "1",
        "notes-MIN_NUM_FORMS": "0",
        "notes-MAX_NUM_FORMS": "1000",
        "notes-0-id": start_note.pk,
        "notes-0-request": support.pk,
        "notes-1-request": support.pk,
        "notes-1-text": "Đã liên hệ Trung tâm mã số mã vạch.",
        "attachments-TOTAL_FORMS": "0",
        "attachments-INITIAL_FORMS": "0",
        "attachments-MIN_NUM_FORMS": "0",
        "attachments-MAX_NUM_FORMS": "1000",
    }
    with django_capture_on_commit_callbacks(execute=True):
        response = staff_client.post(change, data)

    assert response.status_code == 302, response.context and response.context["adminform"].form.errors
    support.refresh_from_db()
    assert (support.status, support.assigned_to) == ("in_progress", staff_user)
    assert list(SupportNote.objects.filter(request=support).values_list("text", "author")) == [
        ("", staff_user.pk),
        ("Đã liên hệ Trung tâm mã số mã vạch.", staff_user.pk),
    ]
    assert len(mail.outbox) == 1  # the new note is emailed to the cooperative


def test_support_list_makes_as_many_queries_for_3_rows_as_for_30(client, db):
    def count(rows):
        membership = MembershipFactory()
        for support in SupportRequestFactory.create_batch(rows, cooperative=membership.cooperative):
            SupportNote.objects.create(request=support, text="x")
        client.force_login(membership.user)
        with CaptureQueriesContext(connection) as queries:
            response = client.get(reverse("cooperatives:support_requests"))
        assert len(response.context["requests"]) == rows
        return len(queries)

    assert count(3) == count(30)


def test_adding_a_fake_document_to_a_request_saves_nothing(member_client, cooperative):
    from django.core.files.uploadedfile import SimpleUploadedFile

    support = SupportRequestFactory(cooperative=cooperative)

    response = member_client.post(
        reverse("cooperatives:support_attachments_add", kwargs={"pk": support.pk}),
        {"attachments": [SimpleUploadedFile("hop-dong.pdf", b"<html>not a pdf</html>")]},
    )

    assert response.context["attachments_form"].errors["attachments"] == [
        "hop-dong.pdf: Chỉ nhận tệp PDF hoặc ảnh JPEG, PNG."
    ]
    assert not support.attachments.exists()
