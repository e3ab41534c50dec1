"""Demo articles for `manage.py load_demo`, drawn from the seed plan (2019–2020). Idempotent:
an article whose slug exists is left alone."""

import datetime

from django.utils import timezone

from cooperatives.models import Cooperative
from products.models import Product

from .models import Article, Tag

DEMO_ORDER = 60  # after the producers and products they mention

TAGS = {"ke-hoach-ocop": "Kế hoạch OCOP", "thao-duoc": "Thảo dược", "truy-xuat": "Truy xuất nguồn gốc"}

ARTICLES = [
    {
        "slug": "lien-minh-htx-trien-khai-chuong-trinh-ocop-2019-2020",
        "kind": Article.Kind.NEWS,
        "title": "Liên minh HTX tỉnh triển khai Chương trình Mỗi xã một sản phẩm giai đoạn 2019–2020",
        "summary": "Ít nhất 25 hợp tác xã đăng ký sản phẩm chủ lực, 20–25 hợp tác xã mới tham gia OCOP và 100% "
        "lãnh đạo hợp tác xã tham gia được tập huấn.",
        "body": "<p>Căn cứ Quyết định số 992/QĐ-UBND ngày 12/7/2018 của UBND tỉnh Ninh Bình và Quyết định số "
        "174/QĐ-LMHTXVN ngày 06/5/2019 của Liên minh HTX Việt Nam, Liên minh HTX tỉnh ban hành kế hoạch triển "
        "khai Chương trình OCOP giai đoạn 2019–2020.</p>"
        "<h2>Mục tiêu cụ thể</h2><ul>"
        "<li>Nâng cao chất lượng, đăng ký sản phẩm chủ lực của ít nhất 25 hợp tác xã đã có sản phẩm;</li>"
        "<li>Hoàn thiện trung tâm giới thiệu, kết nối tiêu thụ và bán sản phẩm OCOP tại trụ sở Liên minh HTX;</li>"
        "<li>Phát triển mới khoảng 20–25 hợp tác xã ngành hàng có sản phẩm chủ lực tham gia OCOP;</li>"
        "<li>Đưa sản phẩm OCOP của các HTX tham gia các chương trình xúc tiến thương mại;</li>"
        "<li>Đào tạo, tập huấn cho 100% lãnh đạo hợp tác xã đăng ký tham gia chương trình.</li></ul>"
        "<p><em>Bài viết minh họa — dữ liệu demo.</em></p>",
        "tags": ["ke-hoach-ocop"],
        "days_ago": 20,
    },
    {
        "slug": "htx-sinh-duoc-san-pham-thao-duoc-gia-sinh",
        "kind": Article.Kind.STORY,
        "title": "HTX Sinh Dược: muối ngâm chân, xà phòng dược liệu và tinh dầu từ Gia Sinh",
        "summary": "Kế hoạch OCOP của Liên minh HTX tỉnh nêu HTX Sinh Dược (Gia Sinh, Gia Viễn cũ) trong nhóm "
        "sản phẩm thảo dược có thế mạnh của địa phương.",
        "body": "<p>Trong nhóm sản phẩm thảo dược, kế hoạch OCOP 2019–2020 của Liên minh HTX tỉnh nêu các "
        "sản phẩm muối ngâm chân, xà phòng dược liệu và tinh dầu của HTX Sinh Dược ở xã Gia Sinh, huyện Gia "
        "Viễn cũ.</p><p>Các sản phẩm của HTX đã có trên cổng OCOP, kèm giấy chứng nhận và mã QR truy xuất "
        "nguồn gốc.</p><p><em>Bài viết minh họa — dữ liệu demo.</em></p>",
        "tags": ["thao-duoc"],
        "cooperatives": ["htx-sinh-duoc"],
        "products": ["xa-phong-duoc-lieu-sinh-duoc", "muoi-ngam-chan-thao-duoc-sinh-duoc"],
        "days_ago": 12,
    },
    {
        "slug": "quet-ma-qr-tra-cuu-chung-nhan-ocop",
        "kind": Article.Kind.NEWS,
        "title": "Quét mã QR trên nhãn để biết sản phẩm OCOP còn hiệu lực chứng nhận",
        "summary": "Mỗi sản phẩm OCOP trên cổng có một địa chỉ QR cố định: quét mã để xem chủ thể, xã/phường, "
        "giấy chứng nhận và thời hạn hiệu lực.",
        "body": "<p>Mã QR in trên nhãn mở trang truy xuất nguồn gốc của sản phẩm trên cổng OCOP của Liên minh "
        "HTX tỉnh Ninh Bình. Trang cho biết chủ thể sản xuất, xã/phường, số quyết định, ngày cấp và thời hạn "
        "hiệu lực của giấy chứng nhận.</p><p>Khi giấy chứng nhận đã hết hiệu lực hoặc bị thu hồi, trang ghi rõ "
        "điều đó. Người mua cũng có thể tra cứu theo số quyết định hoặc mã sản phẩm ở mục "
        '<a href="/certificates/check/">Tra cứu chứng nhận</a>.</p><p><em>Bài viết minh họa — dữ liệu demo.</em></p>',
        "tags": ["truy-xuat"],
        "days_ago": 3,
    },
]


def demo_load(*, stdout) -> None:
    tags = {slug: Tag.objects.get_or_create(slug=slug, defaults={"name": name})[0] for slug, name in TAGS.items()}
    created = 0
    for data in ARTICLES:
        if Article.objects.filter(slug=data["slug"]).exists():
            continue
        article = Article.objects.create(
            slug=data["slug"],
            kind=data["kind"],
            title=data["title"],
            summary=data["summary"],
            body=data["body"],
            status=Article.Status.PUBLISHED,
            published_at=timezone.now() - datetime.timedelta(days=data["days_ago"]),
        )
        article.tags.set([tags[slug] for slug in data["tags"]])
        article.related_cooperatives.set(Cooperative.objects.filter(slug__in=data.get("cooperatives", [])))
        article.related_products.set(Product.objects.filter(slug__in=data.get("products", [])))
        created += 1
    stdout.write(f"Tin tức (news): {created} bài tạo mới (articles created).")
