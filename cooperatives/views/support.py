from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from ocop_portal.errors import ApplicationError, error_to_form

from .. import selectors, services
from ..access import get_owned_or_404
from ..forms import AttachmentsForm, SupportRequestForm
from ..models import SupportRequest
from .base import space_render, space_view


@require_http_methods(["GET"])
@space_view
def support_list(request, cooperative):
    return space_render(
        request,
        "cooperatives/support/list.html",
        "support",
        {"cooperative": cooperative, "requests": list(selectors.space_support_requests(cooperative))},
    )


@require_http_methods(["GET", "POST"])
@space_view
def support_create(request, cooperative):
    initial = {"kind": request.GET.get("kind")} if request.GET.get("kind") in SupportRequest.Kind.values else {}
    product_id = request.POST.get("product", "")
    if product_id and not (product_id.isdigit() and cooperative.products.filter(pk=product_id).exists()):
        raise Http404  # a forged id: another cooperative's product answers 404 like its pages
    form = SupportRequestForm(request.POST or None, request.FILES or None, cooperative=cooperative, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            support = services.support_request_create(
                cooperative=cooperative,
                by=request.user,
                kind=form.cleaned_data["kind"],
                subject=form.cleaned_data["subject"],
                description=form.cleaned_data["description"],
                amount=form.cleaned_data.get("amount"),
                product=form.cleaned_data.get("product"),
                files=form.cleaned_data["attachments"],
            )
        except ApplicationError as error:
            error_to_form(form, error)
        else:
            messages.success(request, _("Your request has been sent to the Alliance staff."))
            return redirect("cooperatives:support_detail", pk=support.pk)
    return space_render(request, "cooperatives/support/form.html", "support", {"form": form})


def _support(request, pk) -> SupportRequest:
    return get_owned_or_404(
        SupportRequest.objects.select_related("product", "assigned_to", "created_by"), request.user, pk=pk
    )


@require_http_methods(["GET"])
@space_view
def support_detail(request, cooperative, pk):
    support = _support(request, pk)
    return _detail_page(request, support, AttachmentsForm())


def _detail_page(request, support, attachments_form, status=200):
    return space_render(
        request,
        "cooperatives/support/detail.html",
        "support",
        {
            "support": support,
            "notes": list(support.notes.select_related("author")),
            "attachments": list(support.attachments.all()),
            "attachments_form": attachments_form,
        },
        status=status,
    )


@require_POST
@space_view
def support_attachments_add(request, cooperative, pk):
    support = _support(request, pk)
    form = AttachmentsForm(request.POST, request.FILES)
    if form.is_valid():
        try:
            services.support_attachments_add(request=support, by=request.user, files=form.cleaned_data["attachments"])
        except ApplicationError as error:
            error_to_form(form, error)
        else:
            messages.success(request, _("The documents have been added."))
            return redirect("cooperatives:support_detail", pk=support.pk)
    return _detail_page(request, support, form)
