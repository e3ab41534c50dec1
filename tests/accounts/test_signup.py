"""Sign-up: search the registry without diacritics, request an account, confirm the email,
staff approve or reject in the admin, first login."""

import pytest
from django.core import mail
from django.test import Client
from django.urls import reverse

from accounts.models import SignupRequest, User
from accounts.roles import COOPERATIVE_MEMBER
from accounts.services import signup_approve, signup_confirm_token, signup_reject, signup_submit
from cooperatives.models import Cooperative, Membership
from ocop_portal.errors import ApplicationError
from ocop_portal.models import OutboundEmail
from tests.factories import CooperativeFactory, MembershipFactory, StaffUserFactory
from tests.factories.space import SIGNUP_PASSWORD, SignupRequestFactory

PASSWORD = "Lua-nep-cai-2026"


def signup_data(**overrides):
    data = {
        "full_name": "Trần Thị Bình",
        "email": "Binh.Tran@Example.vn",
        "phone": "0912 345 678",
        "position": "Giám đốc",
        "password1": PASSWORD,
        "password2": PASSWORD,
        "message": "",
    }
    return {**data, **overrides}


@pytest.fixture
def dai_hoang(db):
    return CooperativeFactory(name="HTX Nông nghiệp Đại Hoàng", slug="htx-dai-hoang")


def test_signup_search_finds_a_cooperative_without_diacritics(client, dai_hoang):
    CooperativeFactory(name="HTX Cói Kim Sơn")

    response = client.get(reverse("accounts:signup"), {"q": "dai hoang"})

    assert [c.name for c in response.context["results"]] == ["HTX Nông nghiệp Đại Hoàng"]
    assert f'href="?cooperative={dai_hoang.pk}"' in response.content.decode()


def test_signup_search_leaves_out_dissolved_cooperatives(client, dai_hoang):
    CooperativeFactory(name="HTX Đại Hoàng cũ", status=Cooperative.Status.DISSOLVED)

    response = client.get(reverse("accounts:signup"), {"q": "đại hoàng"})

    assert [c.name for c in response.context["results"]] == ["HTX Nông nghiệp Đại Hoàng"]


def test_signup_for_existing_cooperative_stores_request_and_queues_confirmation_after_commit(
    client, dai_hoang, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("accounts:signup") + f"?cooperative={dai_hoang.pk}",
            {**signup_data(), "cooperative": dai_hoang.pk},
        )

    assert response.status_code == 302
    assert response["Location"] == reverse("accounts:signup_sent")
    signup = SignupRequest.objects.get()
    assert (signup.email, signup.phone, signup.cooperative, signup.status) == (
        "binh.tran@example.vn",
        "0912345678",
        dai_hoang,
        SignupRequest.Status.PENDING,
    )
    assert signup.password_hash.startswith("md5$") and PASSWORD not in signup.password_hash
    assert signup.email_confirmed_at is None
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["binh.tran@example.vn"]
    assert "/accounts/signup/confirm/" in mail.outbox[0].body


