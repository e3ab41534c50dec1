"""The profile: contact details change at once (and are recorded in the history); the legal
identity (name, registration number, type) becomes a request to staff."""

import pytest
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from cooperatives.models import Cooperative, LegalChangeRequest
from cooperatives.services import legal_change_approve, legal_change_reject
from ocop_portal.errors import ApplicationError
from tests.cooperatives.files import jpeg_upload, pdf_upload
from tests.factories import CooperativeFactory, StaffUserFactory


def profile_data(cooperative, **overrides):
    data = {
        "name": cooperative.name,
        "registration_number": cooperative.registration_number,
        "kind": cooperative.kind,
        "phone": "0229 3871 234",
        "email": "lienhe@htx.vn",
        "website": "",
        "commune": cooperative.commune_id,
        "street_address": "Thôn Đông",
        "description": "Hợp tác xã trồng lúa nếp.",
        "members_count": 42,
        "leader_name": "Phạm Văn Bình",
        "legal_representative": "Phạm Văn Bình",
        "legal_representative_sex": "male",
        "legal_representative_ethnicity": "Kinh",
    }
    return {**data, **overrides}


def test_profile_saves_contact_details_and_records_who_changed_them(member_client, manager, cooperative):
    response = member_client.post(reverse("cooperatives:profile"), profile_data(cooperative))

    assert response.status_code == 302
    cooperative.refresh_from_db()
    assert (cooperative.phone, cooperative.email, cooperative.members_count, cooperative.street_address) == (
        "02293871234",
        "lienhe@htx.vn",
        42,
        "Thôn Đông",
    )
    latest = cooperative.history.latest()
    assert latest.history_user == manager.user
    assert not LegalChangeRequest.objects.exists()
    page = member_client.get(reverse("cooperatives:profile"))
    assert page.context["history"][0]["user"] == manager.user
    changed = [str(label) for label in page.context["history"][0]["fields"]]
    assert str(Cooperative._meta.get_field("phone").verbose_name) in changed
    assert str(Cooperative._meta.get_field("members_count").verbose_name) in changed
    assert str(Cooperative._meta.get_field("name").verbose_name) not in changed


def test_profile_legal_change_becomes_a_request_and_the_name_stays(
    member_client, manager, cooperative, django_capture_on_commit_callbacks
):
    staff = StaffUserFactory()
    old_name = cooperative.name

    with django_capture_on_commit_callbacks(execute=True):
        response = member_client.post(
            reverse("cooperatives:profile"),
            profile_data(
                cooperative,
                name="HTX Nông nghiệp Khánh Trung Mới",
                registration_number="2700123456",
                legal_document=pdf_upload(),
            ),
        )

    assert response.status_code == 302
    cooperative.refresh_from_db()
    assert cooperative.name == old_name
    assert cooperative.registration_number == ""
    assert cooperative.phone == "02293871234"  # the contact part applied at once
    request = LegalChangeRequest.objects.get()
    assert (request.name, request.registration_number, request.status, request.requested_by) == (
        "HTX Nông nghiệp Khánh Trung Mới",
        "2700123456",
        LegalChangeRequest.Status.PENDING,
        manager.user,
    )
    assert request.previous["name"] == old_name
    assert request.document.storage.__class__.__name__ == "PrivateFileSystemStorage"
    assert [m.to for m in mail.outbox] == [[staff.email]]
    page = member_client.get(reverse("cooperatives:profile"))
    assert "HTX Nông nghiệp Khánh Trung Mới" in page.content.decode()  # the waiting request is shown


def test_a_second_legal_change_updates_the_waiting_request(member_client, cooperative):
    member_client.post(reverse("cooperatives:profile"), profile_data(cooperative, name="Tên mới 1"))
    member_client.post(reverse("cooperatives:profile"), profile_data(cooperative, name="Tên mới 2"))

    assert list(LegalChangeRequest.objects.values_list("name", flat=True)) == ["Tên mới 2"]


