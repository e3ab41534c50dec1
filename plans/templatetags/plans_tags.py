from django import template
from django.utils.translation import gettext as _

from ocop_portal.text import format_vnd

from ..charts import bar_chart, sparkline
from ..metrics import VND
from ..reports.content import metric_display, target_display

register = template.Library()


@register.simple_tag
def chart_svg(chart):
    return bar_chart(chart.rows or [], title=str(chart.title), chart_id=f"chart-{chart.code}")


@register.simple_tag
def progress_sparkline(progress):
    goal = progress.target.target_value if progress.target else None
    return sparkline(progress.monthly, label=_("Month by month: %(name)s") % {"name": progress.metric.name}, goal=goal)


@register.simple_tag
def metric_value(progress):
    return metric_display(progress.metric, progress.value)


@register.simple_tag
def target_value(progress):
    return target_display(progress.target, progress.metric) if progress.target else ""


@register.simple_tag
def expected_value(progress):
    """The share of the target due by today, in the metric's unit."""
    if progress.expected is None:
        return ""
    if progress.metric.unit == VND:
        return format_vnd(round(progress.expected))
    return f"{progress.expected:.1f}".replace(".", ",").removesuffix(",0")


STATUS_CLASSES = {"achieved": "text-bg-success", "on_track": "text-bg-primary"}


@register.filter
def status_class(status):
    return STATUS_CLASSES.get(status, "text-bg-danger")


@register.filter
def percent(value):
    if value is None:
        return ""
    return f"{value:.1f}".replace(".", ",") + " %"
