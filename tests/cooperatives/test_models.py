"""Constraints of producers: registration number and phone format, unique registration number."""

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from cooperatives.models import Cooperative
from tests.factories import CooperativeFactory

pytestmark = pytest.mark.django_db


def test_cooperative_registration_number_is_unique():
    CooperativeFactory(registration_number="2700123456")
    duplicate = CooperativeFactory.build(registration_number="2700123456", slug="htx-trung")

    with pytest.raises(ValidationError, match="đã thuộc về một chủ thể khác") as error:
        duplicate.full_clean()
    with pytest.raises(IntegrityError, match="cooperative_registration_number_unique"), transaction.atomic():
        duplicate.save()

    assert error.value.messages == ["Mã số đăng ký này đã thuộc về một chủ thể khác."]
    assert Cooperative.objects.filter(registration_number="2700123456").count() == 1


def test_cooperative_registration_number_may_be_empty_for_many_producers():
    CooperativeFactory(registration_number="")
    CooperativeFactory(registration_number="")
    third = CooperativeFactory.build(registration_number="", slug="htx-thu-ba")

    third.full_clean()
    third.save()

    assert Cooperative.objects.filter(registration_number="").count() == 3


@pytest.mark.parametrize("number", ["2700123456", "2700123456-001", "27A8001234"])
def test_cooperative_registration_number_in_a_known_format_is_accepted(number):
    cooperative = CooperativeFactory.build(registration_number=number, slug="htx")

    cooperative.full_clean()  # raises ValidationError if refused
    cooperative.save()

    assert Cooperative.objects.get(pk=cooperative.pk).registration_number == number


@pytest.mark.parametrize("number", ["12345", "27001234567", "2700-123456", "abc"])
def test_cooperative_registration_number_in_another_format_is_refused(number):
    cooperative = CooperativeFactory.build(registration_number=number, slug="htx")

    with pytest.raises(ValidationError, match="Nhập mã số đăng ký / mã số thuế gồm 10 chữ số") as error:
        cooperative.full_clean()

    assert error.value.message_dict["registration_number"] == [
        "Nhập mã số đăng ký / mã số thuế gồm 10 chữ số (hoặc 10 chữ số, dấu gạch ngang và 3 chữ số với chi nhánh)."
    ]


@pytest.mark.parametrize("phone", ["0912345678", "0912 345 678", "+84912345678", "0229 3871 234"])
def test_cooperative_phone_in_a_vietnamese_format_is_accepted(phone):
    cooperative = CooperativeFactory.build(phone=phone, slug="htx")

    cooperative.full_clean()  # raises ValidationError if refused
    cooperative.save()

    assert Cooperative.objects.get(pk=cooperative.pk).phone == phone


@pytest.mark.parametrize("phone", ["12345", "0112345678", "091234567890", "điện thoại"])
def test_cooperative_phone_in_another_format_is_refused(phone):
    cooperative = CooperativeFactory.build(phone=phone, slug="htx")

    with pytest.raises(ValidationError, match="Nhập số điện thoại Việt Nam") as error:
        cooperative.full_clean()

    assert error.value.message_dict["phone"] == ["Nhập số điện thoại Việt Nam, ví dụ 0912 345 678 hoặc 0229 3871 234."]
