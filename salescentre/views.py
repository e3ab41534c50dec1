"""The sales centre: its public page; the staff's consignment ledger (stock on hand, entries,
reversals) and the monthly statements (printable, Excel); the cooperative's own statements in
its space (another cooperative's answer 404)."""

import datetime

import tablib
from django.contrib import messages
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST, require_safe

from cooperatives.models import Cooperative
from cooperatives.views.base import space_render
from ocop_portal.errors import ApplicationError, error_to_form, error_to_message
from ocop_portal.guards import public_view, space_view, staff_view
from products.excel import Amount, xlsx_response
from showcase.cache import public_page

from . import selectors, services
from .forms import MovementForm, ReverseForm, StatementChoiceForm
from .models import StockMovement
from .statements import statement_for, statement_months

LEDGER = "salescentre.keep_ledger"


def _centre_or_404():
    centre = selectors.the_centre()
    if centre is None:
        raise Http404
    return centre


@require_safe
@public_view
@public_page
def public(request):
    centre = _centre_or_404()
    return render(
        request,
        "salescentre/public.html",
        {"centre": centre, "photos": list(centre.photos.all()), "stock": list(selectors.available_stock(centre))},
    )


# --- Staff: the ledger ------------------------------------------------------------------------


def _filter_cooperative(request):
    pk = request.GET.get("cooperative", "")
    return Cooperative.objects.filter(pk=pk).first() if pk.isdigit() else None


@require_http_methods(["GET", "POST"])
@staff_view(LEDGER)
def ledger(request):
    centre = _centre_or_404()
    cooperative = _filter_cooperative(request)
    form = MovementForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            movement = services.movement_record(centre=centre, by=request.user, **form.cleaned_data)
        except ApplicationError as error:
            error_to_form(form, error)
        else:
            messages.success(request, _("Recorded: %(movement)s.") % {"movement": movement})
            return redirect(request.get_full_path())
    return render(
        request,
        "salescentre/ledger.html",
        {
            "centre": centre,
            "form": form,
            "cooperative": cooperative,
            "cooperatives": Cooperative.objects.filter(centre_movements__centre=centre).distinct().order_by("name"),
            "stock": list(selectors.ledger_stock(centre, cooperative=cooperative)),
            "movements": list(selectors.recent_movements(centre, cooperative=cooperative)),
            "reverse_form": ReverseForm(),
        },
        status=400 if form.errors else 200,
    )


@require_POST
@staff_view(LEDGER)
def reverse(request, pk):
    movement = get_object_or_404(StockMovement, pk=pk)
    form = ReverseForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Say why the movement is reversed."))
    else:
        try:
            services.movement_reverse(movement=movement, note=form.cleaned_data["note"], by=request.user)
        except ApplicationError as error:
            error_to_message(request, error)
        else:
            messages.success(request, _("The movement has been reversed."))
    return redirect(request.POST.get("back") or "salescentre:ledger")


# --- Statements -------------------------------------------------------------------------------


def _month(value: str) -> datetime.date:
    try:
        return datetime.datetime.strptime(value, "%Y-%m").date()
    except (TypeError, ValueError):
        raise Http404


def _statement_response(request, statement, *, fmt: str, template_context: dict):
    if fmt == "xlsx":
        return statement_xlsx(statement)
    return render(
        request,
        "salescentre/statement.html",
        {
            "statement": statement,
            "centre": selectors.the_centre(),
            "printed_at": timezone.localtime(),
            **template_context,
        },
    )


@require_GET
@staff_view(LEDGER)
def staff_statement(request):
    form = StatementChoiceForm(request.GET or None)
    if not form.is_valid():
        today = timezone.localdate()
        return render(
            request,
            "salescentre/statement_choose.html",
            {"form": form if request.GET else StatementChoiceForm(initial={"month": today.replace(day=1)})},
        )
    statement = statement_for(cooperative=form.cleaned_data["cooperative"], month=form.cleaned_data["month"])
    return _statement_response(request, statement, fmt=request.GET.get("format", ""), template_context={"staff": True})


@require_GET
@space_view("salescentre.view_statements")
def space_statements(request, cooperative):
    months = statement_months(cooperative=cooperative)
    current = statement_for(cooperative=cooperative, month=months[0]) if months else None
    return space_render(
        request, "salescentre/space_statements.html", "salescentre", {"months": months, "statement": current}
    )


@require_GET
@space_view("salescentre.view_statements")
def space_statement(request, cooperative, month):
    statement = statement_for(cooperative=cooperative, month=_month(month))
    return _statement_response(request, statement, fmt=request.GET.get("format", ""), template_context={})


def statement_xlsx(statement):
    dataset = tablib.Dataset(
        headers=[
            _("Product"),
            _("Unit"),
            _("Opening stock"),
            _("Received"),
            _("Sold"),
            _("Sales value (VND)"),
            _("Returned"),
            _("Damaged or lost"),
            _("Closing stock"),
            _("Owed to the cooperative (VND)"),
        ],
        title=statement.month.strftime("%m-%Y"),
    )
    for line in statement.lines:
        dataset.append(
            [
                line.product["name"],
                line.product["unit"] or "",
                line.opening,
                line.received,
                line.sold,
                Amount(line.sold_value_vnd),
                line.returned,
                line.damaged,
                line.closing,
                Amount(line.owed_vnd),
            ]
        )
    totals = statement.totals
    dataset.append(
        [
            _("Total"),
            "",
            totals["opening"],
            totals["received"],
            totals["sold"],
            Amount(totals["sold_value_vnd"]),
            totals["returned"],
            totals["damaged"],
            totals["closing"],
            Amount(totals["owed_vnd"]),
        ]
    )
    return xlsx_response(dataset, f"bang-ke-ky-gui-{statement.cooperative.slug}-{statement.month:%Y-%m}")
