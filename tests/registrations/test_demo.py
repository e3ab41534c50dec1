import io

import pytest

from registrations.models import Registration, RegistrationEvent, ScoreSheet


def _load_all():
    from accounts import demo as accounts_demo
    from cooperatives import demo as cooperatives_demo
    from products import demo as products_demo
    from registrations import demo

    out = io.StringIO()
    cooperatives_demo.demo_load(stdout=out)
    products_demo.demo_load(stdout=out, photos=False)
    accounts_demo.demo_load(stdout=out)
    demo.demo_load(stdout=out)
    return out.getvalue()


@pytest.mark.django_db
def test_demo_when_loaded_twice_creates_sheet_round_and_dossiers_once():
    first = _load_all()
    counts = (Registration.objects.count(), RegistrationEvent.objects.count(), ScoreSheet.objects.count())
    second = _load_all()

    assert "26 phiếu chấm chính thức mới nạp; 3 hồ sơ tạo mới" in first
    assert "0 phiếu chấm chính thức mới nạp; 0 hồ sơ tạo mới" in second
    assert (Registration.objects.count(), RegistrationEvent.objects.count(), ScoreSheet.objects.count()) == counts
    states = dict(Registration.objects.values_list("product__slug", "state"))
    assert states == {
        "tinh-dau-sa-chanh-sinh-duoc": "draft",
        "muoi-ngam-chan-thao-duoc-sinh-duoc": "under_review",
        "tinh-dau-buoi-sinh-duoc": "forwarded_national",
    }
    forwarded = Registration.objects.get(product__slug="tinh-dau-buoi-sinh-duoc")
    assert (forwarded.average_score, forwarded.result_stars) == (100, 5)
    assert forwarded.national_review.ministry == "Bộ Nông nghiệp và Môi trường"
    assert not forwarded.round.is_open
    assert counts[2] == 26
    sheets = {r.sheet for r in Registration.objects.select_related("sheet__version", "sheet__product_set")}
    assert [(s.version.code, s.product_set.code, s.source_name[:3]) for s in sheets] == [("qd148-2023", "20", "20-")]
