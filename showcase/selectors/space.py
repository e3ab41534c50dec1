"""The showcase's reads in the cooperative's space: its enquiries."""

from django.db.models import Count

from ..models import Enquiry


def space_enquiries(*, cooperative, status: str = ""):
    """The cooperative's enquiries, newest first, with their product (one query per page)."""
    enquiries = Enquiry.objects.filter(cooperative=cooperative).select_related("product")
    return enquiries.filter(status=status) if status else enquiries


def space_enquiry_counts(*, cooperative) -> dict[str, int]:
    """How many of the cooperative's enquiries are in each status."""
    return dict(
        Enquiry.objects.filter(cooperative=cooperative)
        .values("status")
        .annotate(n=Count("pk"))
        .values_list("status", "n")
        .order_by()
    )
