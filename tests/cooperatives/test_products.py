"""Products in the space: list, add (with photos), edit, archive, delete only when nothing
refers to the product; photos uploaded several at a time, reordered, with alt text; thumbnails
made by the Celery task after the commit."""

import io
import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from PIL import Image

from products.models import Product, ProductPhoto
from products.services.catalog import photo_thumbnails_build, photos_add
from products.tasks import make_photo_thumbnails
from tests.cooperatives.files import jpeg_upload
from tests.factories import CertificateFactory, ProductFactory, ProductPhotoFactory, product_set


def product_data(**overrides):
    data = {
        "name": "Gạo nếp cái hoa vàng",
        "product_set": product_set("03").pk,
        "status": "active",
        "description": "Nếp thơm vụ mùa.",
        "unit": "kg",
        "price_min": "50000",
        "price_max": "65000",
        "photos_alt": "Túi gạo nếp 2 kg",
    }
    return {**data, **overrides}


def test_product_create_with_several_photos_queues_thumbnails_after_commit(
    member_client, cooperative, manager, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        response = member_client.post(
            reverse("cooperatives:product_create"),
            {**product_data(), "photos": [jpeg_upload("a.jpg"), jpeg_upload("b.jpg", color=(10, 200, 10))]},
        )

    product = Product.objects.get()
    assert response["Location"] == reverse("cooperatives:product_edit", kwargs={"pk": product.pk})
    assert (product.cooperative, product.name, product.slug, product.price_min, product.stars) == (
        cooperative,
        "Gạo nếp cái hoa vàng",
        "gao-nep-cai-hoa-vang",
        50000,
        None,
    )
    assert product.history.latest().history_user == manager.user
    photos = list(product.photos.order_by("position"))
    assert [p.position for p in photos] == [0, 1]
    assert [p.alt_text for p in photos] == ["Túi gạo nếp 2 kg"] * 2
    assert not any(p.thumbnail for p in photos)  # nothing before the commit

    for callback in callbacks:
        callback()

    for photo in photos:
        photo.refresh_from_db()
        assert photo.thumbnail.name.endswith(".webp") and photo.thumbnail_fallback.name.endswith(".jpg")
        assert re.fullmatch(r"products/\d{4}/\d{2}/[0-9a-f]{32}\.jpg", photo.image.name)


@pytest.mark.parametrize(
    ("upload", "message"),
    [
        (SimpleUploadedFile("anh.jpg", b"<html>not an image</html>", content_type="image/jpeg"), "không phải là ảnh"),
        (
            SimpleUploadedFile("logo.svg", b'<svg xmlns="http://www.w3.org/2000/svg"/>', content_type="image/svg+xml"),
            "SVG",
        ),
    ],
    ids=["not-an-image", "svg"],
)
def test_product_create_refuses_a_bad_photo_and_saves_nothing(member_client, upload, message):
    response = member_client.post(reverse("cooperatives:product_create"), {**product_data(), "photos": [upload]})

    assert response.status_code == 200
    assert message in response.context["form"].errors["photos"][0]
    assert not Product.objects.exists()
    assert not ProductPhoto.objects.exists()


def test_product_create_refuses_an_image_too_large(member_client, settings):
    settings.MAX_IMAGE_UPLOAD_BYTES = 2_000
    noise = Image.effect_noise((400, 400), 100).convert("RGB")
    buffer = io.BytesIO()
    noise.save(buffer, format="JPEG", quality=95)
    big = SimpleUploadedFile("lon.jpg", buffer.getvalue(), content_type="image/jpeg")

    response = member_client.post(reverse("cooperatives:product_create"), {**product_data(), "photos": [big]})

    assert "quá lớn" in response.context["form"].errors["photos"][0]
    assert not Product.objects.exists()


def test_product_create_with_bad_prices_and_barcode_shows_messages_and_saves_nothing(member_client):
    response = member_client.post(
        reverse("cooperatives:product_create"),
        product_data(price_min="90000", price_max="10000", barcode="8931234567890"),
    )

    form = response.context["form"]
    assert form.errors["barcode"] == ["Số kiểm tra của mã vạch không đúng; vui lòng kiểm tra lại."]
    assert "Giá thấp nhất không được lớn hơn giá cao nhất." in response.content.decode()
    assert not Product.objects.exists()


def test_product_edit_saves_and_keeps_the_slug(member_client, cooperative):
    product = ProductFactory(cooperative=cooperative, name="Tên cũ", slug="ten-cu")

    response = member_client.post(
        reverse("cooperatives:product_edit", kwargs={"pk": product.pk}), product_data(name="Tên mới")
    )

    assert response.status_code == 302
    product.refresh_from_db()
    assert (product.name, product.slug) == ("Tên mới", "ten-cu")


def test_product_archive_and_restore(member_client, cooperative):
    product = ProductFactory(cooperative=cooperative)

    member_client.post(reverse("cooperatives:product_archive", kwargs={"pk": product.pk}))
    product.refresh_from_db()
    listed = member_client.get(reverse("cooperatives:products")).context["products"]
    archived = member_client.get(reverse("cooperatives:products"), {"archived": "1"}).context["products"]
    assert product.status == Product.Status.ARCHIVED
    assert product not in listed and product in archived

    member_client.post(reverse("cooperatives:product_restore", kwargs={"pk": product.pk}))
    product.refresh_from_db()
    assert product.status == Product.Status.ACTIVE


def test_product_with_a_certificate_cannot_be_deleted(member_client, cooperative):
    product = ProductFactory(cooperative=cooperative)
    CertificateFactory(product=product)

    page = member_client.get(reverse("cooperatives:product_delete", kwargs={"pk": product.pk}))
    response = member_client.post(reverse("cooperatives:product_delete", kwargs={"pk": product.pk}))

    assert page.context["deletable"] is False
    assert response.status_code == 302
    assert Product.objects.filter(pk=product.pk).exists()


def test_product_without_records_can_be_deleted_with_its_photos(
    member_client, cooperative, django_capture_on_commit_callbacks
):
    product = ProductFactory(cooperative=cooperative)
    photo = ProductPhotoFactory(product=product)
    storage, name = photo.image.storage, photo.image.name

    with django_capture_on_commit_callbacks(execute=True):
        member_client.post(reverse("cooperatives:product_delete", kwargs={"pk": product.pk}))

    assert not Product.objects.filter(pk=product.pk).exists()
    assert not storage.exists(name)


def test_photos_added_later_go_to_the_end(member_client, cooperative):
    product = ProductFactory(cooperative=cooperative)
    first = ProductPhotoFactory(product=product, position=0)

    member_client.post(
        reverse("cooperatives:product_photos_add", kwargs={"pk": product.pk}),
        {"photos": [jpeg_upload("x.jpg"), jpeg_upload("y.jpg")], "photos_alt": ""},
    )

    photos = list(product.photos.order_by("position", "pk"))
    assert photos[0] == first and len(photos) == 3
    assert [p.alt_text for p in photos[1:]] == [product.name, product.name]


def test_photos_add_with_a_bad_file_shows_the_message_and_saves_nothing(member_client, cooperative):
    product = ProductFactory(cooperative=cooperative)

    response = member_client.post(
        reverse("cooperatives:product_photos_add", kwargs={"pk": product.pk}),
        {"photos": [jpeg_upload("x.jpg"), SimpleUploadedFile("y.jpg", b"GIF89a-not-really")]},
    )

    assert response.status_code == 200
    assert response.context["photo_form"].errors["photos"][0].startswith("y.jpg: ")
    assert not product.photos.exists()


def test_photos_update_sets_alt_texts_moves_and_deletes(member_client, cooperative):
    product = ProductFactory(cooperative=cooperative)
    a, b, c = (ProductPhotoFactory(product=product, position=i, alt_text=t) for i, t in enumerate("ABC"))
    url = reverse("cooperatives:product_photos_update", kwargs={"pk": product.pk})

    member_client.post(
        url,
        {
            "photo": [a.pk, b.pk, c.pk],
            f"alt-{a.pk}": "Ảnh bìa",
            f"alt-{b.pk}": "B",
            f"alt-{c.pk}": "C",
            "move": f"{c.pk}:up",
        },
    )
    order_after_move = list(product.photos.order_by("position").values_list("alt_text", flat=True))
    member_client.post(url, {"photo": [a.pk, b.pk, c.pk], "delete": [a.pk]})

    assert order_after_move == ["Ảnh bìa", "C", "B"]
    assert list(product.photos.order_by("position").values_list("alt_text", "position")) == [("C", 0), ("B", 1)]


def test_thumbnail_task_is_safe_to_run_twice_and_quiet_when_the_photo_is_gone(cooperative):
    photo = ProductPhotoFactory(product=ProductFactory(cooperative=cooperative))

    assert make_photo_thumbnails(photo.pk) is True
    photo.refresh_from_db()
    first = (photo.thumbnail.name, photo.thumbnail_fallback.name)
    assert make_photo_thumbnails(photo.pk) is False
    photo.refresh_from_db()
    assert (photo.thumbnail.name, photo.thumbnail_fallback.name) == first
    assert Image.open(photo.thumbnail).format == "WEBP"

    photo.delete()
    assert make_photo_thumbnails(photo.pk) is False
    assert photo_thumbnails_build(photo_id=999_999) is False


def test_photos_add_refuses_more_than_twelve(cooperative):
    from ocop_portal.errors import ApplicationError
    from ocop_portal.uploads import image_clean

    product = ProductFactory(cooperative=cooperative)
    for i in range(12):
        ProductPhotoFactory(product=product, position=i)

    with pytest.raises(ApplicationError, match="tối đa 12"):
        photos_add(product=product, files=[image_clean(jpeg_upload())])


def _list_queries(client, url, count, cooperative):
    ProductFactory.create_batch(count, cooperative=cooperative)
    for product in Product.objects.filter(cooperative=cooperative)[:count]:
        ProductPhotoFactory(product=product)
        CertificateFactory(product=product)
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries)


