"""Writes of the showcase: QR codes and buyers' enquiries."""

import logging
import re

from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext

from cooperatives.models import Cooperative, Membership
from ocop_portal.emails import email_queue
from ocop_portal.errors import ApplicationError

from .models import Enquiry, ProductCode, new_code

logger = logging.getLogger(__name__)


def product_code_ensure(*, product) -> ProductCode:
    """The product's permanent QR code, created the first time it is needed.

    Side effects: may insert one ProductCode row (a new random code; retried on the rare clash).
    Never changes an existing code."""
    existing = ProductCode.objects.filter(product_id=product.pk).first()
    if existing:
        return existing
    for _attempt in range(10):
        try:
            with transaction.atomic():
                return ProductCode.objects.create(product_id=product.pk, code=new_code())
        except IntegrityError:
            existing = ProductCode.objects.filter(product_id=product.pk).first()
            if existing:  # created meanwhile by another request
                return existing
    raise RuntimeError("Could not find a free QR code after 10 attempts")


def enquiry_create(
    *,
    product,
    name: str,
    phone: str = "",
    email: str = "",
    organisation: str = "",
    quantity: str = "",
    message: str,
    language: str = "vi",
) -> Enquiry:
    """Store a buyer's enquiry about `product` and tell its cooperative.

    Side effects: one Enquiry row; one email (via the outbox, sent after commit) to the
    cooperative's address and its managers, if any of them has an email address.
    Raises ApplicationError when neither a phone nor an email is given."""
    if not (phone or email):
        raise ApplicationError(gettext("Give a phone number or an email address so the producer can answer."))
    with transaction.atomic():
        enquiry = Enquiry(
            cooperative_id=product.cooperative_id,
            product=product,
            name=name,
            organisation=organisation,
            phone=phone,
            email=email,
            quantity=quantity,
            message=message,
            language=language,
        )
        enquiry.full_clean()
        enquiry.save()
        _notify_cooperative(enquiry=enquiry)
    return enquiry


def _mailbox(name: str, address: str) -> str:
    """ "Trần Thị Bình" <binh@example.vn>: the name on one line, without the characters that
    would end the quoted name (Django encodes it when the email is sent)."""
    name = re.sub(r'["\\<>]', "", " ".join(name.split()))
    return f'"{name}" <{address}>' if name else address


def _notify_cooperative(*, enquiry: Enquiry) -> None:
    cooperative = Cooperative.objects.get(pk=enquiry.cooperative_id)
    managers = Membership.objects.filter(
        cooperative=cooperative, role=Membership.Role.MANAGER, user__is_active=True
    ).values_list("user__email", flat=True)
    recipients = list(dict.fromkeys(address for address in [cooperative.email, *managers] if address))
    if not recipients:
        logger.info("Enquiry %s: cooperative %s has no email address", enquiry.pk, cooperative.pk)
        return
    with translation.override("vi"):
        subject = gettext("New buyer enquiry: %(product)s") % {"product": enquiry.product or cooperative}
        path = reverse("showcase:space_enquiries")
    email_queue(
        to=recipients,
        subject=subject,
        template="showcase/email/enquiry_new",
        context={"enquiry": enquiry, "cooperative": cooperative, "space_path": path},
        language="vi",
        # "Reply" in the producer's mail program answers the buyer, not the portal.
        reply_to=[_mailbox(enquiry.name, enquiry.email)] if enquiry.email else [],
    )


def enquiry_mark_handled(*, enquiry: Enquiry, by) -> Enquiry:
    """Mark an enquiry as handled by the cooperative (safe to repeat).

    Side effects: updates the enquiry's status, handled_at and handled_by."""
    with transaction.atomic():
        locked = Enquiry.objects.select_for_update().get(pk=enquiry.pk)
        if locked.status != Enquiry.Status.HANDLED:
            locked.status = Enquiry.Status.HANDLED
            locked.handled_at = timezone.now()
            locked.handled_by = by
            locked.save(update_fields=["status", "handled_at", "handled_by", "updated_at"])
    return locked
