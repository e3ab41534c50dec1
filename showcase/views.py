"""The public showcase: catalogue, product pages, QR traceability, certificate check, producers;
and the cooperative's side of it (buyer enquiries, QR downloads)."""

import io
import logging
from functools import wraps

import segno
from django.conf import settings
from django.contrib import messages
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.cache import patch_vary_headers
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from cooperatives.access import get_owned_or_404
from news.models import Article
from ocop_portal.errors import ApplicationError, error_to_form
from ocop_portal.guards import public_view, space_view
from ocop_portal.ratelimit import client_ip, rate_limit_exceeded
from products.models import Certificate, Product

from . import selectors
from .cache import public_page
from .forms import EnquiryForm
from .models import Enquiry, ProductCode
from .services import enquiry_create, enquiry_mark_handled
from .structured_data import product_data

logger = logging.getLogger(__name__)

# Enquiries one address may send per window; settings may override these (e.g. a shared NAT).
ENQUIRY_RATE_LIMIT = 5
ENQUIRY_RATE_WINDOW_SECONDS = 3600


@public_view
@require_safe
@public_page
def catalogue(request):
    filters = selectors.CatalogueFilters.from_query(request.GET)
    result = selectors.catalogue_page(filters, page_number=request.GET.get("page") or 1)
    sorts = [("newest", _("Newest certified")), ("stars", _("Most stars")), ("name", _("Name (A–Z)"))]
    if filters.q:
        sorts.insert(0, ("relevance", _("Best match")))
    return render(
        request,
        "showcase/catalogue.html",
        {
            "filters": filters,
            "page_obj": result.page,
            "products": result.page.object_list,
            "facets": result.facets,
            "catalogue": result,
            "panels": result.panels,
            "suggestion": result.suggestion,
            "empty_category": result.empty_category,
            "sorts": sorts,
        },
    )


def _product_context(product, form):
    certificate = selectors.current_certificate(product)
    photos = list(product.photos.all())
    return {
        "structured_data": product_data(product=product, certificate=certificate, photos=photos),
        "product": product,
        "certificate": certificate,
        "is_certified": bool(certificate and certificate.effective_status == Certificate.Status.VALID),
        "photos": photos,
        "qr_code": getattr(product, "qr_code", None),
        "form": form,
        "other_products": selectors.producer_other_products(product),
    }


@public_view
@require_http_methods(["GET", "HEAD", "POST"])
@public_page
def product_detail(request, slug):
    product = selectors.product_public(slug=slug)
    if product is None:
        raise Http404
    status = 200
    if request.method == "POST":
        form = EnquiryForm(request.POST)
        spam = form.is_spam()
        if spam or form.is_valid():
            # Only complete submissions count, so a buyer correcting a typo is never blocked.
            limited = rate_limit_exceeded(
                scope="enquiry",
                ident=client_ip(request),
                limit=getattr(settings, "SHOWCASE_ENQUIRY_RATE_LIMIT", ENQUIRY_RATE_LIMIT),
                window_seconds=getattr(settings, "SHOWCASE_ENQUIRY_RATE_WINDOW_SECONDS", ENQUIRY_RATE_WINDOW_SECONDS),
            )
            if limited:
                form.add_error(
                    None, _("Too many enquiries have been sent from your connection. Please try again later.")
                )
                status = 429
            elif spam:
                # Answer a bot as if it had succeeded, so it learns nothing; store nothing.
                logger.info("Enquiry honeypot filled for product %s", product.pk)
                messages.success(request, _("Thank you: your enquiry has been sent to the producer."))
                return redirect(product.get_absolute_url())
            else:
                try:
                    enquiry_create(product=product, language=get_language() or "vi", **form.service_data())
                except ApplicationError as error:
                    error_to_form(form, error)
                else:
                    messages.success(request, _("Thank you: your enquiry has been sent to the producer."))
                    return redirect(product.get_absolute_url())
    else:
        form = EnquiryForm()
    return render(request, "showcase/product_detail.html", _product_context(product, form), status=status)


def visitor_language(view):
    """For pages outside the language prefix (the QR address): speak the visitor's language,
    from the language cookie or the browser's Accept-Language, instead of the default."""

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        language = translation.get_language_from_request(request, check_path=False)
        with translation.override(language):
            request.LANGUAGE_CODE = language
            response = view(request, *args, **kwargs)
        response.headers["Content-Language"] = language
        patch_vary_headers(response, ("Accept-Language", "Cookie"))
        return response

    return wrapper


@public_view
@require_safe
@visitor_language
@public_page
def qr_trace(request, code):
    """What a scanned label opens: the product, its producer and commune, its certificate and
    whether it is still valid (an expired or revoked certificate is said so, never hidden)."""
    product = selectors.product_for_code(code)
    if product is None:
        # A mistyped or damaged label: say how to check the certificate by its number instead.
        return render(request, "showcase/qr_not_found.html", {"code": code[:40]}, status=404)
    certificates = list(product.certificates.all())
    certificate = selectors.current_certificate(product)
    return render(
        request,
        "showcase/qr_trace.html",
        {
            "product": product,
            "certificate": certificate,
            "history": [c for c in certificates if c != certificate],
            "photos": list(product.photos.all())[:1],
            "on_sale": product.status == Product.Status.ACTIVE,
        },
    )


@public_view
@require_safe
@public_page
def certificate_check(request):
    query = " ".join(request.GET.get("q", "").split())[:60]
    certificates = selectors.certificates_lookup(query) if query else []
    return render(
        request,
        "showcase/certificate_check.html",
        {"query": query, "certificates": certificates},
    )


