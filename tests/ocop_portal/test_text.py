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
