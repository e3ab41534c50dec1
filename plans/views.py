"""The staff's pages (dashboard, drill-down, charts' Excel, plans and targets, period reports)
and the public "OCOP in numbers" page."""

import hashlib

import tablib
from django.conf import settings
from django.contrib import messages
from django.http import Http404, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST, require_safe

from fairs.exports import xlsx_response
from ocop_portal.errors import ApplicationError, error_to_form
from ocop_portal.files import private_file_response
from ocop_portal.guards import public_view, staff_view
from showcase.cache import GENERATION_KEY, cache_get_safe, cache_set_safe, public_page

from . import selectors, services
from .forms import FilterForm, PlanForm, ReportForm, TargetForm, period_from
from .metrics import registry
from .models import Plan, Report, Target

VIEW = "plans.view_progress"
MANAGE = "plans.manage_plans"
NUMBERS_CACHE_SECONDS = 600


def _filters(request):
    communes, districts = selectors.areas()
    form = FilterForm(request.GET or None, sectors=selectors.sectors(), communes=communes, districts=districts)
    data = form.cleaned_data if form.is_bound and form.is_valid() else {}
    period = period_from(data, default_plan=selectors.default_plan(), today=timezone.localdate())
    return form, period, form.scope()


@require_GET
@staff_view(VIEW)
def dashboard(request):
    form, period, scope = _filters(request)
    board = selectors.dashboard(
        period.plan, start=period.start, end=period.end, scope=scope, fresh=request.GET.get("fresh") == "1"
    )
    query = request.GET.copy()
    query.pop("fresh", None)
    query = query.urlencode()
    # The cards and charts are rendered once per set of figures (the figures' key: targets,
    # filters, day, language, data generation) and kept as long as the figures are.
    html_key = f"{board.key}:html:{hashlib.sha256(query.encode()).hexdigest()[:16]}"
    board_html = cache_get_safe(html_key) if board.from_cache else None
    if board_html is None:
        board_html = render_to_string(
            "plans/includes/board.html",
            {"period": period, "scope": scope, "progress": board.progress, "charts": board.charts, "query": query},
            request=request,
        )
        if settings.PLANS_DASHBOARD_CACHE_SECONDS > 0:
            cache_set_safe(html_key, board_html, settings.PLANS_DASHBOARD_CACHE_SECONDS)
    return render(
        request,
        "plans/dashboard.html",
        {
            "form": form,
            "period": period,
            "scope": scope,
            "computed_at": board.computed_at,
            "board_html": mark_safe(board_html),  # noqa: S308 — our own template's output
            "query": query,
        },
    )


def _metric_or_404(code):
    metric = registry.get(code)
    if metric is None:
        raise Http404
    return metric


@require_GET
@staff_view(VIEW)
def metric_records(request, code):
    metric = _metric_or_404(code)
    form, period, scope = _filters(request)
    progress = selectors.metric_progress(metric, start=period.start, end=period.end, scope=scope, monthly=False)
    records = metric.records(start=period.start, end=period.end, scope=scope)
    columns = metric.columns()
    rows = [
        [(column.value(record), column.link(record) if column.link else "") for column in columns] for record in records
    ]
    if request.GET.get("format") == "xlsx":
        dataset = tablib.Dataset(headers=[str(c.label) for c in columns], title=_("Records")[:31])
        for row in rows:
            dataset.append([str(value) for value, _link in row])
        return xlsx_response(dataset, metric.code)
    breakdowns = [
        (by, metric.breakdown(start=period.start, end=period.end, scope=scope, by=by)) for by in metric.breakdowns
    ]
    return render(
        request,
        "plans/metric.html",
        {
            "metric": metric,
            "form": form,
            "period": period,
            "scope": scope,
            "progress": progress,
            "columns": columns,
            "rows": rows,
            "breakdowns": [(by, rows_) for by, rows_ in breakdowns if rows_ is not None],
            "query": request.GET.urlencode(),
        },
    )


@require_GET
@staff_view(VIEW)
def chart_xlsx(request, code):
    _form, period, scope = _filters(request)
    chart = selectors.chart(code, start=period.start, end=period.end, scope=scope)
    if chart is None:
        raise Http404
    dataset = tablib.Dataset(headers=[_("Label"), _("Value")], title=str(chart.title)[:31])
    for label, value in chart.rows or []:
        dataset.append([str(label), value])
    if chart.rows is None:
        dataset.append([_("no data"), ""])
    return xlsx_response(dataset, f"bieu-do-{code}")


# --- Plans and targets ------------------------------------------------------------------------