@public_view
@require_safe
@public_page
def producers(request):
    filters = selectors.DirectoryFilters.from_query(request.GET)
    page, facets = selectors.directory_page(filters, page_number=request.GET.get("page") or 1)
    return render(
        request,
        "showcase/producers.html",
        {"filters": filters, "page_obj": page, "producers": page.object_list, "facets": facets},
    )


@public_view
@require_safe
@public_page
def producer_detail(request, slug):
    cooperative = selectors.producer_public(slug=slug)
    if cooperative is None:
        raise Http404
    return render(
        request,
        "showcase/producer_detail.html",
        {
            "cooperative": cooperative,
            "products": selectors.producer_products(cooperative),
            "articles": list(Article.objects.published().filter(related_cooperatives=cooperative)[:3]),
        },
    )


# --- The cooperative's space ------------------------------------------------------------------


@space_view
@require_safe
def space_enquiries(request, cooperative):
    status = request.GET.get("status", "")
    if status not in Enquiry.Status.values:
        status = ""
    enquiries = selectors.space_enquiries(cooperative=cooperative, status=status)
    counts = selectors.space_enquiry_counts(cooperative=cooperative)
    page = Paginator(enquiries, 20).get_page(request.GET.get("page") or 1)
    return render(
        request,
        "showcase/space/enquiries.html",
        {
            "space_section": "enquiries",
            "cooperative": cooperative,
            "page_obj": page,
            "enquiries": page.object_list,
            "status": status,
            "counts": counts,
            "total": sum(counts.values()),
            "statuses": Enquiry.Status.choices,
        },
    )


@space_view
@require_POST
def space_enquiry_handled(request, cooperative, pk):
    enquiry = get_owned_or_404(Enquiry.objects.all(), request.user, pk=pk)
    enquiry_mark_handled(enquiry=enquiry, by=request.user)
    messages.success(request, _("The enquiry from %(name)s is marked as handled.") % {"name": enquiry.name})
    return redirect("showcase:space_enquiries")


# Print resolution: the PNG is about 1,200 px wide, i.e. 5 cm at 600 dpi; the SVG has 1 mm
# modules (about 4 cm for a typical code) and scales without loss.
QR_PNG_TARGET_PIXELS = 1200
QR_PNG_DPI = 600


@space_view
@require_safe
def space_qr(request, cooperative, pk, fmt):
    product = get_owned_or_404(Product.objects.all(), request.user, pk=pk)
    # Read only: every product gets its code when it is created (product_create; migration 0002
    # for the older ones), so a GET never writes.
    code = ProductCode.objects.filter(product=product).first()
    if code is None:
        raise Http404
    url = settings.SITE_URL + code.get_absolute_url()
    qr = segno.make(url, error="m", boost_error=True)
    buffer = io.BytesIO()
    if fmt == "png":
        width, _height = qr.symbol_size(scale=1, border=4)
        qr.save(buffer, kind="png", scale=max(8, QR_PNG_TARGET_PIXELS // width), border=4, dpi=QR_PNG_DPI)
        content_type = "image/png"
    else:
        qr.save(buffer, kind="svg", scale=1, unit="mm", border=4, title=url, xmldecl=True)
        content_type = "image/svg+xml"
    response = HttpResponse(buffer.getvalue(), content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="ocop-qr-{code.code}.{fmt}"'
    return response


# --- SEO --------------------------------------------------------------------------------------

ROBOTS_DISALLOW = ["/admin/", "/accounts/", "/space/", "/dossiers/", "/i18n/"]


@public_view
@require_safe
def robots_txt(request):
    lines = ["User-agent: *"]
    for path in ROBOTS_DISALLOW:
        lines.append(f"Disallow: {path}")
        lines.append(f"Disallow: /en{path}")
    lines.append(f"Sitemap: {settings.SITE_URL}/sitemap.xml")
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain; charset=utf-8")


@public_view
def bench_bare(request):
    """A trivial view through the whole middleware stack: the benchmark's yardstick (only
    routed when OCOP_BENCH_VIEW=1, see showcase/urls.py)."""
    return HttpResponse(b"ok", content_type="text/plain")


# What the template yardstick renders: fixed, built once, so the view touches no database.
_YARDSTICK_CONTEXT = {
    "title": "Sản phẩm OCOP tiêu biểu",
    "portal": "Cổng OCOP Ninh Bình",
    "intro": "Danh sách mẫu gồm ba mươi sản phẩm, dùng làm thước đo: một trang khoảng 5 KB qua toàn bộ middleware.",
    "outro": "Giá tham khảo, đã gồm thuế giá trị gia tăng.",
    "footer": "Liên minh Hợp tác xã tỉnh Ninh Bình",
    "menu": [{"url": f"/muc-{n}/", "label": f"Mục {n}"} for n in range(1, 7)],
    "rows": [
        {"code": f"37-{n:05d}", "name": f"Sản phẩm mẫu số {n}", "stars": 3 + n % 3, "price": f"{(n + 1) * 5}.000 ₫"}
        for n in range(30)
    ],
}


@public_view
def bench_template(request):
    """The benchmark's main yardstick: a ~5 KB template rendered through the whole middleware
    stack, no database (routed only when OCOP_BENCH_VIEW=1). A page's cost is read against it."""
    return HttpResponse(render_to_string("showcase/bench_yardstick.html", _YARDSTICK_CONTEXT))


@public_view
@require_safe
@public_page
def sitemap_index(request):
    from django.contrib.sitemaps import views as sitemap_views

    from .sitemaps import sitemaps

    return sitemap_views.index(request, sitemaps=sitemaps(), sitemap_url_name="sitemap_section")


@public_view
@require_safe
@public_page
def sitemap_section(request, section):
    from django.contrib.sitemaps import views as sitemap_views

    from .sitemaps import sitemaps

    return sitemap_views.sitemap(request, sitemaps=sitemaps(), section=section)
