"""Demo products, placeholder photos and OCOP certificates for `manage.py load_demo`
(data in demo_data.py; producers come from cooperatives/demo.py, which runs first)."""

import functools
import hashlib
import io
from pathlib import Path

from django.core.exceptions import ImproperlyConfigured
from django.core.files.base import ContentFile
from PIL import Image, ImageDraw, ImageFont

from cooperatives.models import Cooperative

from .demo_data import CERTIFICATES, PRICE_NOTE, PRODUCTS, DemoCertificate, DemoProduct
from .models import Certificate, Product, ProductPhoto, ProductSet, QualityStandard, default_valid_until
from .services.catalog import PRODUCT_FIELDS, photo_thumbnails_build, product_create
from .services.certificates import certificate_save

DEMO_ORDER = 20  # after cooperatives (10), before accounts (90)
SCHEME = "qd148-2023"

PHOTO_SIZE = (1200, 900)
FONT_DIR = Path("/usr/share/fonts/truetype/noto")
# Background colours (dark, light) per sector of the current scheme.
SECTOR_COLOURS = {
    "I": ("#2f6b3a", "#7aa95a"),  # food: field green
    "II": ("#4a3b7a", "#8676bd"),  # beverages: plum
    "III": ("#1f6f6b", "#5aaea3"),  # herbal: teal
    "IV": ("#7a4a2a", "#bd8558"),  # handicrafts: terracotta
    "V": ("#8a2b5a", "#c2608f"),  # ornamentals: rose
    "VI": ("#215d8b", "#62a6cf"),  # tourism: river blue
}


def demo_load(*, stdout, photos: bool = True) -> None:
    products = products_demo_load()
    photo_count = product_photos_demo_load() if photos else 0
    certificates = certificates_demo_load()
    stdout.write(
        f"Sản phẩm (products): {len(products)} tạo mới (created); ảnh (photos): {photo_count} tạo mới; "
        f"giấy chứng nhận OCOP (certificates): {len(certificates)} tạo mới."
    )


def products_demo_load() -> list[Product]:
    """Create the demo products that do not exist yet (natural key: slug).

    An existing product is left as it is, so a second run changes nothing. Side effects:
    inserts Product rows, their history rows and quality-standard links. Returns those created."""
    producers = Cooperative.objects.in_bulk({p.producer for p in PRODUCTS}, field_name="slug")
    missing = sorted({p.producer for p in PRODUCTS} - set(producers))
    if missing:
        raise ImproperlyConfigured(f"Demo producers {missing} are missing: cooperatives.demo must run first.")
    sets = {
        product_set.code: product_set
        for product_set in ProductSet.objects.filter(
            group__sector__scheme__code=SCHEME, code__in={p.set_code for p in PRODUCTS}
        )
    }
    standards = QualityStandard.objects.in_bulk({code for p in PRODUCTS for code in p.standards}, field_name="code")
    existing = set(Product.objects.filter(slug__in=[p.slug for p in PRODUCTS]).values_list("slug", flat=True))
    created = []
    for data in PRODUCTS:
        if data.slug in existing:
            continue
        draft = _product_from(data, cooperative=producers[data.producer], product_set=sets[data.set_code])
        product = product_create(
            cooperative=draft.cooperative,
            by=None,
            data={**{field: getattr(draft, field) for field in PRODUCT_FIELDS}, "slug": draft.slug},
            quality_standards=[standards[code] for code in data.standards],
        )
        created.append(product)
    return created


def _product_from(data: DemoProduct, *, cooperative: Cooperative, product_set: ProductSet) -> Product:
    return Product(
        slug=data.slug,
        cooperative=cooperative,
        name=data.name,
        product_set=product_set,
        description=f"{data.description}\n\n{PRICE_NOTE}",
        story=data.story,
        unit=data.unit,
        packaging=data.packaging,
        price_min=data.price_min,
        price_max=data.price_max,
        ingredients=data.ingredients,
        specification=data.specification,
        where_to_buy=(
            f"Tại cơ sở của {cooperative.name} và điểm giới thiệu sản phẩm OCOP của Liên minh HTX tỉnh Ninh Bình."
        ),
        status=Product.Status.ACTIVE,
    )


def product_photos_demo_load() -> int:
    """Give each demo product without any photo its 1–2 generated placeholder JPEGs.

    A product that already has photos is skipped, so a re-run neither duplicates nor regenerates
    them. Side effects: writes image files (and their WebP/JPEG thumbnails) to the default storage
    and ProductPhoto rows. Returns the number of photos created."""
    products = (
        Product.objects.filter(slug__in=[p.slug for p in PRODUCTS], photos__isnull=True)
        .select_related("cooperative", "product_set__group__sector")
        .distinct()
    )
    count = 0
    for product in products:
        data = next(p for p in PRODUCTS if p.slug == product.slug)
        for position in range(data.photos):
            photo = ProductPhoto(product=product, position=position, alt_text=_alt_text(product, data, position))
            image = placeholder_jpeg(
                title=product.name,
                subtitle=product.cooperative.name if position == 0 else f"Quy cách: {product.packaging}",
                sector=product.product_set.group.sector.code,
                light=position > 0,
            )
            photo.image.save(f"demo-{product.slug}-{position + 1}.jpg", ContentFile(image), save=False)
            photo.save()
            photo_thumbnails_build(photo_id=photo.pk)  # at once: make run has no worker to wait for
            count += 1
    return count


def _alt_text(product: Product, data: DemoProduct, position: int) -> str:
    if position == 0:
        return f"Ảnh minh họa sản phẩm {product.name} của {product.cooperative.name}"
    return f"Ảnh minh họa quy cách đóng gói {product.name}: {data.packaging}"


