"""Writes of the plans app: plans and targets (validated, all or nothing) and the period
reports (requested here, built by the Celery task `plans.report_build`)."""

import logging

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone, translation

from ocop_portal.errors import ApplicationError, raise_validation

from .metrics import Scope
from .models import Plan, Report, Target

logger = logging.getLogger(__name__)


def _save(instance):
    try:
        instance.full_clean()
    except ValidationError as error:
        raise_validation(error)
    instance.save()
    return instance


@transaction.atomic
def plan_save(*, plan: Plan, by) -> Plan:
    """Create or update a plan after checking it (the period's order); nothing saved on error."""
    return _save(plan)


@transaction.atomic
def target_save(*, target: Target, by) -> Target:
    """Create or update a target: the metric must be one of the registry's, the figures not
    negative, a range ordered, a percentage at most 100. Nothing saved on error."""
    return _save(target)


@transaction.atomic
def target_delete(*, target: Target, by) -> None:
    target.delete()


def report_request(*, start, end, plan=None, scope: Scope | None = None, by=None) -> Report:
    """Record a report to build and queue the task once the row is committed. Side effect: a
    Celery task (run at once when CELERY_TASK_ALWAYS_EAGER)."""
    from .tasks import report_build_task

    if end < start:
        raise ApplicationError(translation.gettext("The period must end on or after the day it starts."))
    scope = scope or Scope()
    with transaction.atomic():
        report = Report.objects.create(
            plan=plan,
            starts_on=start,
            ends_on=end,
            filters={"sector": scope.sector, "commune": scope.commune, "district": scope.district},
            requested_by=by,
        )
        transaction.on_commit(lambda: report_build_task.delay(report.pk), robust=True)
    return report


def _progress(report, percent):
    Report.objects.filter(pk=report.pk).update(progress=min(percent, 100), status=Report.Status.RUNNING)


def report_build(*, report: Report) -> Report:
    """Build the Word and Excel files of `report`, updating its progress as it goes. Safe to
    run twice (a finished report is left alone)."""
    from .reports.content import report_content
    from .reports.docx import render_docx
    from .reports.xlsx import render_xlsx

    if report.status == Report.Status.DONE:
        return report
    _progress(report, 1)
    filters = report.filters or {}
    scope = Scope(sector=filters.get("sector"), commune=filters.get("commune"), district=filters.get("district") or "")
    try:
        with translation.override("vi"):
            content = report_content(
                start=report.starts_on,
                end=report.ends_on,
                plan=report.plan,
                scope=scope,
                progress=lambda percent: _progress(report, percent),
            )
            docx = render_docx(content)
            xlsx = render_xlsx(content)
    except Exception as error:
        logger.exception("report %s failed", report.pk)
        Report.objects.filter(pk=report.pk).update(status=Report.Status.FAILED, error=str(error)[:2000])
        report.refresh_from_db()
        return report
    stem = f"bao-cao-ocop-{report.starts_on:%Y%m%d}-{report.ends_on:%Y%m%d}"
    report.docx.save(f"{stem}.docx", ContentFile(docx), save=False)
    report.xlsx.save(f"{stem}.xlsx", ContentFile(xlsx), save=False)
    report.status = Report.Status.DONE
    report.progress = 100
    report.updated_at = timezone.now()
    report.save(update_fields=["docx", "xlsx", "status", "progress", "updated_at"])
    return report
