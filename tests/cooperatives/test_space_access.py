"""Every URL of the space: anonymous → login page; own cooperative → works; another
cooperative's object → 404 (nothing leaks, nothing changes)."""

import pytest
from django.urls import reverse

from cooperatives.models import Membership, SupportAttachment
from ocop_portal.uploads import document_clean
from products.models import Product, ProductPhoto
from tests.cooperatives.files import jpeg_upload, pdf_upload
from tests.factories import MembershipFactory, ProductFactory, ProductPhotoFactory
from tests.factories.space import InvitationFactory, LegalChangeRequestFactory, SupportRequestFactory


def objects_of(cooperative):
    product = ProductFactory(cooperative=cooperative)
    photo = ProductPhotoFactory(product=product)
    support = SupportRequestFactory(cooperative=cooperative)
    attachment = SupportAttachment.objects.create(
        request=support, file=document_clean(pdf_upload()), original_name="giay-phep.pdf", size=40
    )
    legal = LegalChangeRequestFactory(cooperative=cooperative)
    legal.document.save("doc.pdf", document_clean(pdf_upload()))
    member = MembershipFactory(cooperative=cooperative, role=Membership.Role.MEMBER)
    invitation = InvitationFactory(cooperative=cooperative)
    return {
        "product": product,
        "photo": photo,
        "support": support,
        "attachment": attachment,
        "legal": legal,
        "member": member,
        "invitation": invitation,
    }


# (url name, method, object the URL names, POST data builder)
SPACE_URLS = [
    ("cooperatives:dashboard", "get", None, None),
    ("cooperatives:profile", "get", None, None),
    ("cooperatives:products", "get", None, None),
    ("cooperatives:product_create", "get", None, None),
    ("cooperatives:product_edit", "get", "product", None),
    ("cooperatives:product_photos_add", "post", "product", lambda o: {"photos": [jpeg_upload()]}),
    (
        "cooperatives:product_photos_update",
        "post",
        "product",
        lambda o: {"photo": [o["photo"].pk], f"alt-{o['photo'].pk}": "Mới"},
    ),
    ("cooperatives:product_archive", "post", "product", lambda o: {}),
    ("cooperatives:product_restore", "post", "product", lambda o: {}),
    ("cooperatives:product_delete", "get", "product", None),
    ("cooperatives:support_requests", "get", None, None),
    ("cooperatives:support_create", "get", None, None),
    ("cooperatives:support_detail", "get", "support", None),
    ("cooperatives:support_attachments_add", "post", "support", lambda o: {"attachments": [pdf_upload()]}),
    ("cooperatives:support_attachment", "get", "attachment", None),
    ("cooperatives:legal_document", "get", "legal", None),
    ("cooperatives:members", "get", None, None),
    ("cooperatives:member_remove", "post", "member", lambda o: {}),
    ("cooperatives:invitation_withdraw", "post", "invitation", lambda o: {}),
]
IDS = [name.split(":")[1] for name, *_ in SPACE_URLS]


def url_for(name, key, objects):
    return reverse(name, kwargs={"pk": objects[key].pk}) if key else reverse(name)


def call(client, method, url, data_builder, objects):
    if method == "get":
        return client.get(url)
    return client.post(url, data_builder(objects) if data_builder else {})


@pytest.mark.parametrize(("name", "method", "key", "data"), SPACE_URLS, ids=IDS)
def test_space_url_sends_anonymous_visitor_to_login(client, cooperative, name, method, key, data):
    objects = objects_of(cooperative)
    url = url_for(name, key, objects)

    response = call(client, method, url, data, objects)

    assert response.status_code == 302
    assert response["Location"] == f"{reverse('accounts:login')}?next={url}"


@pytest.mark.parametrize(("name", "method", "key", "data"), SPACE_URLS, ids=IDS)
def test_space_url_works_for_own_cooperative(member_client, cooperative, name, method, key, data):
    objects = objects_of(cooperative)

    response = call(member_client, method, url_for(name, key, objects), data, objects)

    if method == "get":
        assert response.status_code == 200
        if name in ("cooperatives:support_attachment", "cooperatives:legal_document"):
            assert response["Content-Disposition"].startswith("attachment;")
            assert b"".join(response.streaming_content).startswith(b"%PDF-")
        else:
            assert response.context["space_section"]
            assert cooperative.name in response.content.decode()
    else:
        assert response.status_code == 302, getattr(response, "context", None) and response.context.get("form")


@pytest.mark.parametrize(
    ("name", "method", "key", "data"),
    [u for u in SPACE_URLS if u[2]],
    ids=[i for i, u in zip(IDS, SPACE_URLS, strict=True) if u[2]],
)
def test_space_url_of_another_cooperative_answers_404(
    member_client, cooperative, other_cooperative, name, method, key, data
):
    objects_of(cooperative)
    theirs = objects_of(other_cooperative)
    before = (
        Product.objects.filter(cooperative=other_cooperative).values_list("status", flat=True).get(),
        ProductPhoto.objects.filter(product__cooperative=other_cooperative).values_list("alt_text", flat=True).get(),
        Membership.objects.filter(cooperative=other_cooperative).count(),
    )

    response = call(member_client, method, url_for(name, key, theirs), data, theirs)

    assert response.status_code == 404
    after = (
        Product.objects.filter(cooperative=other_cooperative).values_list("status", flat=True).get(),
        ProductPhoto.objects.filter(product__cooperative=other_cooperative).values_list("alt_text", flat=True).get(),
        Membership.objects.filter(cooperative=other_cooperative).count(),
    )
    assert after == before
    theirs["invitation"].refresh_from_db()
    assert theirs["invitation"].revoked_at is None
    assert SupportAttachment.objects.filter(request=theirs["support"]).count() == 1


def test_space_answers_404_to_a_signed_in_user_without_cooperative(client, db):
    from tests.factories import UserFactory

    client.force_login(UserFactory())

    assert client.get(reverse("cooperatives:dashboard")).status_code == 404


def test_photo_update_with_a_forged_photo_id_answers_404_and_changes_nothing(
    member_client, cooperative, other_cooperative
):
    mine = objects_of(cooperative)
    theirs = objects_of(other_cooperative)
    url = reverse("cooperatives:product_photos_update", kwargs={"pk": mine["product"].pk})
    forged = theirs["photo"]

    cases = [
        {"photo": [forged.pk], f"alt-{forged.pk}": "hacked"},
        {"photo": [mine["photo"].pk], "delete": [forged.pk]},
        {"photo": [mine["photo"].pk], "move": f"{forged.pk}:up"},
    ]
    for data in cases:
        assert member_client.post(url, data).status_code == 404

    forged.refresh_from_db()
    assert forged.alt_text == "Ảnh sản phẩm"
    assert ProductPhoto.objects.filter(pk=forged.pk).exists()


def test_support_form_with_another_cooperatives_product_id_answers_404(member_client, cooperative, other_cooperative):
    from cooperatives.models import SupportRequest

    theirs = ProductFactory(cooperative=other_cooperative)

    response = member_client.post(
        reverse("cooperatives:support_create"),
        {"kind": "barcode", "subject": "Mã vạch", "description": "Cần mã vạch", "product": theirs.pk},
    )

    assert response.status_code == 404
    assert not SupportRequest.objects.exists()
