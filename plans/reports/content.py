"""What the period report says: the same selectors as the dashboard, laid out as tables. The
Word document (docx.py) and the Excel workbook (xlsx.py) both render this content, and the tests
read both back and compare them with the selectors."""

import dataclasses
import datetime

from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from ocop_portal.text import format_thousands, format_vnd

from .. import selectors
from ..metrics import PERCENT, VND, YESNO, Scope, registry


@dataclasses.dataclass
class Table:
    code: str
    title: str
    headers: list[str]
    rows: list[list]  # raw values (numbers stay numbers) for Excel
    note: str = ""
    sheet: str = ""  # the Excel sheet's name (at most 31 characters)

    def text_rows(self) -> list[list[str]]:
        return [[display(value) for value in row] for row in self.rows]


def display(value) -> str:
    """A cell as the Word document shows it: Vietnamese separators, dates day first."""
    if value is None:
        return _("no data")
    if isinstance(value, bool):
        return _("yes") if value else _("no")
    if isinstance(value, datetime.date):
        return date_format(value, "d/m/Y")
    if isinstance(value, float):
        return f"{value:,.1f}".replace(",", " ").replace(".", ",").replace(" ", ".")
    if isinstance(value, int):
        return format_thousands(value)
    return str(value)


def metric_display(metric, value) -> str:
    if value is None:
        return _("no data")
    if metric.unit == PERCENT:
        return f"{display(float(value))} %"
    if metric.unit == VND:
        return format_vnd(int(value))
    if metric.unit == YESNO:
        return _("yes") if value else _("no")
    return display(int(value))


def target_display(target, metric) -> str:
    if target.target_value is None:
        return _("no figure")
    low = int(target.target_value) if target.target_value == int(target.target_value) else float(target.target_value)
    text = display(low)
    if target.target_max is not None:
        high = target.target_max
        text = f"{text}–{display(int(high) if high == int(high) else float(high))}"
    if metric.unit == PERCENT:
        text += " %"
    elif metric.unit == VND:
        text += " ₫"
    return text


def _targets_table(plan, start, end, scope, today) -> Table:
    rows = []
    for progress in selectors.plan_progress(plan, scope=scope, start=start, end=end, today=today, monthly=False):
        target = progress.target
        rows.append(
            [
                str(progress.metric.name),
                target.wording,
                target_display(target, progress.metric),
                metric_display(progress.metric, progress.value),
                progress.percent,
                str(progress.status_label) if progress.status else "",
            ]
        )
    return Table(
        code="targets",
        title=_("Targets and results"),
        headers=[_("Metric"), _("As the plan states it"), _("Target"), _("Result"), _("% of target"), _("Assessment")],
        rows=rows,
        sheet=_("Targets"),
    )


def _breakdown_table(code, title, chart_rows, label, sheet) -> Table:
    rows = [[label_value, count] for label_value, count in chart_rows or []]
    rows.append([pgettext("report", "Total"), sum(count for _label, count in chart_rows or [])])
    return Table(code=code, title=title, headers=[label, _("Valid certificates")], rows=rows, sheet=sheet)


def _figures_table(start, end, scope) -> Table:
    rows = []
    for metric in registry.all():
        value = metric.value(start=start, end=end, scope=scope)
        rows.append([str(metric.name), metric_display(metric, value)])
    return Table(
        code="figures",
        title=_("All figures of the period"),
        headers=[_("Metric"), _("Value")],
        rows=rows,
        sheet=_("All figures"),
    )


def _certified_table(start, end, scope) -> Table:
    metric = registry.get("products_certified")
    rows = []
    for certificate in metric.records(start=start, end=end, scope=scope):
        cooperative = certificate.product.cooperative
        rows.append(
            [
                certificate.product_code,
                certificate.product.name,
                cooperative.name,
                cooperative.commune.name if cooperative.commune_id else cooperative.former_district,
                certificate.stars,
                certificate.decision_number,
                certificate.decision_date,
            ]
        )
    return Table(
        code="certified",
        title=_("Products newly certified in the period"),
        headers=[_("Product code"), _("Product"), _("Producer"), _("Commune"), _("Stars"), _("Decision"), _("Date")],
        rows=rows,
        sheet=_("New certificates"),
    )


def _leaders_table(start, end, scope) -> Table:
    rows = [
        [row["cooperative"].name, str(row["leader"]) if row.get("leader") else "", str(row["course"] or "")]
        for row in registry.get("leaders_trained_percent").records(start=start, end=end, scope=scope)
        if row.get("trained")
    ]
    available = selectors.trainings_selector("leader_coverage") is not None
    return Table(
        code="leaders",
        title=_("Leaders trained"),
        headers=[_("Producer"), _("Leader"), _("Course")],
        rows=rows,
        note="" if available else _("no data: trainings are not recorded in the portal yet."),
        sheet=_("Leaders trained"),
    )


def _trade_table(start, end, scope) -> Table:
    from fairs import selectors as fairs

    totals = fairs.outcome_totals(start=start, end=end, cooperatives=scope.cooperatives())
    participations = registry.get("fair_participations").value(start=start, end=end, scope=scope)
    exhibitors = registry.get("conference_exhibitors").value(start=start, end=end, scope=scope)
    rows = [
        [_("Participations in trade-promotion events"), participations],
        [_("Exhibitors at supply–demand conferences"), exhibitors],
        [_("Sales reported (VND)"), totals["sales_vnd"]],
        [_("Contracts signed"), totals["contracts_count"]],
        [_("Value of the contracts (VND)"), totals["contracts_value_vnd"]],
        [_("New buyers"), totals["new_buyers"]],
    ]
    return Table(
        code="trade",
        title=_("Outcomes of trade promotion"),
        headers=[_("Figure"), _("Value")],
        rows=rows,
        sheet=_("Trade promotion"),
    )


STEPS = 8


def report_content(*, start, end, plan=None, scope=Scope(), today=None, progress=None) -> dict:  # noqa: B008
    """Every table of the report. `progress(percent)` is called after each step."""
    from django.utils import timezone

    today = today or timezone.localdate()
    tick = progress or (lambda percent: None)
    tables = []
    memo = {}  # the three breakdowns below come from one query
    steps = [
        lambda: _targets_table(plan, start, end, scope, today) if plan else None,
        lambda: _breakdown_table(
            "stars",
            _("Valid certificates by stars"),
            selectors.chart_stars(start, end, scope, memo),
            _("Stars"),
            _("By stars"),
        ),
        lambda: _breakdown_table(
            "sector",
            _("Valid certificates by sector"),
            selectors.chart_sector(start, end, scope, memo),
            _("Sector"),
            _("By sector"),
        ),
        lambda: _breakdown_table(
            "commune",
            _("Valid certificates by commune"),
            selectors.chart_commune(start, end, scope, memo),
            _("Commune"),
            _("By commune"),
        ),
        lambda: _certified_table(start, end, scope),
        lambda: _leaders_table(start, end, scope),
        lambda: _trade_table(start, end, scope),
        lambda: _figures_table(start, end, scope),
    ]
    for index, step in enumerate(steps, start=1):
        table = step()
        if table is not None:
            tables.append(table)
        tick(round(90 * index / len(steps)))
    return {
        "plan": plan,
        "start": start,
        "end": end,
        "period": f"{date_format(start, 'd/m/Y')} – {date_format(end, 'd/m/Y')}",
        "generated_on": date_format(today, "d/m/Y"),
        "tables": tables,
    }
