"""Writes on cooperatives and their space: profile, legal-identity change requests, members,
support requests. Each is atomic, locks what two people could change at once, and queues its
emails through `ocop_portal.emails.email_queue`."""

from django.contrib.auth.models import Group
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from accounts.roles import COOPERATIVE_MEMBER
from accounts.selectors import staff_emails
from ocop_portal.emails import absolute_url, email_queue
from ocop_portal.errors import ApplicationError, raise_validation
from ocop_portal.text import unique_slug
from showcase.cache import public_pages_invalidate

from .models import (
    Cooperative,
    LegalChangeRequest,
    Membership,
    SupportAttachment,
    SupportNote,
    SupportRequest,
)

# Fields a cooperative edits in its space; the legal identity goes through staff instead.
PROFILE_FIELDS = [
    "phone",
    "email",
    "website",
    "commune",
    "street_address",
    "description",
    "logo",
    "members_count",
    "leader_name",
    "legal_representative",
    "legal_representative_sex",
    "legal_representative_ethnicity",
]
LEGAL_FIELDS = ["name", "registration_number", "kind"]


def _member_emails(cooperative_id: int) -> list[str]:
    return list(
        Membership.objects.filter(cooperative_id=cooperative_id, user__is_active=True)
        .order_by("user__email")
        .values_list("user__email", flat=True)
    )


def _validate(cooperative: Cooperative) -> None:
    if not cooperative.slug:
        # The one slug rule: made once from the name; the public address never changes after.
        cooperative.slug = unique_slug(Cooperative, cooperative.name, fallback="htx", exclude_pk=cooperative.pk)
    try:
        cooperative.full_clean()
    except ValidationError as error:
        raise_validation(error)


def cooperative_create(*, by, name: str, slug: str = "", **fields) -> Cooperative:
    """Create a producer in the registry (staff approving a sign-up for a new one, the admin,
    the Excel import). Without a `slug`, one is made from the name.

    Side effects: the row (history recorded), the public pages invalidated. Raises
    ApplicationError with the field's message when the details are refused."""
    cooperative = Cooperative(name=name.strip(), slug=slug, **fields)
    _validate(cooperative)
    with transaction.atomic():
        cooperative._history_user = by
        cooperative.save()
        public_pages_invalidate()
    return cooperative


def cooperative_update(*, cooperative: Cooperative, by, reason: str = "") -> Cooperative:
    """Save a producer staff edited in the admin or in an Excel import (`cooperative` carries
    the new values). Side effects: the row (history recorded, with `reason`); its products'
    search text when the name or place changed; the public pages invalidated. Raises
    ApplicationError (nothing saved) when a value is refused."""
    _validate(cooperative)
    with transaction.atomic():
        cooperative._history_user = by
        if reason:
            cooperative._change_reason = reason
        cooperative.save()
        _cooperative_changed(cooperative)
    return cooperative


def _cooperative_changed(cooperative: Cooperative) -> None:
    """What follows any save of an existing producer: its products are found by its name,
    commune and former district too, and the public pages show it."""
    from products.services import product_search_texts_refresh

    product_search_texts_refresh(cooperative=cooperative)
    public_pages_invalidate()


# --- Profile and legal identity ---------------------------------------------------------------


