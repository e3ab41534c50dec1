"""The dashboard filters' select, written in Python for speed, gives Django's own markup."""

from django import forms

from plans.forms import QuickSelect

CHOICES = [
    ("", "Toàn tỉnh"),
    ("Xã <mới>", [("c:1", 'Xã <Gia> "Viễn" & Tân'), ("c:2", "Phường Hoa Lư")]),
    ("Huyện cũ", [("d:Nho Quan", "Nho Quan")]),
]


def _normalised(html: str) -> str:
    return "".join(line.strip() for line in html.splitlines())


def test_quick_select_renders_as_djangos_select_with_every_text_escaped():
    for value in ("c:2", "", None, "d:Nho Quan"):
        attrs = {"id": "id_area", "aria-describedby": "x<y"}
        django_html = forms.Select(choices=CHOICES, attrs={"class": "form-select"}).render("area", value, attrs=attrs)
        quick_html = QuickSelect(choices=CHOICES, attrs={"class": "form-select"}).render("area", value, attrs=attrs)
        assert _normalised(quick_html) == _normalised(django_html)
    assert "<Gia>" not in quick_html and "&lt;mới&gt;" in quick_html
