"""Uploads are checked by their content: what is refused, and what is kept of what is accepted."""

import io

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from ocop_portal.uploads import (
    DocumentUploadField,
    MultipleImageUploadField,
    document_clean,
    image_clean,
    thumbnails_make,
    validate_document,
)


def image_bytes(fmt="JPEG", size=(60, 40), color=(200, 30, 30), mode="RGB", **save):
    buffer = io.BytesIO()
    Image.new(mode, size, color).save(buffer, format=fmt, **save)
    return buffer.getvalue()


def upload(data, name="photo.jpg", content_type="image/jpeg"):
    return SimpleUploadedFile(name, data, content_type=content_type)


def jpeg_with_gps_and_rotation():
    image = Image.new("RGB", (60, 40), (10, 120, 10))
    exif = Image.Exif()
    exif[0x0112] = 6  # Orientation: rotate 90° clockwise to display
    exif[0x010F] = "PhoneMaker"
    exif[0x8825] = {1: "N", 2: (20.0, 15.0, 0.0), 3: "E", 4: (105.0, 58.0, 0.0)}  # GPS
    buffer = io.BytesIO()
    image.save(buffer, format="JPEG", exif=exif)
    return buffer.getvalue()


def test_image_clean_accepts_a_jpeg_and_renames_it():
    cleaned = image_clean(upload(image_bytes(), name="../../etc/passwd.jpg"))

    assert cleaned.name.endswith(".jpg")
    assert "passwd" not in cleaned.name and "/" not in cleaned.name
    assert Image.open(io.BytesIO(cleaned.read())).format == "JPEG"


def test_image_clean_strips_exif_and_gps_and_applies_orientation():
    cleaned = image_clean(upload(jpeg_with_gps_and_rotation()))

    result = Image.open(io.BytesIO(cleaned.read()))
    assert result.size == (40, 60)  # rotated upright
    assert dict(result.getexif()) == {}
    assert b"PhoneMaker" not in cleaned.read()


def test_image_clean_refuses_a_text_file_named_jpg():
    with pytest.raises(ValidationError, match="Tệp này không phải là ảnh") as error:
        image_clean(upload(b"<html><script>alert(1)</script></html>", name="photo.jpg"))

    assert error.value.code == "not_image"
    assert "không phải là ảnh" in error.value.messages[0]


def test_image_clean_reencodes_a_png_html_polyglot_so_the_html_is_gone():
    payload = b"<html><body><script>alert(document.cookie)</script></body></html>"
    polyglot = image_bytes("PNG") + payload  # a valid PNG with an HTML page after IEND

    cleaned = image_clean(upload(polyglot, name="photo.png", content_type="image/png"))

    data = cleaned.read()
    assert b"<script" not in data and b"<html" not in data
    assert Image.open(io.BytesIO(data)).size == (60, 40)


def test_image_clean_drops_png_text_chunks():
    from PIL.PngImagePlugin import PngInfo

    info = PngInfo()
    info.add_text("Comment", "<script>alert(1)</script>")
    cleaned = image_clean(upload(image_bytes("PNG", pnginfo=info), name="a.png", content_type="image/png"))

    assert b"<script" not in cleaned.read()


def test_image_clean_refuses_svg():
    svg = b'<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"><rect/></svg>'

    with pytest.raises(ValidationError, match="Không nhận hình vẽ SVG") as error:
        image_clean(upload(svg, name="logo.svg", content_type="image/svg+xml"))

    assert error.value.code == "svg"
    assert "SVG" in error.value.messages[0]


def test_image_clean_refuses_an_oversized_file(settings):
    settings.MAX_IMAGE_UPLOAD_BYTES = 1000
    data = image_bytes(size=(400, 400), color=(1, 2, 3)) + b"\0" * 2000

    with pytest.raises(ValidationError, match="Tệp quá lớn") as error:
        image_clean(upload(data))

    assert error.value.code == "file_too_large"
    assert "quá lớn" in error.value.messages[0]


def test_image_clean_refuses_a_decompression_bomb_under_a_lowered_pixel_limit(settings):
    settings.MAX_IMAGE_PIXELS = 10_000
    data = image_bytes("PNG", size=(200, 200))  # 40 000 pixels, tiny file

    with pytest.raises(ValidationError, match="Ảnh quá lớn") as error:
        image_clean(upload(data, name="bomb.png", content_type="image/png"))

    assert error.value.code == "too_many_pixels"