def test_profile_with_bad_input_shows_messages_and_saves_nothing(member_client, cooperative):
    before = (cooperative.phone, cooperative.email, cooperative.history.count())

    response = member_client.post(
        reverse("cooperatives:profile"),
        profile_data(
            cooperative,
            phone="12345",
            email="khong-phai-email",
            name="Tên mới",
            logo=SimpleUploadedFile(
                "logo.png", b'<svg xmlns="http://www.w3.org/2000/svg"/>', content_type="image/svg+xml"
            ),
        ),
    )

    assert response.status_code == 200
    errors = response.context["form"].errors
    assert errors["phone"] == ["Nhập số điện thoại Việt Nam, ví dụ 0912 345 678 hoặc 0229 3871 234."]
    assert "email" in errors
    assert "SVG" in errors["logo"][0]
    cooperative.refresh_from_db()
    assert (cooperative.phone, cooperative.email, cooperative.history.count()) == before
    assert not LegalChangeRequest.objects.exists()


def test_profile_refuses_a_registration_number_another_producer_has(member_client, cooperative):
    CooperativeFactory(registration_number="2700123456")

    response = member_client.post(
        reverse("cooperatives:profile"), profile_data(cooperative, registration_number="2700123456")
    )

    assert response.status_code == 200
    assert response.context["form"].errors["registration_number"]
    assert not LegalChangeRequest.objects.exists()


def test_profile_logo_is_reencoded_under_a_generated_name(member_client, cooperative):
    member_client.post(reverse("cooperatives:profile"), profile_data(cooperative, logo=jpeg_upload("Logo HTX.jpg")))

    cooperative.refresh_from_db()
    assert cooperative.logo.name.startswith("cooperatives/logos/")
    assert "Logo HTX" not in cooperative.logo.name and cooperative.logo.name.endswith(".jpg")


def test_legal_change_approval_applies_it_with_history(cooperative, manager, django_capture_on_commit_callbacks):
    staff = StaffUserFactory()
    request = LegalChangeRequest.objects.create(
        cooperative=cooperative,
        requested_by=manager.user,
        name="HTX Mới",
        registration_number="2700555666",
        kind="to_hop_tac",
        previous={"name": cooperative.name, "registration_number": "", "kind": "htx"},
    )

    with django_capture_on_commit_callbacks(execute=True):
        legal_change_approve(request=request, by=staff, note="Đã đối chiếu giấy phép.")

    cooperative.refresh_from_db()
    assert (cooperative.name, cooperative.registration_number, cooperative.kind) == (
        "HTX Mới",
        "2700555666",
        "to_hop_tac",
    )
    assert cooperative.history.latest().history_user == staff
    request.refresh_from_db()
    assert request.status == LegalChangeRequest.Status.APPROVED
    assert mail.outbox[0].to == [manager.user.email]
    assert "Đã đối chiếu giấy phép." in mail.outbox[0].body


def test_legal_change_reject_needs_a_note_and_changes_nothing(cooperative, manager):
    request = LegalChangeRequest.objects.create(cooperative=cooperative, name="HTX Khác", kind="htx", previous={})
    staff = StaffUserFactory()

    with pytest.raises(ApplicationError, match="lý do từ chối"):
        legal_change_reject(request=request, by=staff, note="")
    legal_change_reject(request=request, by=staff, note="Sai tên trên giấy phép.")

    assert Cooperative.objects.get(pk=cooperative.pk).name != "HTX Khác"
    request.refresh_from_db()
    assert request.status == LegalChangeRequest.Status.REJECTED


def test_legal_change_admin_approve_from_the_object_page(staff_client, cooperative):
    request = LegalChangeRequest.objects.create(
        cooperative=cooperative, name="HTX Đổi Tên", kind="htx", previous={"name": cooperative.name}
    )
    url = reverse("admin:cooperatives_legalchangerequest_decide", args=[request.pk, "approve"])

    assert (
        staff_client.get(reverse("admin:cooperatives_legalchangerequest_change", args=[request.pk])).status_code == 200
    )
    assert staff_client.get(url).status_code == 200
    response = staff_client.post(url, {"apply_decision": "1", "note": ""})

    assert response.status_code == 302
    cooperative.refresh_from_db()
    assert cooperative.name == "HTX Đổi Tên"
