"""Private documents of the space, streamed as attachments after a permission check: the
cooperative's own accounts, or Alliance staff (from the admin). Anyone else gets 404."""

from django.views.decorators.http import require_GET

from ocop_portal.files import private_file_response
from ocop_portal.guards import get_permitted_or_404, login_view

from ..models import LegalChangeRequest, SupportAttachment


@require_GET
@login_view
def support_attachment(request, pk):
    attachment = get_permitted_or_404(
        SupportAttachment.objects.select_related("request"),
        request.user,
        "cooperatives.download_document",
        subject=lambda attachment: attachment.request,
        pk=pk,
    )
    return private_file_response(attachment.file, download_name=attachment.original_name or None)


@require_GET
@login_view
def legal_document(request, pk):
    change = get_permitted_or_404(
        LegalChangeRequest.objects.exclude(document=""), request.user, "cooperatives.download_document", pk=pk
    )
    return private_file_response(change.document)