def cooperative_profile_update(
    *, cooperative: Cooperative, by, data: dict, legal: dict | None = None, document=None
) -> LegalChangeRequest | None:
    """Save the profile fields of `data` at once (recorded in the cooperative's history) and
    turn any change of the legal identity in `legal` (name, registration number, type) into a
    request to staff instead of applying it.

    Returns the LegalChangeRequest when one was made or updated. Raises ApplicationError
    (nothing saved) when a value is refused."""
    unknown = set(data) - set(PROFILE_FIELDS)
    if unknown:
        raise ValueError(f"not profile fields: {sorted(unknown)}")
    with transaction.atomic():
        locked = Cooperative.objects.select_for_update().get(pk=cooperative.pk)
        changed = [field for field, value in data.items() if getattr(locked, field) != value]
        for field in changed:
            setattr(locked, field, data[field])
        if changed:
            try:
                locked.full_clean()
            except ValidationError as error:
                raise_validation(error)
            locked._history_user = by
            locked._change_reason = "space: profile"
            locked.save()
            _cooperative_changed(locked)
        request = None
        legal = {field: value for field, value in (legal or {}).items() if field in LEGAL_FIELDS}
        if any(getattr(locked, field) != value for field, value in legal.items()):
            request = legal_change_submit(cooperative=locked, by=by, values=legal, document=document)
    cooperative.refresh_from_db()
    return request


def legal_change_submit(*, cooperative: Cooperative, by, values: dict, document=None) -> LegalChangeRequest:
    """Ask staff to change the cooperative's name, registration number or type. A request
    still waiting is updated rather than duplicated.

    Side effects: a LegalChangeRequest row; an email to the Alliance staff."""
    values = {field: values.get(field, getattr(cooperative, field)) for field in LEGAL_FIELDS}
    values["name"] = (values["name"] or "").strip()
    if not values["name"]:
        raise ApplicationError(_("The name cannot be empty."), field="name")
    number = values["registration_number"]
    if number and Cooperative.objects.filter(registration_number=number).exclude(pk=cooperative.pk).exists():
        raise ApplicationError(_("Another producer already has this registration number."), field="registration_number")
    with transaction.atomic():
        request = (
            LegalChangeRequest.objects.select_for_update()
            .filter(cooperative=cooperative, status=LegalChangeRequest.Status.PENDING)
            .first()
        ) or LegalChangeRequest(cooperative=cooperative)
        for field, value in values.items():
            setattr(request, field, value)
        request.requested_by = by
        request.previous = {field: getattr(cooperative, field) for field in LEGAL_FIELDS}
        if document is not None:
            request.document = document
        try:
            request.full_clean(exclude=["document"])
        except ValidationError as error:
            raise_validation(error)
        request.save()
        email_queue(
            to=staff_emails(),
            subject=format_lazy(_("Legal identity change requested: {name}"), name=cooperative.name),
            template="cooperatives/email/legal_change_staff_notice",
            context={
                "request": request,
                "cooperative": cooperative,
                "admin_url": absolute_url("admin:cooperatives_legalchangerequest_change", object_id=request.pk),
            },
        )
    return request


def _lock_pending_legal(request: LegalChangeRequest) -> LegalChangeRequest:
    locked = LegalChangeRequest.objects.select_for_update().filter(pk=request.pk).first()
    if locked is None or locked.status != LegalChangeRequest.Status.PENDING:
        raise ApplicationError(_("This request has already been decided."))
    return locked


def legal_change_approve(*, request: LegalChangeRequest, by, note: str = "") -> Cooperative:
    """Apply a legal identity change to the cooperative (recorded in its history).

    Side effects: the cooperative's name/registration number/type (and its products' search
    text); the request marked approved; an email to the cooperative's accounts."""
    with transaction.atomic():
        request = _lock_pending_legal(request)
        cooperative = Cooperative.objects.select_for_update().get(pk=request.cooperative_id)
        for field in LEGAL_FIELDS:
            setattr(cooperative, field, getattr(request, field))
        try:
            cooperative.full_clean()
        except ValidationError as error:
            raise_validation(error)
        cooperative._history_user = by
        cooperative._change_reason = f"legal change request #{request.pk}"
        cooperative.save()
        _cooperative_changed(cooperative)
        request.status = LegalChangeRequest.Status.APPROVED
        request.decided_at = timezone.now()
        request.decided_by = by
        request.decision_note = note.strip()
        request.save()
        _legal_decision_email(request, cooperative)
    return cooperative


