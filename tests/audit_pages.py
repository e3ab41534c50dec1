"""The public pages the accessibility and validity audits walk (issue 14): one of each kind,
with data behind it that shows every part of the page (photos, earlier certificates, tags…)."""

import datetime

from django.utils import timezone, translation

from tests.factories import CertificateFactory, CooperativeFactory, ProductFactory, ProductPhotoFactory, product_set
from tests.factories.news import ArticleFactory, TagFactory


def audit_pages() -> dict[str, str]:
    """Create the data and return {page name: URL} (paths in Vietnamese, the default)."""
    today = timezone.localdate()
    cooperative = CooperativeFactory(
        name="HTX dịch vụ nông nghiệp Khánh Nhạc", phone="0229 3871 234", email="htx@example.vn"
    )
    honey = ProductFactory(
        name="Mật ong hoa nhãn Khánh Nhạc",
        cooperative=cooperative,
        product_set=product_set("04"),
        story="Mật ong của đàn ong nuôi dưới vườn nhãn cổ.",
        price_min=150_000,
    )
    ProductPhotoFactory(product=honey, alt_text="Hũ mật ong hoa nhãn")
    CertificateFactory(
        product=honey,
        stars=3,
        product_code="37-14608-001-2022",
        decision_date=today - datetime.timedelta(days=4 * 365),
        valid_from=today - datetime.timedelta(days=4 * 365),
        valid_until=today - datetime.timedelta(days=365),
    )
    CertificateFactory(product=honey, stars=4, product_code="37-14608-001-2025")
    rice = ProductFactory(name="Nếp nhung lùn", cooperative=cooperative)
    CertificateFactory(product=rice, stars=5)
    tag = TagFactory(name="Hội chợ", slug="hoi-cho")
    article = ArticleFactory(title="Hội chợ OCOP Ninh Bình mùa thu")
    article.tags.add(tag)
    article.related_cooperatives.add(cooperative)
    with translation.override("vi"):
        return {
            "home": "/",
            "catalogue": "/products/",
            "filtered": "/products/?stars=4&sector=" + str(product_set("04").group.sector_id),
            "search": "/products/?q=mat+ong",
            "product": honey.get_absolute_url(),
            "qr": honey.qr_code.get_absolute_url(),
            "producers": "/producers/",
            "producer": cooperative.get_absolute_url(),
            "news": "/news/",
            "article": article.get_absolute_url(),
            "certificate check": "/certificates/check/?q=37-14608-001-2025",
            "login": "/accounts/login/",
            "sign-up": "/accounts/signup/?q=khanh+nhac",
            "404": "/khong-co-trang-nay/",
        }