def test_signup_email_waits_for_the_commit(client, dai_hoang, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        client.post(reverse("accounts:signup"), {**signup_data(), "cooperative": dai_hoang.pk})

    assert OutboundEmail.objects.filter(status="pending").count() == 1
    assert mail.outbox == []
    assert len(callbacks) == 1


def test_signup_for_new_cooperative_stores_its_details(client, db):
    response = client.post(
        reverse("accounts:signup"),
        {
            **signup_data(),
            "new": "1",
            "new_name": "HTX Dược liệu Yên Mô",
            "new_kind": "htx",
            "new_registration_number": "2700999888",
            "new_commune": 14608,
            "new_legal_representative": "Trần Thị Bình",
        },
    )

    assert response.status_code == 302
    signup = SignupRequest.objects.get()
    assert signup.cooperative is None
    assert (signup.new_name, signup.new_registration_number, signup.new_commune_id) == (
        "HTX Dược liệu Yên Mô",
        "2700999888",
        14608,
    )


def test_signup_with_bad_input_shows_messages_and_saves_nothing(client, dai_hoang):
    response = client.post(
        reverse("accounts:signup"),
        {
            **signup_data(email="not-an-email", phone="12345", password2="khac-hoan-toan"),
            "cooperative": dai_hoang.pk,
        },
    )

    assert response.status_code == 200
    errors = response.context["form"].errors
    assert "email" in errors
    assert errors["phone"] == ["Nhập số điện thoại Việt Nam, ví dụ 0912 345 678 hoặc 0229 3871 234."]
    assert errors["password2"] == ["Hai mật khẩu không giống nhau."]
    assert "Hai mật khẩu không giống nhau." in response.content.decode()
    assert not SignupRequest.objects.exists()
    assert not OutboundEmail.objects.exists()


def test_signup_for_new_cooperative_with_a_bad_registration_number_saves_nothing(client, db):
    response = client.post(
        reverse("accounts:signup"),
        {
            **signup_data(),
            "new": "1",
            "new_name": "HTX A",
            "new_kind": "htx",
            "new_commune": 14608,
            "new_registration_number": "12AB",
        },
    )

    assert response.context["form"].errors["new_registration_number"] == [
        "Nhập mã số đăng ký / mã số thuế gồm 10 chữ số (hoặc 10 chữ số, dấu gạch ngang và 3 chữ số với chi nhánh)."
    ]
    assert not SignupRequest.objects.exists()


def test_signup_with_an_email_that_has_an_account_answers_the_same_and_notifies_the_account(
    client, dai_hoang, django_capture_on_commit_callbacks
):
    MembershipFactory(user__email="binh.tran@example.vn")

    with django_capture_on_commit_callbacks(execute=True):
        existing = client.post(reverse("accounts:signup"), {**signup_data(), "cooperative": dai_hoang.pk})
    with django_capture_on_commit_callbacks(execute=True):
        new = Client().post(
            reverse("accounts:signup"), {**signup_data(email="moi@example.vn"), "cooperative": dai_hoang.pk}
        )

    assert existing.status_code == new.status_code == 302
    assert existing["Location"] == new["Location"] == reverse("accounts:signup_sent")
    assert list(SignupRequest.objects.values_list("email", flat=True)) == ["moi@example.vn"]
    notice = next(m for m in mail.outbox if m.to == ["binh.tran@example.vn"])
    assert "đã có tài khoản" in notice.body
    assert reverse("accounts:password_reset") in notice.body
    assert "signup/confirm" not in notice.body


def test_signup_for_new_cooperative_with_a_registered_number_points_to_the_registry(db):
    CooperativeFactory(name="HTX Có Sẵn", registration_number="2700111222")

    with pytest.raises(ApplicationError, match="đã có trong danh bạ") as error:
        signup_submit(
            email="a@example.vn",
            full_name="A",
            phone="0912345678",
            password=PASSWORD,
            new_cooperative={"name": "HTX Mới", "kind": "htx", "registration_number": "2700111222"},
        )

    assert "HTX Có Sẵn" in str(error.value.message)


def test_signup_confirm_link_marks_the_email_and_tells_staff(client, dai_hoang, django_capture_on_commit_callbacks):
    staff = StaffUserFactory(email="canbo@lienminh.vn")
    signup = SignupRequestFactory(cooperative=dai_hoang, email_confirmed_at=None)

    with django_capture_on_commit_callbacks(execute=True):
        response = client.get(reverse("accounts:signup_confirm", kwargs={"token": signup_confirm_token(signup)}))

    assert response.status_code == 200
    signup.refresh_from_db()
    assert signup.email_confirmed_at is not None
    assert [m.to for m in mail.outbox] == [[staff.email]]
    assert f"/admin/accounts/signuprequest/{signup.pk}/change/" in mail.outbox[0].body


def test_signup_confirm_with_a_tampered_token_is_refused(client, dai_hoang):
    signup = SignupRequestFactory(cooperative=dai_hoang, email_confirmed_at=None)

    response = client.get(reverse("accounts:signup_confirm", kwargs={"token": signup_confirm_token(signup) + "x"}))

    assert response.status_code == 400
    signup.refresh_from_db()
    assert signup.email_confirmed_at is None


def test_signup_approve_then_first_login_opens_the_space(client, dai_hoang, django_capture_on_commit_callbacks):
    staff = StaffUserFactory()
    signup = SignupRequestFactory(cooperative=dai_hoang, email="binh@example.vn")

    with django_capture_on_commit_callbacks(execute=True):
        user = signup_approve(signup=signup, by=staff, note="Chào mừng!")

    signup.refresh_from_db()
    assert (signup.status, signup.user, signup.decided_by) == (SignupRequest.Status.APPROVED, user, staff)
    assert user.membership.cooperative == dai_hoang
    assert user.membership.role == Membership.Role.MANAGER  # the cooperative had no manager yet
    assert list(user.groups.values_list("name", flat=True)) == [COOPERATIVE_MEMBER]
    assert [m.to for m in mail.outbox] == [["binh@example.vn"]]
    assert "Chào mừng!" in mail.outbox[0].body

    response = client.post(reverse("accounts:login"), {"username": "binh@example.vn", "password": SIGNUP_PASSWORD})

    assert response.status_code == 302
    assert response["Location"] == reverse("cooperatives:dashboard")
    assert dai_hoang.name in client.get(reverse("cooperatives:dashboard")).content.decode()


def test_signup_approve_makes_a_member_when_the_cooperative_has_a_manager(dai_hoang):
    MembershipFactory(cooperative=dai_hoang, role=Membership.Role.MANAGER)

    user = signup_approve(signup=SignupRequestFactory(cooperative=dai_hoang), by=StaffUserFactory())

    assert user.membership.role == Membership.Role.MEMBER


def test_signup_approve_for_a_new_cooperative_creates_it(db):
    signup = SignupRequestFactory(
        cooperative=None,
        new_name="HTX Dược liệu Yên Mô",
        new_kind="htx",
        new_registration_number="2700999888",
        new_commune_id=14608,
    )

    user = signup_approve(signup=signup, by=StaffUserFactory())

    cooperative = user.membership.cooperative
    assert (cooperative.name, cooperative.registration_number, cooperative.commune_id, cooperative.slug) == (
        "HTX Dược liệu Yên Mô",
        "2700999888",
        14608,
        "htx-duoc-lieu-yen-mo",
    )
    assert cooperative.history.count() == 1
    assert user.membership.role == Membership.Role.MANAGER


def test_signup_approve_is_all_or_nothing_when_the_new_cooperative_is_refused(db):
    CooperativeFactory(registration_number="2700999888")
    signup = SignupRequestFactory(
        cooperative=None, new_name="HTX Trùng Số", new_kind="htx", new_registration_number="2700999888"
    )

    with pytest.raises(ApplicationError, match="đã thuộc về một chủ thể khác"):
        signup_approve(signup=signup, by=StaffUserFactory())

    signup.refresh_from_db()
    assert signup.status == SignupRequest.Status.PENDING
    assert not User.objects.filter(email=signup.email).exists()
    assert not Cooperative.objects.filter(name="HTX Trùng Số").exists()
    assert not OutboundEmail.objects.exists()


def test_signup_approve_refuses_an_unconfirmed_email(dai_hoang):
    signup = SignupRequestFactory(cooperative=dai_hoang, email_confirmed_at=None)

    with pytest.raises(ApplicationError, match="xác nhận"):
        signup_approve(signup=signup, by=StaffUserFactory())


def test_signup_approve_twice_is_refused(dai_hoang):
    signup = SignupRequestFactory(cooperative=dai_hoang)
    staff = StaffUserFactory()
    signup_approve(signup=signup, by=staff)

    with pytest.raises(ApplicationError, match="đã được xử lý"):
        signup_approve(signup=signup, by=staff)

    assert User.objects.filter(email=signup.email).count() == 1


def test_signup_reject_needs_a_note_and_emails_it(dai_hoang, django_capture_on_commit_callbacks):
    signup = SignupRequestFactory(cooperative=dai_hoang)
    staff = StaffUserFactory()

    with pytest.raises(ApplicationError, match="Hãy ghi rõ lý do từ chối"):
        signup_reject(signup=signup, by=staff, note="  ")
    with django_capture_on_commit_callbacks(execute=True):
        signup_reject(signup=signup, by=staff, note="Không tìm thấy giấy phép kinh doanh.")

    signup.refresh_from_db()
    assert signup.status == SignupRequest.Status.REJECTED
    assert not User.objects.filter(email=signup.email).exists()
    assert "Không tìm thấy giấy phép kinh doanh." in mail.outbox[0].body


def test_signup_admin_approve_action_asks_for_a_note_then_approves(
    staff_client, dai_hoang, django_capture_on_commit_callbacks
):
    signup = SignupRequestFactory(cooperative=dai_hoang)
    url = reverse("admin:accounts_signuprequest_changelist")

    page = staff_client.post(url, {"action": "decide_approve", "_selected_action": [signup.pk]})
    assert page.status_code == 200
    assert "note" in page.context["form"].fields
    with django_capture_on_commit_callbacks(execute=True):
        response = staff_client.post(
            url,
            {
                "action": "decide_approve",
                "_selected_action": [signup.pk],
                "apply_decision": "1",
                "note": "Đã xác minh.",
            },
        )

    assert response.status_code == 302
    signup.refresh_from_db()
    assert signup.status == SignupRequest.Status.APPROVED
    assert signup.decision_note == "Đã xác minh."
    assert len(mail.outbox) == 1


def test_signup_admin_reject_without_note_shows_the_error_and_changes_nothing(staff_client, dai_hoang):
    signup = SignupRequestFactory(cooperative=dai_hoang)

    response = staff_client.post(
        reverse("admin:accounts_signuprequest_decide", args=[signup.pk, "reject"]), {"apply_decision": "1", "note": ""}
    )

    assert response.status_code == 200
    assert response.context["form"].errors["note"]
    signup.refresh_from_db()
    assert signup.status == SignupRequest.Status.PENDING


def test_signup_admin_pages_load(staff_client, dai_hoang):
    signup = SignupRequestFactory(cooperative=dai_hoang)

    assert staff_client.get(reverse("admin:accounts_signuprequest_changelist")).status_code == 200
    page = staff_client.get(reverse("admin:accounts_signuprequest_change", args=[signup.pk]))
    assert page.status_code == 200
    assert reverse("admin:accounts_signuprequest_decide", args=[signup.pk, "approve"]) in page.content.decode()


def test_signup_search_with_a_too_long_query_shows_the_message(client, dai_hoang):
    response = client.get(reverse("accounts:signup"), {"q": "dai hoang " * 20})

    assert response.context["search"].errors["q"]
    assert response.context["results"] is None


def test_invitation_admin_lists_and_withdraws(staff_client, dai_hoang):
    from tests.factories.space import InvitationFactory

    invitation = InvitationFactory(cooperative=dai_hoang)
    changelist = reverse("admin:accounts_invitation_changelist")

    assert staff_client.get(changelist).status_code == 200
    assert staff_client.get(reverse("admin:accounts_invitation_change", args=[invitation.pk])).status_code == 200
    staff_client.post(
        changelist,
        {"action": "decide_withdraw", "_selected_action": [invitation.pk], "apply_decision": "1", "note": ""},
    )

    invitation.refresh_from_db()
    assert invitation.revoked_at is not None
