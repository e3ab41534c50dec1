"""Factories for sign-up requests, invitations and what cooperatives send from their space."""

import datetime

import factory
from django.contrib.auth.hashers import make_password
from django.utils import timezone

from accounts.models import Invitation, SignupRequest
from cooperatives.models import LegalChangeRequest, SupportRequest

SIGNUP_PASSWORD = "Lua-nep-cai-2026"


class SignupRequestFactory(factory.django.DjangoModelFactory):
    """A confirmed request for an existing cooperative (pass cooperative=None, new_name=... for
    a new one)."""

    class Meta:
        model = SignupRequest

    email = factory.Sequence(lambda n: f"applicant{n}@example.vn")
    full_name = "Trần Thị Bình"
    phone = "0912345678"
    position = "Giám đốc"
    password_hash = factory.LazyFunction(lambda: make_password(SIGNUP_PASSWORD))
    cooperative = factory.SubFactory("tests.factories.cooperatives.CooperativeFactory")
    email_confirmed_at = factory.LazyFunction(timezone.now)


class InvitationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Invitation

    cooperative = factory.SubFactory("tests.factories.cooperatives.CooperativeFactory")
    email = factory.Sequence(lambda n: f"colleague{n}@example.vn")
    token_hash = factory.Sequence(lambda n: f"{n:064d}")
    expires_at = factory.LazyFunction(lambda: timezone.now() + datetime.timedelta(days=7))


class SupportRequestFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = SupportRequest

    cooperative = factory.SubFactory("tests.factories.cooperatives.CooperativeFactory")
    kind = SupportRequest.Kind.BARCODE
    subject = factory.Sequence(lambda n: f"Đăng ký mã vạch {n}")
    description = "Cần hỗ trợ đăng ký mã số mã vạch GS1 cho sản phẩm gạo."


class LegalChangeRequestFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = LegalChangeRequest

    cooperative = factory.SubFactory("tests.factories.cooperatives.CooperativeFactory")
    name = "HTX Dịch vụ nông nghiệp Khánh Trung"
    kind = "htx"
    previous = factory.LazyAttribute(
        lambda o: {
            "name": o.cooperative.name,
            "registration_number": o.cooperative.registration_number,
            "kind": o.cooperative.kind,
        }
    )