def test_image_clean_refuses_a_truncated_image():
    data = image_bytes(size=(300, 300))[:400]

    with pytest.raises(ValidationError, match="Tệp này không phải là ảnh") as error:
        image_clean(upload(data))

    assert error.value.code in {"broken_image", "not_image"}


def test_image_clean_keeps_transparency_as_png():
    data = image_bytes("PNG", mode="RGBA", color=(0, 0, 0, 0))

    cleaned = image_clean(upload(data, name="logo.png", content_type="image/png"))

    assert cleaned.name.endswith(".png")
    assert Image.open(io.BytesIO(cleaned.read())).mode == "RGBA"


def test_image_clean_shrinks_a_huge_photo():
    cleaned = image_clean(upload(image_bytes(size=(3000, 1500))))

    assert Image.open(io.BytesIO(cleaned.read())).size == (2560, 1280)


def test_thumbnails_make_gives_webp_and_jpeg():
    from django.core.files.base import ContentFile

    source = ContentFile(image_bytes(size=(1000, 500)), name="x.jpg")

    webp, jpeg = thumbnails_make(source)

    assert Image.open(io.BytesIO(webp.read())).format == "WEBP"
    fallback = Image.open(io.BytesIO(jpeg.read()))
    assert fallback.format == "JPEG" and fallback.size == (480, 240)


def test_multiple_image_field_names_the_bad_file_and_refuses_the_batch():
    field = MultipleImageUploadField()
    good = upload(image_bytes(), name="good.jpg")
    bad = upload(b"not an image", name="scan.jpg")

    with pytest.raises(ValidationError, match=r"scan\.jpg: Tệp này không phải là ảnh") as error:
        field.clean([good, bad])

    assert len(error.value.messages) == 1
    assert error.value.messages[0].startswith("scan.jpg: ")


def test_multiple_image_field_refuses_too_many_files():
    field = MultipleImageUploadField(max_files=2)

    with pytest.raises(ValidationError, match="Mỗi lần chọn tối đa 2 tệp") as error:
        field.clean([upload(image_bytes(), name=f"{i}.jpg") for i in range(3)])

    assert error.value.code == "too_many_files"


def test_validate_document_accepts_pdf_jpeg_png():
    assert validate_document(upload(b"%PDF-1.7\n%\xe2\xe3\n1 0 obj\n", name="a.pdf")) == "PDF"
    assert validate_document(upload(image_bytes())) == "JPEG"
    assert validate_document(upload(image_bytes("PNG"), name="a.png")) == "PNG"


@pytest.mark.parametrize(
    "data",
    [
        b"<html>%PDF-1.7</html>",
        b"PK\x03\x04 a zip or docx",
        b'<svg xmlns="http://www.w3.org/2000/svg"></svg>',
        b"MZ\x90\x00 an exe",
    ],
)
def test_validate_document_refuses_other_content(data):
    with pytest.raises(ValidationError, match="Chỉ nhận tệp PDF hoặc ảnh JPEG, PNG") as error:
        validate_document(upload(data, name="contract.pdf", content_type="application/pdf"))

    assert error.value.code == "not_document"


def test_validate_document_refuses_an_oversized_file(settings):
    settings.MAX_DOCUMENT_UPLOAD_BYTES = 100

    with pytest.raises(ValidationError, match="Tệp quá lớn") as error:
        validate_document(upload(b"%PDF-1.7\n" + b"0" * 200, name="a.pdf"))

    assert error.value.code == "file_too_large"


def test_document_clean_keeps_the_bytes_under_a_generated_name():
    data = b"%PDF-1.4\n1 0 obj\n<<>>\nendobj\n"

    cleaned = document_clean(upload(data, name="Giấy phép kinh doanh.pdf"))

    assert cleaned.read() == data
    assert cleaned.name.endswith(".pdf") and "Giấy" not in cleaned.name


def test_document_field_refuses_a_renamed_executable():
    with pytest.raises(ValidationError, match="Chỉ nhận tệp PDF hoặc ảnh JPEG, PNG") as error:
        DocumentUploadField().clean(upload(b"MZ\x90\x00", name="hoa-don.pdf"))

    assert "PDF" in error.value.messages[0]
