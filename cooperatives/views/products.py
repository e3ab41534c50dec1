from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from ocop_portal.errors import ApplicationError, error_to_form, error_to_message
from products.models import Product, ProductPhoto
from products.services import catalog

from .. import selectors
from ..access import get_owned_or_404
from ..forms import PhotoUploadForm, ProductForm
from .base import space_render, space_view


def _product(request, pk) -> Product:
    return get_owned_or_404(Product.objects.select_related("cooperative", "product_set"), request.user, pk=pk)


@require_http_methods(["GET"])
@space_view
def product_list(request, cooperative):
    archived = request.GET.get("archived") == "1"
    products = list(selectors.space_products(cooperative, archived=archived))
    return space_render(
        request,
        "cooperatives/products/list.html",
        "products",
        {"cooperative": cooperative, "products": products, "archived": archived},
    )


@require_http_methods(["GET", "POST"])
@space_view
def product_create(request, cooperative):
    form = ProductForm(request.POST or None, request.FILES or None, instance=Product(cooperative=cooperative))
    if request.method == "POST" and form.is_valid():
        try:
            product = catalog.product_create(
                cooperative=cooperative,
                by=request.user,
                data=form.product_data(),
                quality_standards=form.cleaned_data["quality_standards"],
                photos=form.cleaned_data["photos"],
                alt_text=form.cleaned_data["photos_alt"],
            )
        except ApplicationError as error:
            error_to_form(form, error)
        else:
            messages.success(request, _("The product “%(name)s” has been added.") % {"name": product.name})
            return redirect("cooperatives:product_edit", pk=product.pk)
    return space_render(request, "cooperatives/products/form.html", "products", {"form": form, "product": None})


@require_http_methods(["GET", "POST"])
@space_view
def product_edit(request, cooperative, pk):
    product = _product(request, pk)
    form = ProductForm(request.POST or None, instance=product, with_photos=False)
    if request.method == "POST" and form.is_valid():
        try:
            catalog.product_update(
                product=product,
                by=request.user,
                data=form.product_data(),
                quality_standards=form.cleaned_data["quality_standards"],
            )
        except ApplicationError as error:
            error_to_form(form, error)
        else:
            messages.success(request, _("Your changes have been saved."))
            return redirect("cooperatives:product_edit", pk=product.pk)
    if request.method == "POST":
        product.refresh_from_db()
    return _edit_page(request, product, form=form, photo_form=PhotoUploadForm())


def _edit_page(request, product, *, form, photo_form, status=200):
    return space_render(
        request,
        "cooperatives/products/form.html",
        "products",
        {
            "form": form,
            "photo_form": photo_form,
            "product": product,
            "photos": list(product.photos.order_by("position", "pk")),
            "deletable": catalog.product_is_deletable(product),
        },
        status=status,
    )


@require_POST
@space_view
def product_photos_add(request, cooperative, pk):
    product = _product(request, pk)
    photo_form = PhotoUploadForm(request.POST, request.FILES)
    if photo_form.is_valid():
        try:
            added = catalog.photos_add(
                product=product,
                files=photo_form.cleaned_data["photos"],
                alt_text=photo_form.cleaned_data["photos_alt"] or product.name,
            )
        except ApplicationError as error:
            error_to_form(photo_form, error)
        else:
            messages.success(request, _("%(count)s photo(s) added.") % {"count": len(added)})
            return redirect(f"{_edit_url(product)}#photos")
    return _edit_page(request, product, form=ProductForm(instance=product, with_photos=False), photo_form=photo_form)


def _edit_url(product):
    from django.urls import reverse

    return reverse("cooperatives:product_edit", kwargs={"pk": product.pk})


@require_POST
@space_view
def product_photos_update(request, cooperative, pk):
    """Alt texts, deletions and one move (up/down) for the product's photos. Every photo id in
    the form must be one of this product's photos: a forged id answers 404."""
    product = _product(request, pk)
    photos = {photo.pk: photo for photo in ProductPhoto.objects.filter(product=product)}

    def photo(raw):
        if not str(raw).isdigit() or int(raw) not in photos:
            raise Http404
        return photos[int(raw)]

    listed = [photo(raw) for raw in request.POST.getlist("photo")]
    alt_texts = {item: request.POST.get(f"alt-{item.pk}", item.alt_text)[:255] for item in listed}
    delete = [photo(raw) for raw in request.POST.getlist("delete")]
    move = None
    if request.POST.get("move"):
        raw_id, _sep, direction = request.POST["move"].partition(":")
        if direction not in ("up", "down"):
            raise Http404
        move = (photo(raw_id), direction)
    catalog.photos_update(product=product, alt_texts=alt_texts, delete=delete, move=move)
    if delete:
        messages.success(request, _("%(count)s photo(s) deleted.") % {"count": len(delete)})
    elif not move:
        messages.success(request, _("The photos have been saved."))
    return redirect(f"{_edit_url(product)}#photos")


@require_POST
@space_view
def product_archive(request, cooperative, pk):
    product = _product(request, pk)
    catalog.product_archive(product=product, by=request.user)
    messages.success(
        request, _("“%(name)s” is archived: it no longer shows in the catalogue.") % {"name": product.name}
    )
    return redirect("cooperatives:products")


@require_POST
@space_view
def product_restore(request, cooperative, pk):
    product = _product(request, pk)
    catalog.product_restore(product=product, by=request.user)
    messages.success(request, _("“%(name)s” is back on sale.") % {"name": product.name})
    return redirect("cooperatives:product_edit", pk=product.pk)


@require_http_methods(["GET", "POST"])
@space_view
def product_delete(request, cooperative, pk):
    product = _product(request, pk)
    deletable = catalog.product_is_deletable(product)
    if request.method == "POST":
        try:
            catalog.product_delete(product=product, by=request.user)
        except ApplicationError as error:
            error_to_message(request, error)
            return redirect("cooperatives:product_edit", pk=product.pk)
        messages.success(request, _("“%(name)s” has been deleted.") % {"name": product.name})
        return redirect("cooperatives:products")
    return space_render(
        request, "cooperatives/products/delete.html", "products", {"product": product, "deletable": deletable}
    )
