"""Private documents of the space, streamed as attachments after a permission check: the
cooperative's own accounts, or Alliance staff (from the admin). Anyone else gets 404."""

from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.views.decorators.http import require_GET

from accounts.rules import is_alliance_staff
from ocop_portal.files import private_file_response

from ..access import cooperative_for_user, get_owned_or_404
from ..models import LegalChangeRequest, SupportAttachment


@require_GET
@login_required
def support_attachment(request, pk):
    queryset = SupportAttachment.objects.select_related("request")
    if is_alliance_staff(request.user):
        attachment = queryset.filter(pk=pk).first()
    else:
        attachment = queryset.filter(pk=pk, request__cooperative=cooperative_for_user(request.user)).first()
    if attachment is None:
        raise Http404
    return private_file_response(attachment.file, download_name=attachment.original_name or None)


@require_GET
@login_required
def legal_document(request, pk):
    queryset = LegalChangeRequest.objects.exclude(document="")
    if is_alliance_staff(request.user):
        change = queryset.filter(pk=pk).first()
    else:
        change = get_owned_or_404(queryset, request.user, pk=pk)
    if change is None:
        raise Http404
    return private_file_response(change.document)
