from celery import shared_task


@shared_task(name="plans.report_build")
def report_build_task(report_id: int) -> str:
    """Build a requested period report (Word and Excel). Quiet when the row is gone."""
    from .models import Report
    from .services import report_build

    report = Report.objects.filter(pk=report_id).select_related("plan").first()
    if report is None:
        return "gone"
    return report_build(report=report).status
