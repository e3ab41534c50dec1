import pytest

from ocop_portal.text import fold, fold_terms


@pytest.mark.parametrize(
    ("raw", "folded"),
    [
        ("Nếp nhung lùn", "nep nhung lun"),
        ("NẾP NHUNG", "nep nhung"),
        ("Đại Hoàng", "dai hoang"),
        ("đậu", "dau"),
        ("  Gốm   Bồ Bát ", "gom bo bat"),
        ("Xà phòng dược liệu", "xa phong duoc lieu"),
        ("", ""),
        (None, ""),
    ],
)
def test_fold_strips_case_marks_and_d(raw, folded):
    assert fold(raw) == folded


def test_fold_handles_precomposed_and_decomposed_forms_alike():
    decomposed = "Nê\u0301p"  # ê + combining acute
    assert fold(decomposed) == fold("Nếp") == "nep"


def test_fold_terms_drops_empty_words():
    assert fold_terms("  Nep  NHUNG ") == ["nep", "nhung"]


@pytest.mark.django_db
def test_unique_slug_folds_the_text_and_suffixes_a_taken_slug():
    from cooperatives.models import Cooperative
    from ocop_portal.text import unique_slug
    from tests.factories import CooperativeFactory

    CooperativeFactory(slug="htx-dai-hoang")
    CooperativeFactory(slug="htx-dai-hoang-2")

    assert unique_slug(Cooperative, "HTX Đại Hoàng") == "htx-dai-hoang-3"
    assert unique_slug(Cooperative, "HTX Nếp nhung lùn") == "htx-nep-nhung-lun"
    assert unique_slug(Cooperative, "!!!", fallback="htx") == "htx"


@pytest.mark.django_db
def test_unique_slug_keeps_the_slug_of_the_row_itself():
    from cooperatives.models import Cooperative
    from ocop_portal.text import unique_slug
    from tests.factories import CooperativeFactory

    own = CooperativeFactory(slug="htx-dai-hoang")

    assert unique_slug(Cooperative, "HTX Đại Hoàng", exclude_pk=own.pk) == "htx-dai-hoang"


def test_money_is_written_with_dots_and_the_dong_sign():
    from ocop_portal.templatetags.portal import thousands, vnd
    from ocop_portal.text import format_vnd

    assert format_vnd(1250000) == "1.250.000\u00a0₫"
    assert format_vnd(None) == ""
    assert vnd("25000") == "25.000\u00a0₫"
    assert vnd("") == "" and vnd("không rõ") == "không rõ"
    assert thousands(1234567) == "1.234.567"