def placeholder_jpeg(*, title: str, subtitle: str, sector: str, light: bool = False) -> bytes:
    """A simple, tidy placeholder photo: the sector's colour, the product's name, a demo label."""
    width, height = PHOTO_SIZE
    dark, pale = SECTOR_COLOURS.get(sector, SECTOR_COLOURS["I"])
    top, bottom = (_mix(pale, "#ffffff", 0.75), _mix(pale, "#ffffff", 0.45)) if light else (dark, pale)
    ink = _hex(dark) if light else (255, 255, 255)

    image = Image.new("RGB", PHOTO_SIZE)
    draw = ImageDraw.Draw(image)
    r1, g1, b1 = _hex(top)
    r2, g2, b2 = _hex(bottom)
    for y in range(height):  # vertical gradient
        t = y / (height - 1)
        draw.line(
            [(0, y), (width, y)], fill=(round(r1 + (r2 - r1) * t), round(g1 + (g2 - g1) * t), round(b1 + (b2 - b1) * t))
        )

    # A few soft circles, placed from the title's hash so each product looks a little different.
    overlay = Image.new("RGBA", PHOTO_SIZE, (0, 0, 0, 0))
    circles = ImageDraw.Draw(overlay)
    seed = hashlib.sha256(title.encode()).digest()
    for i in range(3):
        cx, cy = seed[i * 3] / 255 * width, seed[i * 3 + 1] / 255 * height
        radius = 140 + seed[i * 3 + 2] / 255 * 220
        circles.ellipse([cx - radius, cy - radius, cx + radius, cy + radius], fill=(255, 255, 255, 26))
    image = Image.alpha_composite(image.convert("RGBA"), overlay).convert("RGB")
    draw = ImageDraw.Draw(image)

    margin = 90
    draw.text((margin, 70), "OCOP Ninh Bình", font=_font("NotoSans-Bold.ttf", 34), fill=ink)
    title_font, lines = _fit(draw, title, max_width=width - 2 * margin, sizes=(84, 72, 62, 54), max_lines=3)
    sub_font = _font("NotoSans-Regular.ttf", 38)
    sub_lines = _wrap(draw, subtitle, sub_font, width - 2 * margin)[:2]
    line_height = int(title_font.size * 1.25)
    block = len(lines) * line_height + 56 + len(sub_lines) * 52
    y = (height - block) // 2
    for line in lines:
        draw.text((margin, y), line, font=title_font, fill=ink)
        y += line_height
    y += 22
    draw.line([(margin, y), (margin + 160, y)], fill=ink, width=4)
    y += 34
    for line in sub_lines:
        draw.text((margin, y), line, font=sub_font, fill=ink)
        y += 52
    draw.text((margin, height - 100), "Ảnh minh họa — dữ liệu demo", font=_font("NotoSans-Italic.ttf", 30), fill=ink)

    buffer = io.BytesIO()
    image.save(buffer, format="JPEG", quality=85, optimize=True)
    return buffer.getvalue()


@functools.cache
def _font(name: str, size: int):
    path = FONT_DIR / name
    if path.exists():
        return ImageFont.truetype(str(path), size)
    return ImageFont.load_default(size=size)


def _fit(draw, text, *, max_width, sizes, max_lines):
    for size in sizes:
        font = _font("NotoSerif-Bold.ttf", size)
        lines = _wrap(draw, text, font, max_width)
        if len(lines) <= max_lines:
            return font, lines
    return font, lines[:max_lines]


def _wrap(draw, text, font, max_width) -> list[str]:
    lines, current = [], ""
    for word in text.split():
        candidate = f"{current} {word}".strip()
        if current and draw.textlength(candidate, font=font) > max_width:
            lines.append(current)
            current = word
        else:
            current = candidate
    if current:
        lines.append(current)
    return lines


def _hex(colour: str) -> tuple[int, int, int]:
    colour = colour.lstrip("#")
    return int(colour[0:2], 16), int(colour[2:4], 16), int(colour[4:6], 16)


def _mix(colour: str, other: str, amount: float) -> str:
    a, b = _hex(colour), _hex(other)
    return "#" + "".join(f"{round(x + (y - x) * amount):02x}" for x, y in zip(a, b, strict=True))


def certificates_demo_load() -> list[Certificate]:
    """Create the demo OCOP certificates that do not exist yet (natural key: product code).

    Side effects: inserts Certificate rows through certificate_save, which recomputes each
    product's stars. Returns the certificates created."""
    existing = set(
        Certificate.objects.filter(product_code__in=[c.product_code for c in CERTIFICATES]).values_list(
            "product_code", flat=True
        )
    )
    products = Product.objects.in_bulk({c.product for c in CERTIFICATES}, field_name="slug")
    created = []
    for data in CERTIFICATES:
        if data.product_code in existing:
            continue
        certificate = certificate_save(certificate=_certificate_from(data, product=products[data.product]), by=None)
        created.append(certificate)
    return created


def _certificate_from(data: DemoCertificate, *, product: Product) -> Certificate:
    previous = Certificate.objects.get(product_code=data.previous) if data.previous else None
    return Certificate(
        product=product,
        stars=data.stars,
        score=data.score,
        decision_number=data.decision_number,
        decision_date=data.decision_date,
        issuer=data.issuer,
        issuer_name=data.issuer_name,
        valid_from=data.decision_date,
        valid_until=default_valid_until(data.decision_date),
        product_code=data.product_code,
        status=data.status,
        revocation_ground=data.revocation_ground,
        revocation_note=data.revocation_note,
        revoked_on=data.revoked_on,
        previous=previous,
    )