def legal_change_reject(*, request: LegalChangeRequest, by, note: str) -> LegalChangeRequest:
    """Refuse a legal identity change, telling the cooperative why."""
    if not (note or "").strip():
        raise ApplicationError(_("Write a note telling the cooperative why the change is refused."), field="note")
    with transaction.atomic():
        request = _lock_pending_legal(request)
        request.status = LegalChangeRequest.Status.REJECTED
        request.decided_at = timezone.now()
        request.decided_by = by
        request.decision_note = note.strip()
        request.save()
        _legal_decision_email(request, request.cooperative)
    return request


def _legal_decision_email(request, cooperative):
    email_queue(
        to=_member_emails(cooperative.pk),
        subject=format_lazy(
            _("Your legal identity change request: {status}"), status=LegalChangeRequest.Status(request.status).label
        ),
        template="cooperatives/email/legal_change_decided",
        context={"request": request, "cooperative": cooperative, "profile_url": absolute_url("cooperatives:profile")},
    )


# --- Members ----------------------------------------------------------------------------------


def membership_remove(*, membership: Membership, by) -> None:
    """A manager removes a colleague from the cooperative's space.

    The account is deactivated (it belonged to this cooperative only): its sessions end and it
    can be invited again later. Side effects: the Membership row deleted, the user leaves the
    cooperative-member group; an email to the removed person. A manager cannot remove
    themselves."""
    with transaction.atomic():
        locked = Membership.objects.select_for_update().select_related("user", "cooperative").get(pk=membership.pk)
        acting = Membership.objects.filter(user=by, cooperative_id=locked.cooperative_id).first()
        if acting is None or acting.role != Membership.Role.MANAGER:
            raise ApplicationError(_("Only the cooperative's manager can remove members."))
        if locked.user_id == by.pk:
            raise ApplicationError(_("You cannot remove yourself. Ask the Alliance staff to hand over the space."))
        user, cooperative = locked.user, locked.cooperative
        locked.delete()
        user.groups.remove(Group.objects.get(name=COOPERATIVE_MEMBER))
        if not user.is_staff:
            user.is_active = False
            user.save(update_fields=["is_active"])
        email_queue(
            to=user.email,
            subject=format_lazy(_("You no longer have access to {name}'s space"), name=cooperative.name),
            template="cooperatives/email/member_removed",
            context={"user": user, "cooperative": cooperative, "by": by},
            language=user.preferred_language,
        )


# --- Support requests -------------------------------------------------------------------------

ALLOWED_TRANSITIONS = {
    SupportRequest.Status.NEW: {SupportRequest.Status.IN_PROGRESS, SupportRequest.Status.DECLINED},
    SupportRequest.Status.IN_PROGRESS: {SupportRequest.Status.DONE, SupportRequest.Status.DECLINED},
    SupportRequest.Status.DONE: set(),
    SupportRequest.Status.DECLINED: set(),
}


def support_request_create(
    *,
    cooperative: Cooperative,
    by,
    kind: str,
    subject: str,
    description: str,
    amount: int | None = None,
    product=None,
    files=(),
) -> SupportRequest:
    """A cooperative asks the Alliance for support. `files` are checked documents
    (ocop_portal.uploads.document_clean), stored in the private storage.

    Side effects: SupportRequest and SupportAttachment rows; an email to the Alliance staff.
    Raises ApplicationError for a loan without an amount or a product of another cooperative."""
    if kind == SupportRequest.Kind.LOAN and not amount:
        raise ApplicationError(_("Enter the amount of the loan."), field="amount")
    if kind != SupportRequest.Kind.LOAN:
        amount = None
    if product is not None and product.cooperative_id != cooperative.pk:
        raise ApplicationError(_("Choose one of your cooperative's products."), field="product")
    request = SupportRequest(
        cooperative=cooperative,
        created_by=by,
        kind=kind,
        subject=subject.strip(),
        description=description.strip(),
        amount=amount,
        product=product,
    )
    try:
        request.full_clean()
    except ValidationError as error:
        raise_validation(error)
    with transaction.atomic():
        request.save()
        _attachments_save(request, files, by)
        email_queue(
            to=staff_emails(),
            subject=format_lazy(
                _("Support request from {name}: {kind}"), name=cooperative.name, kind=request.get_kind_display()
            ),
            template="cooperatives/email/support_staff_notice",
            context={
                "request": request,
                "cooperative": cooperative,
                "admin_url": absolute_url("admin:cooperatives_supportrequest_change", object_id=request.pk),
            },
        )
    return request