@require_GET
@staff_view(VIEW)
def plan_list(request):
    plans = Plan.objects.order_by("-starts_on", "-pk")
    return render(request, "plans/plan_list.html", {"plans": plans})


@require_GET
@staff_view(VIEW)
def plan_detail(request, pk):
    plan = get_object_or_404(Plan, pk=pk)
    return render(
        request,
        "plans/plan_detail.html",
        {
            "plan": plan,
            "progress": selectors.plan_progress(plan),
            "reports": plan.reports.select_related("requested_by")[:10],
            "report_form": ReportForm(initial={"plan": plan}),
        },
    )


@require_GET
@staff_view(VIEW)
def plan_document(request, pk):
    plan = get_object_or_404(Plan, pk=pk)
    return private_file_response(plan.document_file)


@require_http_methods(["GET", "POST"])
@staff_view(MANAGE)
def plan_form(request, pk=None):
    plan = get_object_or_404(Plan, pk=pk) if pk else Plan()
    form = PlanForm(request.POST or None, request.FILES or None, instance=plan)
    if request.method == "POST" and form.is_valid():
        try:
            plan = services.plan_save(plan=form.save(commit=False), by=request.user)
        except ApplicationError as error:
            error_to_form(form, error)
        else:
            messages.success(request, _("The plan is saved."))
            return redirect(plan)
    return render(request, "plans/plan_form.html", {"form": form, "plan": plan if pk else None})


@require_http_methods(["GET", "POST"])
@staff_view(MANAGE)
def target_form(request, plan_pk, pk=None):
    plan = get_object_or_404(Plan, pk=plan_pk)
    target = get_object_or_404(Target, pk=pk, plan=plan) if pk else Target(plan=plan)
    form = TargetForm(request.POST or None, instance=target)
    if request.method == "POST" and form.is_valid():
        try:
            services.target_save(target=form.save(commit=False), by=request.user)
        except ApplicationError as error:
            error_to_form(form, error)
        else:
            messages.success(request, _("The target is saved."))
            return redirect(plan)
    metrics = [(m, str(m.description)) for m in registry.all()]
    return render(request, "plans/target_form.html", {"form": form, "plan": plan, "target": target, "metrics": metrics})


@require_POST
@staff_view(MANAGE)
def target_delete(request, plan_pk, pk):
    target = get_object_or_404(Target, pk=pk, plan_id=plan_pk)
    services.target_delete(target=target, by=request.user)
    messages.success(request, _("The target is removed."))
    return redirect(target.plan)


# --- Period reports ---------------------------------------------------------------------------


@require_POST
@staff_view(VIEW)
def report_create(request):
    form = ReportForm(request.POST)
    if not form.is_valid():
        for errors in form.errors.values():
            for error in errors:
                messages.error(request, error)
        return redirect(request.POST.get("back") or "plans:dashboard")
    plan = form.cleaned_data["plan"]
    start = form.cleaned_data["starts_on"] or plan.starts_on
    end = form.cleaned_data["ends_on"] or plan.ends_on
    communes, districts = selectors.areas()
    scope_form = FilterForm(request.POST, sectors=selectors.sectors(), communes=communes, districts=districts)
    try:
        report = services.report_request(start=start, end=end, plan=plan, scope=scope_form.scope(), by=request.user)
    except ApplicationError as error:
        messages.error(request, error.message)
        return redirect("plans:dashboard")
    return redirect(report)


@require_GET
@staff_view(VIEW)
def report_detail(request, pk):
    report = get_object_or_404(Report.objects.select_related("plan"), pk=pk)
    return render(request, "plans/report.html", {"report": report})


@require_GET
@staff_view(VIEW)
def report_status(request, pk):
    report = get_object_or_404(Report, pk=pk)
    return JsonResponse({"status": report.status, "progress": report.progress, "done": report.status == "done"})


@require_GET
@staff_view(VIEW)
def report_download(request, pk, kind):
    report = get_object_or_404(Report, pk=pk, status=Report.Status.DONE)
    if kind not in ("docx", "xlsx"):
        raise Http404
    return private_file_response(getattr(report, kind))


# --- Public -----------------------------------------------------------------------------------


@public_view
@require_safe
@public_page
def numbers(request):
    today = timezone.localdate()
    # Keyed by the public pages' generation: a certificate or product saved shows at once.
    # With the cache down the figures are computed for each request (the page still answers).
    key = f"plans:numbers:{today.isoformat()}:{cache_get_safe(GENERATION_KEY, 0)}"
    figures = cache_get_safe(key)
    if figures is None:
        figures = selectors.public_numbers(today=today)
        cache_set_safe(key, figures, NUMBERS_CACHE_SECONDS)
    return render(request, "plans/numbers.html", {"figures": figures})