@pytest.mark.parametrize("url_name", ["cooperatives:products", "cooperatives:dashboard"])
def test_product_pages_make_as_many_queries_for_3_rows_as_for_30(client, db, url_name):
    from tests.factories import MembershipFactory

    small, large = MembershipFactory(), MembershipFactory()
    client.force_login(small.user)
    few = _list_queries(client, reverse(url_name), 3, small.cooperative)
    client.force_login(large.user)
    many = _list_queries(client, reverse(url_name), 30, large.cooperative)

    assert few == many


def test_product_edit_with_bad_input_shows_the_message_and_changes_nothing(member_client, cooperative):
    product = ProductFactory(cooperative=cooperative, name="Tên cũ")

    response = member_client.post(
        reverse("cooperatives:product_edit", kwargs={"pk": product.pk}), product_data(name="", price_min="-5")
    )

    assert response.status_code == 200
    assert response.context["form"].errors["name"]
    assert response.context["form"].errors["price_min"]
    product.refresh_from_db()
    assert product.name == "Tên cũ"


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_photo_upload_survives_a_broker_that_is_down(client, monkeypatch, caplog):
    from tests.factories import MembershipFactory

    membership = MembershipFactory()
    product = ProductFactory(cooperative=membership.cooperative)
    client.force_login(membership.user)

    def broker_down(*args, **kwargs):
        raise ConnectionError("broker unreachable")

    monkeypatch.setattr(make_photo_thumbnails, "delay", broker_down)
    response = client.post(
        reverse("cooperatives:product_photos_add", kwargs={"pk": product.pk}), {"photos": [jpeg_upload()]}
    )

    assert response.status_code == 302
    photo = product.photos.get()
    assert not photo.thumbnail
    assert "queue_thumbnails" in caplog.text
