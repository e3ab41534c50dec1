"""Minimal public pages; the showcase issue builds the real catalogue."""

from django.shortcuts import get_object_or_404, render

from cooperatives.models import Cooperative
from products.models import Certificate, Product


def catalogue(request):
    products = Product.objects.certified().select_related("cooperative")[:60]
    return render(request, "showcase/catalogue.html", {"products": products})


def product_detail(request, slug):
    product = get_object_or_404(Product.objects.select_related("cooperative", "product_set"), slug=slug)
    return render(request, "showcase/product_detail.html", {"product": product})


def producer_detail(request, slug):
    cooperative = get_object_or_404(Cooperative, slug=slug)
    return render(request, "showcase/producer_detail.html", {"cooperative": cooperative})


def certificate_check(request):
    query = request.GET.get("q", "").strip()
    certificate = None
    if query:
        certificate = (
            Certificate.objects.select_related("product__cooperative").filter(product_code__iexact=query).first()
            or Certificate.objects.select_related("product__cooperative").filter(decision_number__iexact=query).first()
        )
    return render(request, "showcase/certificate_check.html", {"query": query, "certificate": certificate})