def _attachments_save(request, files, by):
    for content in files:
        original = getattr(content, "original_name", "") or content.name
        SupportAttachment.objects.create(
            request=request, file=content, original_name=original[:255], size=content.size, uploaded_by=by
        )


def support_attachments_add(*, request: SupportRequest, by, files) -> list[SupportAttachment]:
    """Add documents to an open support request of the user's cooperative."""
    with transaction.atomic():
        locked = SupportRequest.objects.select_for_update().get(pk=request.pk)
        if not locked.is_open:
            raise ApplicationError(_("This request is closed; send a new one if you need more help."))
        before = set(locked.attachments.values_list("pk", flat=True))
        _attachments_save(locked, files, by)
        return list(locked.attachments.exclude(pk__in=before))


def support_request_transition(*, request: SupportRequest, by, status: str, note: str = "") -> SupportRequest:
    """Staff move a support request on: new → in progress → done, or declined (with a note).

    Side effects: the status (and closed_at); a SupportNote the cooperative reads; an email to
    the cooperative's accounts."""
    with transaction.atomic():
        locked = SupportRequest.objects.select_for_update().get(pk=request.pk)
        if status not in ALLOWED_TRANSITIONS[locked.status]:
            raise ApplicationError(
                format_lazy(
                    _("A request that is “{current}” cannot become “{new}”."),
                    current=locked.get_status_display(),
                    new=SupportRequest.Status(status).label,
                )
            )
        if status == SupportRequest.Status.DECLINED and not note.strip():
            raise ApplicationError(_("Write a note telling the cooperative why the request is declined."), field="note")
        locked.status = status
        if status in (SupportRequest.Status.DONE, SupportRequest.Status.DECLINED):
            locked.closed_at = timezone.now()
        if locked.assigned_to_id is None and by.is_staff:
            locked.assigned_to = by
        locked.save()
        SupportNote.objects.create(request=locked, author=by, text=note.strip(), status_to=status)
        _support_email(locked)
    return locked


def support_note_add(*, request: SupportRequest, by, text: str) -> SupportNote:
    """Staff write a note on a support request; the cooperative reads it and gets an email."""
    if not text.strip():
        raise ApplicationError(_("The note is empty."), field="text")
    with transaction.atomic():
        note = SupportNote.objects.create(request=request, author=by, text=text.strip())
        _support_email(request)
    return note


def support_request_assign(*, request: SupportRequest, by, assignee) -> SupportRequest:
    """Give a support request to a staff member (or to nobody)."""
    if assignee is not None and not assignee.is_staff:
        raise ApplicationError(_("Only Alliance staff can be assigned a request."), field="assigned_to")
    with transaction.atomic():
        locked = SupportRequest.objects.select_for_update().get(pk=request.pk)
        locked.assigned_to = assignee
        locked.save(update_fields=["assigned_to", "updated_at"])
    return locked


def _support_email(request: SupportRequest) -> None:
    email_queue(
        to=_member_emails(request.cooperative_id),
        subject=format_lazy(
            _("Your support request “{subject}”: {status}"),
            subject=request.subject,
            status=SupportRequest.Status(request.status).label,
        ),
        template="cooperatives/email/support_update",
        context={
            "request": request,
            "notes": list(request.notes.all()),
            "url": absolute_url("cooperatives:support_detail", pk=request.pk),
        },
    )
